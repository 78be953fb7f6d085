/**
 * The model thread of `npm run build` (see model-thread.ts): load and check the content, compute
 * every figure, render the Markdown bodies, and post the result back. Runs nothing from the
 * content: it only reads files, as `npm run check` does.
 */
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { loadContent, shareContentLoads } from '../../src/adapters/content/load.ts';
import { codeVersion, openParseCache, type ParseCache } from '../../src/adapters/content/parse-cache.ts';
import { keepParsedBodies } from '../../src/adapters/content/parsed-bodies.ts';
import { openParsePool } from '../../src/adapters/content/parse-pool.ts';
import { renderBodies } from '../../src/site/bodies.ts';
import { buildModel } from '../../src/site/model.ts';
import type { ModelMessage, ModelTask } from './model-thread.ts';

const { root } = workerData as ModelTask;
const post = (message: ModelMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

/**
 * The buffers of every typed array in the SLO views, to move them instead of copying. The series
 * share buffers (src/core/typed-arena.ts): they all move at once, and this thread builds no more.
 */
function buffersOf(value: unknown, found = new Set<ArrayBuffer>(), seen = new Set<object>()): Set<ArrayBuffer> {
  if (typeof value !== 'object' || value === null || seen.has(value)) return found;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
    return found;
  }
  for (const v of value instanceof Map ? value.values() : Object.values(value)) buffersOf(v, found, seen);
  return found;
}

// Check's parse of each Markdown body is kept for the renderer, and the content is read once.
shareContentLoads();
keepParsedBodies();
const pool = openParsePool(undefined, undefined, { eager: true });
const warn = (message: string) => console.warn(`warning: ${message}`);
const cache = await openCache();
try {
  // The big folders are parsed on the other cores too (the main thread is busy only at first),
  // those files the last build parsed alike excepted.
  const { errors } = await loadContent(root, { pool, cache }).finally(() => pool.close());
  if (errors.length) {
    post({ kind: 'errors', errors });
  } else {
    const model = await buildModel(root, process.env);
    model.bodies = await renderBodies(model.content);
    // Functions do not cross threads: the receiver makes serviceName again.
    const { serviceName: _serviceName, ...data } = model;
    post({ kind: 'model', model: data, ...(cache ? { contentCache: { reused: cache.hits, parsed: cache.misses } } : {}) }, [...buffersOf(data.slos)]);
  }
} catch (e) {
  post({ kind: 'failure', message: (e as Error).message });
}
// After the model is sent, while the pages are rendered; the build waits for this thread to end.
await cache?.save().catch((e: Error) => warn(`could not save the content cache (${e.message}); the next build parses every file`));

/** The content parsed by the last build (SITREP_CONTENT_CACHE, set by scripts/lib/build-pages.ts), or none. */
async function openCache(): Promise<ParseCache | undefined> {
  const file = process.env.SITREP_CONTENT_CACHE;
  if (!file) return undefined;
  try {
    return await openParseCache(file, await codeVersion(fileURLToPath(new URL('../..', import.meta.url))), warn);
  } catch (e) {
    warn(`no content cache (${(e as Error).message}); parsing every file`);
    return undefined;
  }
}
