/**
 * `npm run build`: validate content (the same checks as `npm run check`, failing on the same
 * errors), then build the static site. The site is built into a temporary folder beside the
 * output and swapped in only when the build succeeds, so a failed build never leaves a broken or
 * empty site where the last good one was.
 *
 * Two steps, one after the other: a process of its own writes the pages, sitemap.xml and the data
 * files (scripts/lib/build-pages.ts), and when it has ended, and given its memory back, Pagefind
 * indexes the written pages for search. At the large size each needs some 1.7 to 1.8 GB; side by
 * side they needed 3.2 GB.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropCredentials, parseOptions, stopBuild } from './lib/cli.ts';
import { buildFolder, markSite, refuseOut, removeDetached, removeStaleBuilds, swapIn } from './lib/out-dir.ts';
import { SHARD_PAGES, stopSearchIndex, writeSearchIndex } from './lib/search-index.ts';
import { keptDir } from './lib/kept.ts';
import type { KnownPages } from './lib/page-store.ts';
import { withBuildLock } from './lib/build-lock.ts';
import type { PagesTimings } from './lib/build-pages.ts';

/** The sitrep project (astro.config.mjs, src/, node_modules/), wherever the command runs from. */
const PROJECT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

const USAGE = `Usage: npm run build -- [--as-of ISO] [--root DIR] [--out DIR]

Validate content/ and data/, then build the static site.
  --as-of ISO  report time, e.g. 2026-11-01T00:00:00Z (default: SITREP_AS_OF, or the end of the newest snapshot)
  --root DIR   folder holding content/ and data/ (default: SITREP_ROOT, or the current directory)
  --out DIR    where to write the site (default: dist/); it is replaced whole, so it must be empty,
               absent or a site sitrep wrote, and never hold or sit in sources
`;

const values = parseOptions({ 'as-of': { type: 'string' }, root: { type: 'string' }, out: { type: 'string' } }, USAGE);
const root = resolve(values.root ?? (process.env.SITREP_ROOT || '.'));
const out = resolve(values.out ?? 'dist');
if (process.env.SITREP_CACHE_DIR) process.env.SITREP_CACHE_DIR = resolve(process.env.SITREP_CACHE_DIR);
/** SITREP_SEARCH_SHARD_PAGES: about how many pages a shard of the search index holds (default SHARD_PAGES). */
function shardPages(value: string | undefined): number {
  if (value === undefined || value === '') return SHARD_PAGES;
  if (!/^[1-9]\d{0,6}$/.test(value.trim())) stopBuild(`SITREP_SEARCH_SHARD_PAGES: expected a whole number of pages, 1 or more, got "${value.slice(0, 40)}"`);
  return Number(value.trim());
}
const searchShardPages = shardPages(process.env.SITREP_SEARCH_SHARD_PAGES);
if (values['as-of'] !== undefined) process.env.SITREP_AS_OF = values['as-of'];
process.env.ASTRO_TELEMETRY_DISABLED = '1';
// The build needs no credentials (only `npm run fetch` talks to Prometheus): drop any it was given,
// before the pages' process inherits the environment.
dropCredentials(process.env);


const refused = await refuseOut(out, PROJECT, root);
if (refused) stopBuild(`--out: ${refused}`);
await removeStaleBuilds(out, PROJECT);

const building = buildFolder('astro', out, PROJECT);
const staging = buildFolder('staging', out, PROJECT);
const cleanUp = () => Promise.all([building, staging].map((d) => rm(d, { recursive: true, force: true })));

