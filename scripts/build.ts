/**
 * `npm run build`: validate content (the same checks as `npm run check`, failing on the same
 * errors), then build the static site. The site is built into a temporary folder beside the
 * output and swapped in only when the build succeeds, so a failed build never leaves a broken or
 * empty site where the last good one was.
 */
import { rmSync } from 'node:fs';
import { cp, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAsOfOption } from '../src/site/as-of.ts';
import { DATA_FILES_BY_BUILD, SITE_MODEL, type ModelHooks } from '../src/site/model-hooks.ts';
import { modelOffThread, type ContentCacheUse } from './lib/model-thread.ts';
import { dropCredentials, parseOptions, printContentErrors } from './lib/cli.ts';
import { buildFolder, markSite, refuseOut, removeStaleBuilds, swapIn } from './lib/out-dir.ts';
import { withBuildLock } from './lib/build-lock.ts';
import { chartsUsed } from '../src/adapters/charts/registry.ts';
import { writeDataFiles, writeSearchIndex, writeSitemap } from './lib/post-build.ts';
import { prefetchChartsOnModel } from './lib/prefetch-charts.ts';

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
const cacheDir = process.env.SITREP_CACHE_DIR ? resolve(process.env.SITREP_CACHE_DIR) : undefined;
if (values['as-of'] !== undefined) process.env.SITREP_AS_OF = values['as-of'];
process.env.ASTRO_TELEMETRY_DISABLED = '1';
// What the next build reuses: chart SVGs under the hash of their spec (src/charts/render.ts), and
// each content file's parse, for the version of the code that made it (parse-cache.ts).
const kept = cacheDir ?? join(PROJECT, 'node_modules', '.astro');
const chartCache = join(kept, 'sitrep-charts');
process.env.SITREP_CHART_CACHE = chartCache;
process.env.SITREP_CONTENT_CACHE = join(kept, 'sitrep-content.cache');
const basePath = `/${(process.env.SITREP_BASE ?? '').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
// The SLO pages come last: their charts are drawn on other cores while the rest is rendered.
prefetchChartsOnModel(chartCache, basePath);
// The build needs no credentials (only `npm run fetch` talks to Prometheus): drop any it was given.
dropCredentials(process.env);

const fail = (message: string): never => {
  console.error(`\n✗ build stopped: ${message}; nothing was published`);
  process.exit(1);
};

try {
  parseAsOfOption(process.env.SITREP_AS_OF);
} catch (e) {
  fail((e as Error).message);
}

const refused = await refuseOut(out, PROJECT, root);
if (refused) fail(`--out: ${refused}`);
await removeStaleBuilds(out, PROJECT);

// The model (the same checks as `npm run check`, then every figure and the Markdown bodies) is
// computed on its own thread while Astro starts and bundles the pages; the pages take it from there.
const began = performance.now();
let modelled = began;
let contentCache: ContentCacheUse | undefined;
const model = modelOffThread(root);
const building = buildFolder('astro', out, PROJECT);
const staging = buildFolder('staging', out, PROJECT);
const pages = model.then((m) => {
  modelled = performance.now();
  if (m.kind === 'model') {
    contentCache = m.contentCache;
    return m.model;
  }
  // Bad content stops the build at once, whatever Astro is doing.
  if (m.kind === 'errors') printContentErrors(m.errors, root);
  rmSync(building, { recursive: true, force: true });
  return fail(m.kind === 'errors' ? `${m.errors.length} content error(s)` : m.message);
});
const hooks = globalThis as ModelHooks;
hooks[SITE_MODEL] = pages;
// The per-SLO data files are written below, beside Pagefind, not as Astro routes (src/site/data-files.ts).
hooks[DATA_FILES_BY_BUILD] = true;

process.env.SITREP_ROOT = root;
// Astro writes intermediate bundles into its output folder and imports them, so they must sit in
// the project to find its packages: build inside the project (.astro/ is Astro's own folder), then
// move the site beside --out and swap it in. Astro also resolves the project from the working
// directory: run from the project, so --root and --out may be anywhere (both are absolute above).
const cleanUp = () => Promise.all([building, staging].map((d) => rm(d, { recursive: true, force: true })));
process.chdir(PROJECT);
try {
  const { build } = await import('astro');
  // Astro shares files under the project's .astro/ between builds: one build of a project at a time.
  await withBuildLock(PROJECT, () =>
    build({
      root: PROJECT,
      outDir: building,
      ...(cacheDir ? { cacheDir } : {}),
      logLevel: astroLogLevel(process.env.SITREP_LOG_LEVEL),
    }),
  (line) => console.log(line));
  const built = performance.now();
  console.log(`pages: built in ${((built - began) / 1000).toFixed(1)} s`);
  console.log(`sitemap.xml: ${await writeSitemap(building, basePath, process.env.SITREP_SITE || undefined)} pages`);
  // Pagefind runs in its own process: the data files are written meanwhile. Both end before a
  // failure of either is reported, so nothing still writes into the folder that is then removed.
  const [search, data] = await Promise.allSettled([writeSearchIndex(building), writeDataFiles(building, await pages, basePath)]);
  if (search.status === 'rejected') throw search.reason;
  if (data.status === 'rejected') throw data.reason;
  const [indexed, dataWritten] = [search.value, data.value];
  console.log(`search index: ${indexed} pages`);
  console.log(`data files: ${dataWritten} (API, chart specs, badges)`);
  // For `npm run bench`: the time of each part of the build.
  if (process.env.SITREP_TIMINGS_FILE) {
    const seconds = (from: number, to: number) => (to - from) / 1000;
    await writeFile(process.env.SITREP_TIMINGS_FILE, JSON.stringify({ modelSeconds: seconds(began, modelled), astroSeconds: seconds(began, built), searchSeconds: seconds(built, performance.now()), contentCache }));
  }
  await markSite(building);
  await mkdir(dirname(out), { recursive: true });
  // Another file system: copy (the swap below stays a rename, so the site is never half there).
  await rename(building, staging).catch(() => cp(building, staging, { recursive: true }));
} catch (e) {
  console.error(e);
  await cleanUp().catch((c: Error) => console.error(`could not remove the unfinished site: ${c.message}`));
  fail('the site generator failed (the last good site is untouched)');
}
await swapIn(staging, out);
await cleanUp();
await pruneCharts(chartCache, chartsUsed());
console.log(`✓ site written to ${out}`);

/** Drop the cached charts this build did not draw, so the cache holds one site's charts, not every night's. */
async function pruneCharts(dir: string, used: ReadonlySet<string>): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => !used.has(n.replace(/\.svg$/, ''))).map((n) => rm(join(dir, n), { force: true })));
}

/**
 * Astro's log level: its warnings and errors by default. At `info` Astro also lists every file it
 * writes, a line per page (14,000 at the scale of a large organisation, interleaved by the
 * concurrent rendering, and about 0.2 ms of the busy main thread each); SITREP_LOG_LEVEL=info or
 * debug asks for them.
 */
function astroLogLevel(value: string | undefined): 'debug' | 'info' | 'warn' {
  return value === 'debug' || value === 'info' ? value : 'warn';
}
