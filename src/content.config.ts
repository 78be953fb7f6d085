/**
 * Astro content collections. Postmortems and runbooks both use sitrep's own loader: their files
 * are read (regular files inside content/ only), their frontmatter split and validated exactly as
 * `npm run check` does it, and their bodies rendered by one sanitising pipeline
 * (src/adapters/content/markdown.ts). MDX runbooks are parsed, never compiled, so nothing from a
 * pull request runs at build time. Services, SLOs and incidents are YAML that the site model reads
 * through the same loader (see src/site/model.ts), with file:line:column errors.
 */
import { defineCollection } from 'astro:content';
import type { LoaderContext } from 'astro/loaders';
import { loadContent } from './adapters/content/load.ts';
import { renderMarkdown } from './adapters/content/markdown.ts';
import { takeTree } from './adapters/content/parsed-bodies.ts';
import { formatError } from './adapters/content/errors.ts';
import { contentRoot } from './site/root.ts';

/** The validated content; any error stops the build. */
async function validContent() {
  const { content, errors } = await loadContent(contentRoot());
  if (errors.length) throw new Error(`content has errors; run npm run check:\n${errors.map(formatError).join('\n')}`);
  return content;
}

type Doc = { id: string; body: string; format?: 'md' | 'mdx' } & Record<string, unknown>;

/**
 * Put `docs` into the collection's store, rendering only what changed: Astro keeps the store
 * between builds (in its cache folder), so an entry whose digest (body, frontmatter and file
 * name) is unchanged keeps its rendered HTML. Entries whose file is gone are removed.
 */
async function sync({ store, generateDigest }: LoaderContext, docs: readonly Doc[]): Promise<void> {
  const keep = new Set<string>();
  for (const doc of docs) {
    const { body, ...data } = doc;
    const digest = generateDigest(body + JSON.stringify(data));
    keep.add(doc.id);
    // The tree check parsed from this body, if the build kept it: taken either way, so it is freed.
    const tree = takeTree(doc);
    if (store.get(doc.id)?.digest === digest) continue;
    store.set({ id: doc.id, data, body, digest, rendered: { html: await renderMarkdown(body, doc.format, tree) } });
  }
  for (const id of store.keys()) if (!keep.has(id)) store.delete(id);
}

const runbooks = defineCollection({
  loader: { name: 'sitrep-runbooks', load: async (context) => sync(context, (await validContent()).runbooks) },
});

const postmortems = defineCollection({
  loader: { name: 'sitrep-postmortems', load: async (context) => sync(context, (await validContent()).postmortems) },
});

export const collections = { runbooks, postmortems };
