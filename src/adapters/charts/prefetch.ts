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
 */
export async function prefetchCharts(charts: AsyncIterable<Digested<TopLevelSpec>> | Iterable<Digested<TopLevelSpec>>, cacheDir: string, workers = PREFETCH_WORKERS): Promise<void> {
  const pending = pendingCharts();
  const settle = new Map<string, (drawn: boolean) => void>();
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./prefetch-worker.ts', import.meta.url), { workerData: { cacheDir } }));
  const done = pool.map(
    (w) =>
      new Promise<void>((resolve) => {
        w.on('message', (m: { key: string; drawn: boolean }) => {
          settle.get(m.key)?.(m.drawn);
          settle.delete(m.key);
        });
        w.on('error', () => undefined);
        w.on('exit', () => resolve());
      }),
  );
  let n = 0;
  try {
    for await (const { digest: key, value: spec } of charts) {
      if (pending.has(key)) continue;
      pending.set(key, new Promise<boolean>((resolve) => settle.set(key, resolve)));
      pool[n++ % pool.length]!.postMessage({ key, spec });
    }
  } finally {
    // Also when making the specs failed: the workers finish what they were given, and end.
    for (const w of pool) w.postMessage(null);
    await Promise.all(done);
    // A worker that died leaves its charts to the pages.
    for (const [key, resolve] of settle) {
      resolve(false);
      pending.delete(key);
    }
  }
}
