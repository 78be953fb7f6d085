/**
 * Markdown trees parsed by the loader, handed to the build's renderer so that a build parses each
 * postmortem and runbook body once (check's parse), not twice; or the HTML itself, when the body
 * was parsed and rendered on another thread (parse-pool.ts). Off unless the build turns it on
 * (`keepParsedBodies`): `check` alone keeps nothing. Kept on globalThis, so that every copy of
 * this module in a process shares it. Each tree or HTML is handed out once and then forgotten.
 */
import type { Root } from 'mdast';

const KEY = Symbol.for('sitrep.parsed-bodies');
type Store = WeakMap<object, Root | string>;
const store = (): Store | undefined => (globalThis as { [KEY]?: Store })[KEY];

export function keepParsedBodies(): void {
  (globalThis as { [KEY]?: Store })[KEY] ??= new WeakMap();
}

/** Whether the build asked to keep the parsed bodies. */
export function keepingBodies(): boolean {
  return store() !== undefined;
}

/** Remember the tree of a loaded document's body (when the build asked for it). */
export function keepTree(doc: object, tree: Root): void {
  store()?.set(doc, tree);
}

/** Remember the rendered HTML of a loaded document's body (when the build asked for it). */
export function keepHtml(doc: object, html: string): void {
  store()?.set(doc, html);
}

/** The tree kept for `doc`, once: a second call gets undefined. */
export function takeTree(doc: object): Root | undefined {
  const kept = store()?.get(doc);
  if (kept === undefined || typeof kept === 'string') return undefined;
  store()!.delete(doc);
  return kept;
}

/** The HTML kept for `doc`, once. */
export function takeHtml(doc: object): string | undefined {
  const kept = store()?.get(doc);
  if (typeof kept !== 'string') return undefined;
  store()!.delete(doc);
  return kept;
}
