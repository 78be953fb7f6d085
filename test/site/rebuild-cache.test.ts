/**
 * A rebuild reuses the last build's parse of each unchanged content file (parse-cache.ts, kept
 * under SITREP_CACHE_DIR): the site it writes is the same, byte for byte (its search index too),
 * an edited file is parsed again and shows on its page, and a change elsewhere still finds a
 * cached file's errors.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, expectSameSite, type BuildResult } from '../helpers/build.ts';
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

describe('a rebuild with the content cache', () => {
  it('parses nothing unchanged and writes the same site, byte for byte', async () => {
    const cold = await build();
    expect([cold.reused, cold.parsed]).toEqual([0, 3]);
    const warm = await build();
    expect([warm.reused, warm.parsed]).toEqual([3, 0]);
    expect(await expectSameSite(cold.out, warm.out)).toBeGreaterThan(10);
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
