/**
 * The first process of `npm run build` (scripts/build.ts starts it): the model (the same checks as
 * `npm run check`, then every figure and the Markdown bodies), every page, sitemap.xml and the data
 * files, written into the build folder `--dir`. It ends before the search index is built, so its
 * memory (the model and Astro's, 1.8 GB at the large size) is given back before Pagefind takes
 * its own (1.7 GB): the two never add up. Exits 1, having said why, when the build must stop.
 *   node scripts/lib/build-pages.ts --root DIR --dir BUILD_FOLDER
 */
import { rmSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAsOfOption } from '../../src/site/as-of.ts';
import { DATA_FILES_BY_BUILD, PAGE_STORE, SITE_MODEL, type ModelHooks } from '../../src/site/model-hooks.ts';
import { modelOffThread, type ContentCacheUse } from './model-thread.ts';
import { parseOptions, printContentErrors, stopBuild } from './cli.ts';
import { removeDetached } from './out-dir.ts';
import { keptDir } from './kept.ts';
import { KeptPages, codeDigest, type PageStoreUse } from './page-store.ts';
import { withBuildLock } from './build-lock.ts';
import { chartsUsed } from '../../src/adapters/charts/registry.ts';
import { writeDataFiles, writeSitemap } from './post-build.ts';
import { drawChartsAhead } from './prefetch-charts.ts';

/** The sitrep project (astro.config.mjs, src/, node_modules/), wherever the command runs from. */
const PROJECT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

const { root, dir } = parseOptions({ root: { type: 'string' }, dir: { type: 'string' } }, 'Usage: node scripts/lib/build-pages.ts --root DIR --dir BUILD_FOLDER (started by npm run build)\n');
if (!root || !dir) throw new Error('--root and --dir are required');

/** What this process tells scripts/build.ts in SITREP_TIMINGS_FILE, for `npm run bench`. */
export interface PagesTimings { modelSeconds: number; astroSeconds: number; dataSeconds: number; contentCache?: ContentCacheUse; keptPages?: PageStoreUse }

const cacheDir = process.env.SITREP_CACHE_DIR || undefined;
const kept = keptDir(PROJECT);
const chartCache = join(kept, 'sitrep-charts');
process.env.SITREP_CHART_CACHE = chartCache;
process.env.SITREP_CONTENT_CACHE = join(kept, 'sitrep-content.cache');
const basePath = `/${(process.env.SITREP_BASE ?? '').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
// The SLO pages come last: the charts of those to render are drawn on other cores while the rest is rendered.
const ahead = drawChartsAhead(chartCache);

// Should the build's process die without passing on a signal (SIGKILL), this one is orphaned: it
// stops too, instead of holding memory, the build lock and a folder the next build would remove.
// The folder goes by a process of its own once this one has ended: writes this one still had under
// way could otherwise make it again after a removal from here.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid === parent) return;
  removeDetached(dir);
  process.exit(1);
}, 500).unref();


try {
  parseAsOfOption(process.env.SITREP_AS_OF);
} catch (e) {
  stopBuild((e as Error).message);
}

// The model is computed on its own thread while Astro starts and bundles the pages; the pages take it from there.
const began = performance.now();
let modelled = began;
let contentCache: ContentCacheUse | undefined;
const model = modelOffThread(root);
const pages = model.then((m) => {
  modelled = performance.now();
  if (m.kind === 'model') {
    contentCache = m.contentCache;
    return m.model;
  }
  // Bad content stops the build at once, whatever Astro is doing.
  if (m.kind === 'errors') printContentErrors(m.errors, root);
  rmSync(dir, { recursive: true, force: true });
  return stopBuild(m.kind === 'errors' ? `${m.errors.length} content error(s)` : m.message);
});
const hooks = globalThis as ModelHooks;
hooks[SITE_MODEL] = pages;
// The per-SLO data files are written below, not as Astro routes (src/site/data-files.ts).
hooks[DATA_FILES_BY_BUILD] = true;

process.env.SITREP_ROOT = root;
// Astro writes intermediate bundles into its output folder and imports them, so they must sit in
// the project to find its packages: build inside the project (.astro/ is Astro's own folder); the
// build script moves the site beside --out. Astro also resolves the project from the working
// directory: run from the project, so --root and --out may be anywhere (both are absolute).
process.chdir(PROJECT);
try {
  const { build } = await import('astro');
  // Astro shares files under the project's .astro/ between builds, as builds share the kept pages
  // under the default cache folder: one build of a project at a time.
  const linked = await withBuildLock(PROJECT, async () => {
    // The keyed pages (src/site/page-keys.ts) the last build rendered from what they show now are linked, not rendered.
    const keptPages = await KeptPages.open(join(kept, 'sitrep-pages'), await codeDigest(PROJECT), dir);
    hooks[PAGE_STORE] = keptPages;
    await build({
      root: PROJECT,
      outDir: dir,
      ...(cacheDir ? { cacheDir } : {}),
      logLevel: astroLogLevel(process.env.SITREP_LOG_LEVEL),
    });
    // Every page is written: the workers have drawn what they were given.
    await ahead.end();
    const use = await keptPages.finish();
    // The search index, built by the build's process, takes the keyed pages' digests from the store instead of reading them again.
    if (process.send) await new Promise<void>((done) => process.send!({ keptPages: keptPages.kept }, () => done()));
    return use;
  }, (line) => console.log(line));
  const built = performance.now();
  console.log(`pages: built in ${((built - began) / 1000).toFixed(1)} s${linked.linked ? `, ${linked.linked} unchanged since the last build` : ''}`);
  console.log(`sitemap.xml: ${await writeSitemap(dir, basePath, process.env.SITREP_SITE || undefined)} pages`);
  console.log(`data files: ${await writeDataFiles(dir, await pages, basePath)} (API, chart specs, badges)`);
  if (process.env.SITREP_TIMINGS_FILE) {
    const seconds = (from: number, to: number) => (to - from) / 1000;
    const timings: PagesTimings = { modelSeconds: seconds(began, modelled), astroSeconds: seconds(began, built), dataSeconds: seconds(built, performance.now()), contentCache, keptPages: linked };
    await writeFile(process.env.SITREP_TIMINGS_FILE, JSON.stringify(timings));
  }
} catch (e) {
  console.error(e);
  await rm(dir, { recursive: true, force: true }).catch((c: Error) => console.error(`could not remove the unfinished site: ${c.message}`));
  stopBuild('the site generator failed (the last good site is untouched)');
}
await pruneCharts(chartCache, chartsUsed());

/** Drop the cached charts this build did not draw, so the cache holds one site's charts, not every night's. */
async function pruneCharts(cache: string, used: ReadonlySet<string>): Promise<void> {
  const names = await readdir(cache).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => !used.has(n.replace(/\.svg$/, ''))).map((n) => rm(join(cache, n), { force: true })));
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
