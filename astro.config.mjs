// @ts-check
import { defineConfig } from 'astro/config';

// SITREP_SITE is the public URL the site is deployed at (used for canonical links);
// SITREP_BASE is the path prefix when it is served from a sub-folder (e.g. GitHub Pages).
// No Markdown or MDX integration: every Markdown body (postmortems and runbooks, .md and .mdx) is
// rendered by sitrep's own sanitising pipeline (src/adapters/content/markdown.ts), which never
// compiles MDX, so content from a pull request cannot run code at build time.
export default defineConfig({
  site: process.env.SITREP_SITE || undefined,
  base: process.env.SITREP_BASE || '/',
  trailingSlash: 'ignore',
  // Pages are rendered a few at a time, so that one page's file write overlaps the next one's rendering.
  build: { format: 'directory', concurrency: 4 },
});
