/**
 * What the build adds to the pages Astro writes: sitemap.xml, listing every HTML page (read from the
 * written folder, so it lists exactly what was published), and the Pagefind full-text index
 * (pagefind/) of the pages marked `data-pagefind-body` (incidents, postmortems, runbooks, SLOs),
 * fed each page as it is rendered. Neither makes a network request.
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

const SEARCH_FEED = Symbol.for('sitrep.search-feed');

/** What src/middleware.ts hands each page it renders to, while the build runs (see startSearchIndex). */
export interface SearchFeed {
  add(url: string, html: string): void;
}

/**
 * Start the Pagefind index before Astro renders the pages, and feed it each searchable page as it is
 * rendered (src/middleware.ts calls the feed put on globalThis), so Pagefind, a process of its own,
 * indexes on the other core while Astro renders on this one, instead of reading the whole site again
 * after it. `url` is the page's path without the base path (search.js gives Pagefind the base).
 * Finish with the returned function once the pages are written: it writes `<dir>/pagefind/` and
 * returns the number of pages indexed.
 */
export async function startSearchIndex(): Promise<(dir: string) => Promise<number>> {
  const { index, errors } = await createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`search index: ${errors.join('; ')}`);
  const added: Promise<{ errors: string[] }>[] = [];
  const g = globalThis as { [SEARCH_FEED]?: SearchFeed };
  g[SEARCH_FEED] = { add: (url, html) => added.push(index.addHTMLFile({ url, content: html })) };
  return async (dir) => {
    delete g[SEARCH_FEED];
    try {
      const problems = (await Promise.all(added)).flatMap((a) => a.errors);
      if (problems.length) throw new Error(`search index: ${problems.join('; ')}`);
      const written = await index.writeFiles({ outputPath: join(dir, 'pagefind') });
      if (written.errors.length) throw new Error(`search index: ${written.errors.join('; ')}`);
      return added.length;
    } finally {
      await close();
    }
  };
}
