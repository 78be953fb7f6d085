/**
 * Astro content collections. Runbooks use Astro's glob loader (they may be MDX, which Astro
 * renders); postmortems use sitrep's own loader so they are validated exactly as `npm run check`
 * validates them and rendered as plain, HTML-free Markdown (they come from pull requests and must
 * not run code at build time). Services, SLOs and incidents are YAML that the site model reads
 * through the same loader (see src/site/model.ts), with file:line:column errors.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { runbookSchema } from './schemas/runbook.ts';
import { loadContent } from './adapters/content/load.ts';
import { renderMarkdown } from './adapters/content/markdown.ts';
import { formatError } from './adapters/content/errors.ts';
import { contentRoot } from './site/root.ts';
import { join } from 'node:path';

const runbooks = defineCollection({
  loader: glob({ pattern: '*.{md,mdx}', base: join(contentRoot(), 'content/runbooks') }),
  schema: runbookSchema,
});

const postmortems = defineCollection({
  loader: {
    name: 'sitrep-postmortems',
    load: async ({ store, generateDigest }) => {
      const { content, errors } = await loadContent(contentRoot());
      if (errors.length) throw new Error(`content has errors; run npm run check:\n${errors.map(formatError).join('\n')}`);
      store.clear();
      for (const pm of content.postmortems) {
        const { body, ...data } = pm;
        store.set({ id: pm.id, data, body, digest: generateDigest(body + JSON.stringify(data)), rendered: { html: await renderMarkdown(body) } });
      }
    },
  },
});

export const collections = { runbooks, postmortems };
