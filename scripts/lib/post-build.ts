/**
 * What the build adds after Astro has written the pages: sitemap.xml, listing every HTML page, and
 * the Pagefind full-text index (pagefind/), built from the pages marked `data-pagefind-body`
 * (incidents, postmortems, runbooks, SLOs). Both are read from the written folder, so they list
 * exactly what was published; neither makes a network request.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { createIndex, close } from 'pagefind';
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

/** Index the site for search into `<dir>/pagefind/`; returns the number of pages indexed. */
export async function writeSearchIndex(dir: string): Promise<number> {
  const { index, errors } = await createIndex({ forceLanguage: 'en' });
  try {
    if (!index) throw new Error(`search index: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dir });
    if (added.errors.length) throw new Error(`search index: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(dir, 'pagefind') });
    if (written.errors.length) throw new Error(`search index: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await close();
  }
}
