/**
 * The folder where a build keeps what the next one reuses: Astro's own cache, chart SVGs under the
 * hash of their spec (src/charts/render.ts), each content file's parse (parse-cache.ts), the
 * search index's shards (search-index.ts) and the keyed pages (page-store.ts). SITREP_CACHE_DIR,
 * else node_modules/.astro.
 */
import { join } from 'node:path';

export const keptDir = (project: string): string => process.env.SITREP_CACHE_DIR || join(project, 'node_modules', '.astro');
