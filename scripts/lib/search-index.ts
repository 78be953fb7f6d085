/**
 * The last step of `npm run build`: the Pagefind full-text index (pagefind/), built from the written
 * pages marked `data-pagefind-body` (incidents, postmortems, runbooks, SLOs, services), so it holds exactly
 * what was published; it makes no network request. Pagefind runs as a process of its own; this
 * module loads nothing else, so the build's own process stays small while Pagefind works.
 */
import { join } from 'node:path';
import { createIndex, close } from 'pagefind';

/** Stop Pagefind's process (its writes end with it): for a build that is stopped while it indexes. */
export const stopSearchIndex = (): Promise<unknown> => close();

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
