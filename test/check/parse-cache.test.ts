/**
 * The content cache between builds (src/adapters/content/parse-cache.ts) must change nothing but
 * the time: a load from the cache gives the same values, errors (at the same file, line and
 * column) and rendered bodies as a parse, an edited file is parsed again, and a cache of another
 * version of the code, of other limits, or a damaged one parses everything.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent, type LoadResult } from '../../src/adapters/content/load.ts';
import { codeVersion, openParseCache, parseKey } from '../../src/adapters/content/parse-cache.ts';
import { openParsePool } from '../../src/adapters/content/parse-pool.ts';
import { keepParsedBodies } from '../../src/adapters/content/parsed-bodies.ts';
import { renderBodies } from '../../src/site/bodies.ts';
import { BROKEN_CONTENT, FILES_WITH_OWN_ERRORS } from '../helpers/broken-content.ts';
import { fixture } from '../helpers/fixture.ts';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

/** What a parse decides: every value, invalid id and error. */
const decided = ({ content, errors }: LoadResult) => ({ incidents: content.incidents, postmortems: content.postmortems, runbooks: content.runbooks, errors });
const fileCount = ({ content }: LoadResult) => content.incidents.length + content.postmortems.length + content.runbooks.length;

let dir: string;
beforeAll(async () => {
  // As the build does: the bodies are rendered with the parse, and the cache keeps the HTML.
  keepParsedBodies();
  dir = await mkdtemp(join(tmpdir(), 'sitrep-parse-cache-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Load `root` with a cache read from `file`, then save it, as one build does. */
async function loadCached(root: string, file: string, version = 'v1', warnings: string[] = []) {
  const cache = await openParseCache(file, version, (m) => warnings.push(m));
  const result = await loadContent(root, { cache });
  await cache.save();
  return { result, hits: cache.hits, misses: cache.misses };
}

describe('the content cache between builds', () => {
  it('loads the sample from the cache exactly as parsed, bodies rendered alike, parsing nothing', async () => {
    const file = join(dir, 'sample.v8');
    const parsed = await loadContent(PROJECT);
    const parsedHtml = await renderBodies(parsed.content);
    const first = await loadCached(PROJECT, file);
    expect([first.hits, first.misses]).toEqual([0, fileCount(parsed)]);
    const second = await loadCached(PROJECT, file);
    expect(fileCount(parsed)).toBeGreaterThan(20);
    expect([second.hits, second.misses]).toEqual([fileCount(parsed), 0]);
    expect(decided(second.result)).toStrictEqual(decided(parsed));
    const cachedHtml = await renderBodies(second.result.content);
    expect([...cachedHtml]).toEqual([...parsedHtml]);
    expect([...cachedHtml.values()].every((h) => h.length > 0)).toBe(true);
  });

  it('writes nothing when a build used every entry it held and parsed nothing; drops the entries of files gone', async () => {
    const fx = await fixture();
    const file = join(dir, 'unchanged.v8');
    try {
      await loadCached(fx.root, file);
      // A save writes a new file and renames it into place: the same inode is the same file, not written again.
      const written = await stat(file);
      const again = await loadCached(fx.root, file);
      expect(again.misses).toBe(0);
      expect(again.hits).toBeGreaterThan(1);
      expect((await stat(file)).ino).toBe(written.ino);
      expect((await openParseCache(file, 'v1')).size).toBe(again.hits);
      // A file removed: its entry goes, so the cache is written again, with one entry less.
      const [gone] = (await readdir(join(fx.root, 'content/incidents'))).sort();
      await rm(join(fx.root, 'content/incidents', gone!));
      await loadCached(fx.root, file);
      expect((await stat(file)).ino).not.toBe(written.ino);
      expect((await openParseCache(file, 'v1')).size).toBe(again.hits - 1);
    } finally {
      await fx.cleanup?.();
    }
  });

  it('parses an edited file again, and only that one', async () => {
    const fx = await fixture();
    const file = join(dir, 'edited.v8');
    try {
      const before = await loadCached(fx.root, file);
      const pm = before.result.content.postmortems[0]!;
      const path = join(fx.root, 'content/postmortems', `${pm.id}.md`);
      await writeFile(path, `${await readFile(path, 'utf8')}\nA line added after the first build.\n`);
      const after = await loadCached(fx.root, file);
      expect([after.hits, after.misses]).toEqual([fileCount(before.result) - 1, 1]);
      expect(after.result.content.postmortems.find((p) => p.id === pm.id)!.body).toContain('A line added after the first build.');
      expect(decided(after.result)).toStrictEqual(decided(await loadContent(fx.root)));
    } finally {
      await fx.cleanup();
    }
  });

  it('keeps no file with an error, and finds every error again at the same place, cross-file ones included', async () => {
    // Among them two that parse alone, so they are kept, with errors found across files (one at 6:5).
    const fx = await fixture(BROKEN_CONTENT);
    const file = join(dir, 'errors.v8');
    try {
      const parsed = await loadContent(fx.root);
      const first = await loadCached(fx.root, file);
      const second = await loadCached(fx.root, file);
      // The files with their own errors are parsed each time; every other one once.
      expect(second.misses).toBe(FILES_WITH_OWN_ERRORS.length);
      expect(second.hits).toBe(first.misses - FILES_WITH_OWN_ERRORS.length);
      expect(decided(second.result)).toStrictEqual(decided(parsed));
      const unknown = second.result.errors.find((e) => e.file === 'content/incidents/a-unknown-service.yaml')!;
      expect([unknown.line, unknown.column, unknown.field]).toEqual([6, 5, 'services.1']);
      expect(second.result.errors.map((e) => e.file)).toEqual(expect.arrayContaining([...FILES_WITH_OWN_ERRORS, 'content/incidents/d-unknown-postmortem.yaml']));
    } finally {
      await fx.cleanup();
    }
  });

  it('parses everything again for another version of the code or other limits', async () => {
    const fx = await fixture();
    const file = join(dir, 'versions.v8');
    try {
      const first = await loadCached(fx.root, file, 'v1');
      expect((await loadCached(fx.root, file, 'v2')).hits).toBe(0);
      expect((await loadCached(fx.root, file, 'v2')).misses).toBe(0);
      await writeFile(join(fx.root, 'content/site.yaml'), `${await readFile(join(fx.root, 'content/site.yaml'), 'utf8').catch(() => '')}\nlimits:\n  field_chars: 70000\n`);
      const other = await loadCached(fx.root, file, 'v2');
      expect([other.hits, other.misses]).toEqual([0, first.misses]);
    } finally {
      await fx.cleanup();
    }
  });

  it('keys a parse by kind, path, text, limits and rendering', () => {
    const limits = { field_chars: 1000 } as never;
    const key = parseKey('postmortems', 'content/postmortems/a.md', 'text', limits, true);
    expect(parseKey('postmortems', 'content/postmortems/a.md', 'text', limits, true)).toBe(key);
    for (const other of [
      parseKey('runbooks', 'content/postmortems/a.md', 'text', limits, true),
      parseKey('postmortems', 'content/postmortems/b.md', 'text', limits, true),
      parseKey('postmortems', 'content/postmortems/a.md', 'text.', limits, true),
      parseKey('postmortems', 'content/postmortems/a.md', 'text', { field_chars: 1001 } as never, true),
      parseKey('postmortems', 'content/postmortems/a.md', 'text', limits, false),
    ])
      expect(other).not.toBe(key);
  });

  it('gives each load its own objects', async () => {
    const file = join(dir, 'own.v8');
    await loadCached(PROJECT, file);
    const a = await loadCached(PROJECT, file);
    const b = await loadCached(PROJECT, file);
    expect(a.hits).toBeGreaterThan(0);
    expect(b.result.content.incidents[0]).not.toBe(a.result.content.incidents[0]);
    a.result.content.incidents[0]!.title = 'changed by the first load';
    expect(b.result.content.incidents[0]!.title).not.toBe('changed by the first load');
  });

  it('with the parse threads too: hits, misses and broken files joined in file order', async () => {
    const broken = 'id: c-broken-yaml\ntitle: [unclosed\n';
    const fx = await fixture({ 'content/incidents/c-broken-yaml.yaml': broken });
    const pool = openParsePool(2, 0);
    const file = join(dir, 'pool.v8');
    try {
      await loadCached(fx.root, file);
      const path = join(fx.root, 'content/runbooks/api-errors.md');
      await writeFile(path, `${await readFile(path, 'utf8')}\nEdited.\n`);
      const cache = await openParseCache(file, 'v1');
      const mixed = await loadContent(fx.root, { cache, pool });
      // The incident and the postmortem from the cache; the edited runbook and the broken file parsed.
      expect([cache.hits, cache.misses]).toEqual([2, 2]);
      const parsed = await loadContent(fx.root);
      expect(decided(mixed)).toStrictEqual(decided(parsed));
      expect([...(await renderBodies(mixed.content))]).toEqual([...(await renderBodies(parsed.content))]);
    } finally {
      await Promise.all([pool.close(), fx.cleanup()]);
    }
  });

  it('never takes a value from entries that do not match their hash', async () => {
    const file = join(dir, 'flipped.v8');
    await loadCached(PROJECT, file);
    const stored = deserialize(await readFile(file)) as { version: string; sha256: string; entries: Uint8Array };
    // One byte of one title changed, as a damaged disk would: still a valid serialisation.
    const text = Buffer.from(stored.entries).toString('latin1');
    const at = text.indexOf('Checkout');
    expect(at).toBeGreaterThan(0);
    const flipped = Buffer.from(stored.entries);
    flipped[at] = 'W'.charCodeAt(0);
    await writeFile(file, serialize({ ...stored, entries: flipped }));
    const warnings: string[] = [];
    const load = await loadCached(PROJECT, file, 'v1', warnings);
    expect(load.hits).toBe(0);
    expect(warnings).toEqual([expect.stringContaining('its entries do not match their hash')]);
    expect(JSON.stringify(decided(load.result))).not.toContain('Wheckout');
  });

  it('parses again a file whose entry cannot be read, with a warning', async () => {
    const file = join(dir, 'entry.v8');
    const fx = await fixture();
    try {
      await loadCached(fx.root, file);
      const stored = deserialize(await readFile(file)) as { version: string; sha256: string; entries: Uint8Array };
      const entries = deserialize(stored.entries) as Map<string, Uint8Array>;
      const [first] = entries.keys();
      entries.set(first!, new Uint8Array([0xff, 0x0f, 0x6f]));
      const bytes = serialize(entries);
      const { createHash } = await import('node:crypto');
      await writeFile(file, serialize({ version: stored.version, sha256: createHash('sha256').update(bytes).digest('hex'), entries: bytes }));
      const warnings: string[] = [];
      const load = await loadCached(fx.root, file, 'v1', warnings);
      expect([load.hits, load.misses]).toEqual([entries.size - 1, 1]);
      expect(warnings).toEqual([expect.stringContaining('a content cache entry could not be read')]);
      expect(decided(load.result)).toStrictEqual(decided(await loadContent(fx.root)));
      // Written back whole: the next load takes every file from the cache.
      expect((await loadCached(fx.root, file)).misses).toBe(0);
    } finally {
      await fx.cleanup();
    }
  });

  it("removes the temporary files of saves whose process is gone, and no other build's", async () => {
    const folder = join(dir, 'parts');
    await mkdir(folder);
    const file = join(folder, 'content.cache');
    // A process id no process has, and this test's parent, which is alive.
    let gone = 4_000_000;
    while ((() => { try { process.kill(gone, 0); return true; } catch { return false; } })()) gone++;
    await writeFile(join(folder, `content.cache.${gone}.abc.part`), 'left by a build stopped while it saved');
    await writeFile(join(folder, `content.cache.${process.ppid}.def.part`), 'another build, saving now');
    await writeFile(join(folder, 'unrelated.part'), 'not the cache');
    await loadCached(PROJECT, file);
    expect((await readdir(folder)).sort()).toEqual(['content.cache', `content.cache.${process.ppid}.def.part`, 'unrelated.part']);
  });

  it('ignores a damaged cache with a warning, and replaces it', async () => {
    const file = join(dir, 'damaged.v8');
    await writeFile(file, 'not a cache');
    const warnings: string[] = [];
    const damaged = await loadCached(PROJECT, file, 'v1', warnings);
    expect(damaged.hits).toBe(0);
    expect(warnings).toEqual([expect.stringContaining(`the content cache ${file} is damaged`)]);
    expect(decided(damaged.result)).toStrictEqual(decided(await loadContent(PROJECT)));
    expect((await loadCached(PROJECT, file)).misses).toBe(0);
  });

  it('starts empty without a word when there is no cache yet, and saves into a folder it makes', async () => {
    const file = join(dir, 'new/folder/content.v8');
    const warnings: string[] = [];
    const first = await loadCached(PROJECT, file, 'v1', warnings);
    expect([first.hits, warnings]).toEqual([0, []]);
    expect((await loadCached(PROJECT, file)).misses).toBe(0);
  });

  it('says why it could not save, and leaves no partial file', async () => {
    const blocked = join(dir, 'blocked');
    await writeFile(blocked, 'a file, so no folder can be made under it');
    const cache = await openParseCache(join(blocked, 'content.v8'), 'v1');
    cache.put('a file', { value: 1 } as never);
    await expect(cache.save()).rejects.toThrow(/ENOTDIR|EEXIST/);
    const taken = join(dir, 'taken');
    await mkdir(join(taken, 'content.v8'), { recursive: true }); // a folder where the file should be
    const cache2 = await openParseCache(join(taken, 'content.v8'), 'v1', () => {});
    cache2.put('a file', { value: 1 } as never);
    await expect(cache2.save()).rejects.toThrow();
    expect(await readdir(taken)).toEqual(['content.v8']);
  });
});

describe('the version of the code a cache belongs to', () => {
  it('changes with any source file, the lockfile or a new file, and only then', async () => {
    const project = await mkdtemp(join(tmpdir(), 'sitrep-code-version-'));
    try {
      await mkdir(join(project, 'src/schemas'), { recursive: true });
      await writeFile(join(project, 'src/schemas/a.ts'), 'export const a = 1;\n');
      await writeFile(join(project, 'package-lock.json'), '{"lockfileVersion":3}\n');
      const v1 = await codeVersion(project);
      expect(await codeVersion(project)).toBe(v1);
      await writeFile(join(project, 'src/schemas/a.ts'), 'export const a = 2;\n');
      const v2 = await codeVersion(project);
      await writeFile(join(project, 'package-lock.json'), '{"lockfileVersion":3,"x":1}\n');
      const v3 = await codeVersion(project);
      await writeFile(join(project, 'src/b.ts'), '');
      const v4 = await codeVersion(project);
      expect(new Set([v1, v2, v3, v4]).size).toBe(4);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});
