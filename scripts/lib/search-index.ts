/**
 * The last step of `npm run build`: the Pagefind full-text index, built from the written pages
 * marked `data-pagefind-body` (incidents, postmortems, runbooks, SLOs, services), so it holds
 * exactly what was published; it makes no network request. Pagefind runs as a process of its own;
 * this module loads nothing else, so the build's own process stays small while Pagefind works.
 *
 * The index comes in shards of about SHARD_PAGES pages each (`pagefind/<n>/`, listed in
 * `pagefind/shards.json`), which the search page merges (Pagefind's `mergeIndex`), because
 * Pagefind cannot update an index: it builds one from all its pages. A page's shard is fixed by a
 * hash of its path, so an edit changes the pages of one shard or a few, and a rebuild indexes those
 * again and takes every other shard from the last build (kept in the cache folder with the digest
 * of the pages it was built from). The hash spreads every kind of page over every shard, so each
 * shard's word statistics, by which Pagefind ranks results, are much the whole site's.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createIndex, close } from 'pagefind';
import { inBatches, linkFiles } from './links.ts';
import { isSearchable, pageDigest } from './searchable.ts';
import type { KnownPages } from './page-store.ts';

/** About how many pages a shard holds: a rebuild indexes this many again for each shard an edit touches; a search asks every shard. */
export const SHARD_PAGES = 2000;

/** What the search page (public/search.js) reads to find the shards, beside them in `pagefind/`. */
const SHARDS_FILE = 'shards.json';

/** Part of every shard's digest, with this module's code: a shard made by other code is built again. */
const FORMAT = 'sitrep-search-1';
const OPTIONS = { forceLanguage: 'en' } as const;
/** Paths in one pattern for Pagefind (8,000 parsed, 14,000 did not). */
const GLOB_PATHS = 2000;

/** Stop Pagefind's process (its writes end with it): for a build that is stopped while it indexes. */
export const stopSearchIndex = (): Promise<unknown> => close();

export interface SearchIndexed {
  /** Pages in the index. */
  pages: number;
  shards: number;
  /** Shards taken from the last build, unchanged. */
  reused: number;
}

/**
 * Index the site in `dir` for search into `<dir>/pagefind/`. With `cache`, a shard whose pages are
 * those of a shard kept there is taken from it, and each shard built is kept for the next build.
 * `shardPages` is SHARD_PAGES but for tests; `known`, the pages the build kept (page-store.ts).
 */
export async function writeSearchIndex(dir: string, cache?: string, shardPages = SHARD_PAGES, known: KnownPages = {}): Promise<SearchIndexed> {
  const pages = await searchablePages(dir, known);
  const count = Math.max(1, Math.ceil(pages.length / shardPages));
  const shards = Array.from({ length: count }, () => [] as Page[]);
  for (const page of pages) shards[shardOf(page.path, count)]!.push(page);
  const version = await indexerDigest();
  const out = join(dir, 'pagefind');
  let reused = 0;
  try {
    // One shard after another: two at a time were no faster (Pagefind's process works on one), and
    // one at a time Pagefind holds one shard's index in memory, not the whole site's.
    for (const [n, shard] of shards.entries()) {
      if (shard.length === 0) continue;
      const digest = shardDigest(version, count, n, shard);
      const target = join(out, String(n));
      const kept = cache ? join(cache, String(n)) : undefined;
      if (kept && (await takeKept(kept, digest, target))) reused++;
      else {
        await indexShard(dir, shard, target);
        if (kept) await keep(target, kept, digest);
      }
    }
  } finally {
    await close();
  }
  const listed = shards.flatMap((shard, n) => (shard.length > 0 ? [`${n}/`] : []));
  if (cache) await pruneKept(cache, count);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, SHARDS_FILE), JSON.stringify({ shards: listed }));
  return { pages: pages.length, shards: listed.length, reused };
}

interface Page {
  /** Relative to the site, with `/`. */
  path: string;
  /** sha256 of the file. */
  digest: string;
}

/**
 * Every HTML page of the site that the search indexes (it has `data-pagefind-body`), by path, with
 * the digest of its bytes. A page the build linked or kept (page-store.ts) is not read again: the
 * store read it when it was rendered, and gives its digest and whether it is searchable in `known`.
 */
async function searchablePages(dir: string, known: KnownPages): Promise<Page[]> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/'))
    .filter((p) => !p.startsWith('pagefind/'));
  const pages: Page[] = [];
  await inBatches(files, async (path) => {
    const kept = known[path];
    if (kept) {
      if (kept.searchable) pages.push({ path, digest: kept.digest });
      return;
    }
    const html = await readFile(join(dir, path));
    if (isSearchable(html)) pages.push({ path, digest: pageDigest(html) });
  });
  return pages.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A page's shard, from its path alone: the same in every build with as many shards. */
