/**
 * The worker of prefetch.ts: draws each spec it is sent into the chart cache, and says so. A
 * `null` message ends it once everything before it is drawn.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from './cache.ts';

const { cacheDir } = workerData as { cacheDir: string };
let queue = Promise.resolve();
parentPort!.on('message', (m: { key: string; spec: TopLevelSpec } | null) => {
  queue = queue.then(async () => {
    if (m === null) {
      parentPort!.close();
      return;
    }
    const drawn = await renderChart(m.spec, cacheDir).then(
      () => true,
      () => false,
    );
    parentPort!.postMessage({ key: m.key, drawn });
  });
});
