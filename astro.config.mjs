// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// SITREP_SITE is the public URL the site is deployed at (used for canonical links);
// SITREP_BASE is the path prefix when it is served from a sub-folder (e.g. GitHub Pages).
export default defineConfig({
  site: process.env.SITREP_SITE || undefined,
  base: process.env.SITREP_BASE || '/',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  integrations: [mdx()],
  // Runbooks show PromQL; Shiki has no PromQL grammar, so show it as plain text rather than warn.
  markdown: { shikiConfig: { langAlias: { promql: 'plaintext' } } },
});