// The pages: a process of its own, which says why when it stops the build (bad content, a failed page).
// Node's own options (--cpu-prof, --max-old-space-size) apply to it as well.
const pages = spawn(process.execPath, [...process.execArgv, join(PROJECT, 'scripts/lib/build-pages.ts'), '--root', root, '--dir', building], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
// The pages it kept or linked (page-store.ts), which the search index need not read again.
let known: KnownPages = {};
pages.on('message', (m: { keptPages?: KnownPages }) => {
  if (m.keptPages) known = m.keptPages;
});

// A signal (Ctrl-C reaches both processes; CI's SIGTERM or `kill` reaches this one alone) stops the
// build as it stopped it in one process: nothing is published, the build folders go, and this
// process ends by the signal. The pages' process is sent it too; during the two renames of the
// swap it is acted on once they are done.
let phase: 'pages' | 'search' | 'swap' = 'pages';
let stopSignal: NodeJS.Signals | undefined;
const onSignal = (signal: NodeJS.Signals) => {
  if (stopSignal) return;
  stopSignal = signal;
  if (phase === 'pages') pages.kill(signal);
  else if (phase === 'search') void stopBy(signal);
};
process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
/** End this process by `signal`, as it would have ended without a handler (exit status 128 + n). */
const endBy = (signal: NodeJS.Signals) => {
  process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  process.kill(process.pid, signal);
};
/** Stop the build on a signal: stop Pagefind, remove the unfinished site, say so, end by the signal. */
async function stopBy(signal: NodeJS.Signals): Promise<never> {
  if (phase === 'search') await stopSearchIndex().catch(() => undefined);
  await cleanUp().catch(() => undefined);
  // A write Pagefind had under way as it was stopped could make a folder again: a process of its own removes what is left.
  for (const folder of [building, staging]) removeDetached(folder);
  console.error(`\n✗ build stopped by ${signal}; nothing was published`);
  endBy(signal);
  return new Promise<never>(() => {});
}

const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((done) => {
  pages.on('close', (code, signal) => done({ code, signal }));
  pages.on('error', (error) => done({ code: null, signal: null, error }));
});
if (stopSignal) await stopBy(stopSignal);
if (ended.code !== 0) {
  await cleanUp().catch(() => undefined);
  if (ended.error) stopBuild(`the page generator could not be started (${ended.error.message})`);
  // Killed from outside (the kernel's out-of-memory killer): the pages' process could not say why.
  if (ended.signal) stopBuild(`the page generator was stopped (${ended.signal})`);
  process.exit(ended.code ?? 1);
}

phase = 'search';
let step = 'the search index failed';
try {
  const indexing = performance.now();
  // Under the build lock, as the pages were: builds of one project share the kept shards.
  const search = await withBuildLock(PROJECT, () => writeSearchIndex(building, join(keptDir(PROJECT), 'sitrep-search'), searchShardPages, known), (line) => console.log(line));
  console.log(`search index: ${search.pages} pages in ${search.shards} shard${search.shards === 1 ? '' : 's'}${search.reused ? `, ${search.reused} unchanged since the last build` : ''}`);
  step = 'the site could not be put in place';
  // For `npm run bench`: the time of each part of the build.
  if (process.env.SITREP_TIMINGS_FILE) {
    const timings = JSON.parse(await readFile(process.env.SITREP_TIMINGS_FILE, 'utf8')) as PagesTimings;
    await writeFile(process.env.SITREP_TIMINGS_FILE, JSON.stringify({ ...timings, searchSeconds: (performance.now() - indexing) / 1000, search }));
  }
  await markSite(building);
  await mkdir(dirname(out), { recursive: true });
  // Another file system: copy (the swap below stays a rename, so the site is never half there).
  await rename(building, staging).catch(() => cp(building, staging, { recursive: true }));
} catch (e) {
  // A signal's stop is under way (its removal of the folder may be what failed here).
  if (stopSignal) await new Promise<never>(() => {});
  console.error(e);
  await cleanUp().catch((c: Error) => console.error(`could not remove the unfinished site: ${c.message}`));
  stopBuild(`${step} (the last good site is untouched)`);
}
if (stopSignal) await new Promise<never>(() => {});
phase = 'swap';
await swapIn(staging, out);
await cleanUp();
console.log(`✓ site written to ${out}`);
if (stopSignal) endBy(stopSignal);
