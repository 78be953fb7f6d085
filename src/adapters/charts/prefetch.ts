/**
 * Charts drawn ahead, on another core. A build renders its pages on one thread, and the SLO pages,
 * whose charts are most of the drawing, come last (routes are built in order). So as their route
 * lists them, the build hands the charts of the SLO pages it will render to worker threads, which
 * draw each into the chart cache (see cache.ts) while the main thread renders the other pages; when an SLO page
 * asks for a chart, `renderChart` waits for the worker's copy instead of drawing it again. Should
 * the worker fail, a page draws its charts itself: the SVG is the same either way.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { pendingCharts } from './registry.ts';
import type { Digested } from '../../site/digested.ts';

/** Worker threads to draw with: the cores beside the main thread, at least one, at most three. */
export const PREFETCH_WORKERS = Math.min(3, Math.max(1, availableParallelism() - 1));

/**
 * Draw `charts` (specs under their cache keys: chartInput) into `cacheDir` on worker threads; each
 * chart's key is pending until its SVG is stored (true) or could not be (false). Resolves when every worker has finished.
 * A worker that dies gives up at once the charts it had not drawn (false: the pages draw them) and is given no more,
 * so a page never waits on a dead worker, even while more charts are still to come. `script` is the worker's code (tests give one that dies).
 */
export async function prefetchCharts(
  charts: AsyncIterable<Digested<TopLevelSpec>> | Iterable<Digested<TopLevelSpec>>,
  cacheDir: string,
  workers = PREFETCH_WORKERS,
  script: URL = new URL('./prefetch-worker.ts', import.meta.url),
): Promise<void> {
  const pending = pendingCharts();
  /** What each live worker was given and has not drawn yet: its charts' keys, with what settles each. */
  const given = new Map<Worker, Map<string, (drawn: boolean) => void>>();
  const giveUp = (w: Worker) => {
    for (const [key, settle] of given.get(w) ?? []) {
      pending.delete(key);
      settle(false);
    }
    given.delete(w);
  };
  const done = Array.from({ length: workers }, () => {
    const w = new Worker(script, { workerData: { cacheDir } });
    given.set(w, new Map());
    return new Promise<void>((resolve) => {
      w.on('message', (m: { key: string; drawn: boolean }) => {
        const settle = given.get(w)?.get(m.key);
        given.get(w)?.delete(m.key);
        settle?.(m.drawn);
      });
      w.on('error', () => giveUp(w));
      w.on('exit', () => {
        giveUp(w);
        resolve();
      });
    });
  });
  let n = 0;
  try {
    for await (const { digest: key, value: spec } of charts) {
      const alive = [...given.keys()];
      if (pending.has(key) || alive.length === 0) continue;
      const w = alive[n++ % alive.length]!;
      pending.set(key, new Promise<boolean>((resolve) => given.get(w)!.set(key, resolve)));
      w.postMessage({ key, spec });
    }
  } finally {
    // Also when making the specs failed: the workers finish what they were given, and end.
    for (const w of given.keys()) w.postMessage(null);
    await Promise.all(done);
  }
}
