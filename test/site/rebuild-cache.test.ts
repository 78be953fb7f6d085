/**
 * A rebuild reuses the last build's parse of each unchanged content file (parse-cache.ts, kept
 * under SITREP_CACHE_DIR): the site it writes is the same, byte for byte, an edited file is
 * parsed again and shows on its page, and a change elsewhere still finds a cached file's errors.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuildResult } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';

let fx: Awaited<ReturnType<typeof fixture>>;
let cache: string;
beforeAll(async () => {
  fx = await fixture();
  cache = await mkdtemp(join(tmpdir(), 'sitrep-rebuild-cache-'));
});
afterAll(() => Promise.all([fx.cleanup(), rm(cache, { recursive: true, force: true })]));

/** Build the fixture with the shared cache; the content cache's counts from the timings file. */
async function build(): Promise<BuildResult & { reused: number; parsed: number }> {
  const timings = join(cache, 'timings.json');
  const result = await buildSite(['--root', fx.root], { SITREP_CACHE_DIR: cache, SITREP_TIMINGS_FILE: timings });
  expect(result.code, result.stderr).toBe(0);
  const { contentCache } = JSON.parse(await readFile(timings, 'utf8')) as { contentCache: { reused: number; parsed: number } };
  return { ...result, ...contentCache };
}

/** Every file of a built site with its bytes, but the search index (Pagefind names its files by hash). */
async function site(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile() && !join(d.parentPath, d.name).includes('/pagefind/'));
  return new Map(await Promise.all(files.map(async (d) => [join(d.parentPath, d.name).slice(dir.length), await readFile(join(d.parentPath, d.name), 'latin1')] as const)));
}

describe('a rebuild with the content cache', () => {
  it('parses nothing unchanged and writes the same site, byte for byte', async () => {
    const cold = await build();
    expect([cold.reused, cold.parsed]).toEqual([0, 3]);
    const warm = await build();
    expect([warm.reused, warm.parsed]).toEqual([3, 0]);
    const [a, b] = [await site(cold.out), await site(warm.out)];
    expect(a.size).toBeGreaterThan(10);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [file, bytes] of a) expect(b.get(file), file).toBe(bytes);
  });

  it('parses an edited postmortem again, and its page shows the edit', async () => {
    const path = join(fx.root, 'content/postmortems/2026-10-03-api-outage.md');
    await writeFile(path, `${await readFile(path, 'utf8')}\nAdded between two builds.\n`);
    const edited = await build();
    expect([edited.reused, edited.parsed]).toEqual([2, 1]);
    expect(await readFile(join(edited.out, 'postmortems/2026-10-03-api-outage/index.html'), 'utf8')).toContain('Added between two builds.');
  });

  it('still stops at a cached file that a change elsewhere broke, at its line', async () => {
    await rm(join(fx.root, 'content/services/api.yaml'));
    const broken = await buildSite(['--root', fx.root], { SITREP_CACHE_DIR: cache });
    expect(broken.code).toBe(1);
    // services: [api, db] is line 4; "api" starts at column 12.
    expect(broken.stderr + broken.stdout).toMatch(/content\/incidents\/2026-10-03-api-outage\.yaml:4:12\b.*services\.0/);
    expect(broken.stderr + broken.stdout).toContain('nothing was published');
  });
});