export function shardOf(path: string, count: number): number {
  return createHash('sha256').update(path).digest().readUInt32BE(0) % count;
}

function shardDigest(version: string, count: number, n: number, pages: readonly Page[]): string {
  const h = createHash('sha256').update(JSON.stringify([FORMAT, version, OPTIONS, count, n]));
  for (const p of pages) h.update(`\n${p.path}\0${p.digest}`);
  return h.digest('base64url');
}

/** Index one shard's pages into `target`: Pagefind reads them from the site, matched by a pattern that lists them. */
async function indexShard(dir: string, pages: readonly Page[], target: string): Promise<void> {
  const { index, errors } = await createIndex(OPTIONS);
  if (!index) throw new Error(`search index: ${errors.join('; ')}`);
  // Page paths are made of ids (lower-case letters, digits, dashes), so none holds a character a pattern reads.
  const odd = pages.find((p) => !/^[A-Za-z0-9._/-]+$/.test(p.path));
  if (odd) throw new Error(`search index: the page ${odd.path} has a character its pattern for Pagefind would read as one`);
  // A pattern that lists more than some thousands of paths does not parse: a few thousand at a time.
  let indexed = 0;
  for (let from = 0; from < pages.length; from += GLOB_PATHS) {
    const added = await index.addDirectory({ path: dir, glob: `{${pages.slice(from, from + GLOB_PATHS).map((p) => p.path).join(',')}}` });
    if (added.errors.length) throw new Error(`search index: ${added.errors.join('; ')}`);
    indexed += added.page_count;
  }
  if (indexed !== pages.length) throw new Error(`search index: ${indexed} of ${pages.length} pages indexed`);
  const written = await index.writeFiles({ outputPath: target });
  if (written.errors.length) throw new Error(`search index: ${written.errors.join('; ')}`);
  await index.deleteIndex();
}

/** What a kept shard was built from, and its files with their sizes, to tell a whole copy from a damaged one. */
interface Kept {
  digest: string;
  files: [string, number][];
}
const KEPT_FILE = 'sitrep-shard.json';

/** Put the kept shard in `target` when it was built from the same pages and is whole; false otherwise. */
async function takeKept(kept: string, digest: string, target: string): Promise<boolean> {
  const record = await readFile(join(kept, KEPT_FILE), 'utf8').then((t) => JSON.parse(t) as Kept, () => undefined);
  if (record?.digest !== digest) return false;
  const whole = await Promise.all(record.files.map(([f, size]) => stat(join(kept, f)).then((s) => s.size === size, () => false)));
  if (whole.includes(false)) return false;
  await linkAll(record.files.map(([f]) => f), kept, target);
  return true;
}

/** Keep a shard just built for the next build: into a fresh folder, then renamed over the old one, so a kept shard is whole or absent. */
async function keep(built: string, kept: string, digest: string): Promise<void> {
  const files = (await readdir(built, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(built.length + 1));
  const fresh = `${kept}.new-${process.pid}`;
  await rm(fresh, { recursive: true, force: true });
  await linkAll(files, built, fresh);
  const record: Kept = { digest, files: await Promise.all(files.map(async (f) => [f, (await stat(join(built, f))).size] as [string, number])) };
  await writeFile(join(fresh, KEPT_FILE), JSON.stringify(record));
  await rm(kept, { recursive: true, force: true });
  await rename(fresh, kept);
}

/** Drop kept shards this build has no use for (another shard count), and folders left by a stopped build. */
async function pruneKept(cache: string, count: number): Promise<void> {
  const names = await readdir(cache).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => !/^\d+$/.test(n) || Number(n) >= count).map((n) => rm(join(cache, n), { recursive: true, force: true })));
}

/** Link each of `files` from `from` into `to`, under the same relative paths. */
const linkAll = (files: readonly string[], from: string, to: string): Promise<void> => linkFiles(files.map((f) => [join(from, f), join(to, f)]));

let version: Promise<string> | undefined;
/**
 * What builds a shard, part of every shard's digest: Pagefind's version (and a binary put in its
 * place by PAGEFIND_BINARY_PATH) and this module's own code. Another of either builds every shard again.
 */
function indexerDigest(): Promise<string> {
  version ??= Promise.all([readFile(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8'), readFile(new URL(import.meta.url))]).then(([pkg, code]) =>
    JSON.stringify([(JSON.parse(pkg) as { version: string }).version, process.env.PAGEFIND_BINARY_PATH ?? '', createHash('sha256').update(code).digest('hex')]));
  return version;
}
