/**
 * Astro content collections. Postmortems and runbooks both use sitrep's own loader: their files
 * are read (regular files inside content/ only), their frontmatter split and validated exactly as
 * `npm run check` does it, and their bodies rendered by one sanitising pipeline
 * (src/adapters/content/markdown.ts). MDX runbooks are parsed, never compiled, so nothing from a
 * pull request runs at build time. Services, SLOs and incidents are YAML that the site model reads
 * through the same loader (see src/site/model.ts), with file:line:column errors.
 */
import { defineCollection } from 'astro:content';
import { loadContent } from './adapters/content/load.ts';
import { renderMarkdown } from './adapters/content/markdown.ts';
import { formatError } from './adapters/content/errors.ts';
import { contentRoot } from './site/root.ts';

/** The validated content; any error stops the build. */
async function validContent() {
  const { content, errors } = await loadContent(contentRoot());
  if (errors.length) throw new Error(`content has errors; run npm run check:\n${errors.map(formatError).join('\n')}`);
  return content;
}

const runbooks = defineCollection({
  loader: {
    name: 'sitrep-runbooks',
    load: async ({ store, generateDigest }) => {
      const content = await validContent();
      store.clear();
      for (const rb of content.runbooks) {
        const { body, ...data } = rb;
        store.set({ id: rb.id, data, body, digest: generateDigest(body + JSON.stringify(data)), rendered: { html: await renderMarkdown(body, rb.format) } });
      }
    },
  },
});

const postmortems = defineCollection({
  loader: {
    name: 'sitrep-postmortems',
    load: async ({ store, generateDigest }) => {
      const content = await validContent();
      store.clear();
      for (const pm of content.postmortems) {
        const { body, ...data } = pm;
        store.set({ id: pm.id, data, body, digest: generateDigest(body + JSON.stringify(data)), rendered: { html: await renderMarkdown(body) } });
      }
    },
  },
});

export const collections = { runbooks, postmortems };
