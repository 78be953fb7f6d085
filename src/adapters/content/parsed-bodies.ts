/**
 * Markdown trees parsed by the loader, handed to the build's renderer so that a build parses each
 * postmortem and runbook body once (check's parse), not twice. Off unless the build turns it on
 * (`keepParsedBodies`): `check` alone keeps nothing. Kept on globalThis, because the content
 * collections run from Vite's bundle with their own copy of this module. Each tree is handed out
 * once and then forgotten, so the trees do not outlive the collections' sync.
 */
import type { Root } from 'mdast';

const KEY = Symbol.for('sitrep.parsed-bodies');
type Store = WeakMap<object, Root>;
const store = (): Store | undefined => (globalThis as { [KEY]?: Store })[KEY];

export function keepParsedBodies(): void {
  (globalThis as { [KEY]?: Store })[KEY] ??= new WeakMap();
}

/** Remember the tree of a loaded document's body (when the build asked for it). */
export function keepTree(doc: object, tree: Root): void {
  store()?.set(doc, tree);
}

/** The tree kept for `doc`, once: a second call gets undefined. */
export function takeTree(doc: object): Root | undefined {
  const s = store();
  const tree = s?.get(doc);
  s?.delete(doc);
  return tree;
}
