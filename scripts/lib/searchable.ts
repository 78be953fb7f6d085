/**
 * How the layout (src/layouts/Base.astro) marks a page the search indexes: its whole main element.
 * The search index (search-index.ts) and the kept pages (page-store.ts) tell searchable pages by it,
 * and take a page's digest the same way, so a shard's digest is the same whichever of them read it.
 */
import { createHash } from 'node:crypto';

export const SEARCHABLE = '<main id="main" data-pagefind-body>';

/** Whether a written page is one the search indexes. */
export const isSearchable = (html: Buffer): boolean => html.includes(SEARCHABLE);

/** The digest of a written page's bytes, by which a search shard tells its pages changed. */
export const pageDigest = (html: Buffer): string => createHash('sha256').update(html).digest('base64url');
