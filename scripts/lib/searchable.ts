/**
 * How the layout (src/layouts/Base.astro) marks a page the search indexes: its whole main element.
 * The search index (search-index.ts) and the kept pages (page-store.ts) tell searchable pages by it.
 */
export const SEARCHABLE = '<main id="main" data-pagefind-body>';

/** Whether a written page is one the search indexes. */
export const isSearchable = (html: Buffer): boolean => html.includes(SEARCHABLE);
