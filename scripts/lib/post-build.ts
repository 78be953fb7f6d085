/**
 * What the pages' process of the build adds after Astro has written the pages: sitemap.xml, listing
 * every HTML page, read from the written folder, so it lists exactly what was published; and the
 * data files (src/site/data-files.ts), written from the model. The search index comes after, in
 * search-index.ts.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { SiteModel } from '../../src/site/model.ts';
import { sitemap } from '../../src/site/feeds.ts';

/** The public path of every HTML page in `dir` (`/slos/x/` for slos/x/index.html), 404 page left out. */
export async function pagePaths(dir: string, base: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html') && !(e.name === '404.html' && e.parentPath === dir))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((p) => !p.startsWith('pagefind/'))
    .map((p) => base + p.replace(/(^|\/)index\.html$/, '$1'));
}

export async function writeSitemap(dir: string, base: string, site: string | undefined): Promise<number> {
  const paths = await pagePaths(dir, base);
  await writeFile(join(dir, 'sitemap.xml'), sitemap(paths, site));
  return paths.length;
}

/** Files written at a time by writeDataFiles: enough to keep the disk busy, few enough to hold little text. */
const WRITES_AT_ONCE = 32;

/**
 * Write the site's data files (per-SLO API files, chart specs, badges: src/site/data-files.ts)
 * into `dir`, with the links under `base`; returns how many were written.
 */
export async function writeDataFiles(dir: string, site: SiteModel, base: string): Promise<number> {
  // Loaded only now: the build script starts Astro without the model's and the charts' code.
  const [{ dataFiles }, { setTimeZone }] = await Promise.all([import('../../src/site/data-files.ts'), import('../../src/site/format.ts')]);
  setTimeZone(site.content.site.time_zone);
  const folders = new Map<string, Promise<unknown>>();
  const folder = (path: string) => {
    let made = folders.get(path);
    if (!made) folders.set(path, (made = mkdir(path, { recursive: true })));
    return made;
  };
  let written = 0;
  let batch: Promise<void>[] = [];
  // Each batch ends whole before its first failure is thrown, and a failure of the list itself
  // waits for the writes under way: no write is left running into a folder the caller then removes.
  const settle = async () => {
    const writes = batch;
    batch = [];
    const failed = (await Promise.allSettled(writes)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    for (const file of dataFiles(site, base)) {
      const path = join(dir, file.path);
      batch.push(folder(dirname(path)).then(() => writeFile(path, file.body)));
      written++;
      if (batch.length === WRITES_AT_ONCE) await settle();
    }
    await settle();
  } finally {
    await Promise.allSettled(batch);
  }
  return written;
}
