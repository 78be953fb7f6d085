/**
 * The HTML of postmortem and runbook bodies, rendered by the one sanitising pipeline
 * (src/adapters/content/markdown.ts). `npm run build` renders them all on its model thread
 * (scripts/lib/model-thread.ts) and hands them over with the model; anywhere else (the dev server,
 * tests) a body is rendered when a page first asks for it.
 */
import { renderBody } from '../adapters/content/parse-files.ts';
import { takeHtml } from '../adapters/content/parsed-bodies.ts';
import type { LoadedPostmortem, LoadedRunbook } from '../adapters/content/load.ts';

export type BodyKind = 'postmortems' | 'runbooks';
type Doc = LoadedPostmortem | LoadedRunbook;

const keyOf = (kind: BodyKind, id: string) => `${kind}/${id}`;

/** Every body's HTML, by `<kind>/<id>`: as the loader rendered it, or from the tree it parsed, when the build kept them. */
export async function renderBodies(content: { postmortems: readonly LoadedPostmortem[]; runbooks: readonly LoadedRunbook[] }): Promise<Map<string, string>> {
  const html = new Map<string, string>();
  for (const [kind, docs] of [['postmortems', content.postmortems], ['runbooks', content.runbooks]] as const) {
    for (const doc of docs) html.set(keyOf(kind, doc.id), takeHtml(doc) ?? (await renderBody(doc)));
  }
  return html;
}

const rendered = new WeakMap<object, Map<string, Promise<string> | string>>();

/** The HTML of one body: from `bodies` when given (the build's), else rendered once per model. */
export function bodyHtml(model: { bodies?: ReadonlyMap<string, string> }, kind: BodyKind, doc: Doc): Promise<string> | string {
  const key = keyOf(kind, doc.id);
  const ready = model.bodies?.get(key);
  if (ready !== undefined) return ready;
  let memo = rendered.get(model);
  if (!memo) rendered.set(model, (memo = new Map()));
  let html = memo.get(key);
  if (html === undefined) memo.set(key, (html = renderBody(doc)));
  return html;
}
