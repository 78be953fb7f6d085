/**
 * For `npm run build`: draw the charts of the SLO pages this build renders on worker threads
 * (src/adapters/charts/prefetch.ts) while the main thread renders the other pages. The SLO route
 * hands each chart over as it lists its pages (src/site/page-inputs.ts, `drawAhead`), from the
 * inputs it computes for their keys anyway; the pages a rebuild links from the last build hand over
 * none, so a rebuild that renders no SLO page starts no worker. Best effort: if anything here
 * fails, the pages draw their charts themselves and report any error as they always do.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Digested } from '../../src/site/digested.ts';
import { DRAW_AHEAD, type ModelHooks } from '../../src/site/model-hooks.ts';

/** What the hook was given and the prefetch has not taken yet, and whether more may come. */
class Charts implements AsyncIterable<Digested<TopLevelSpec>> {
  private readonly queue: Digested<TopLevelSpec>[] = [];
  private ended = false;
  private wake: (() => void) | undefined;
  push(chart: Digested<TopLevelSpec>): void {
    if (this.ended) return;
    this.queue.push(chart);
    this.wake?.();
  }
  end(): void {
    this.ended = true;
    this.wake?.();
  }
  /** The prefetch has stopped (it failed): drop what waits, and take nothing more. */
  stop(): void {
    this.queue.length = 0;
    this.end();
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<Digested<TopLevelSpec>> {
    for (;;) {
      while (this.queue.length > 0) yield this.queue.shift()!;
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}

/**
 * Set the hook that draws charts ahead into `cacheDir`. The chart code and the workers are loaded
 * with the first chart, not when the build starts, where they would delay Astro's start. Call the
 * returned `end` once the pages are built: the workers finish what they were given, and stop.
 */
export function drawChartsAhead(cacheDir: string): { end: () => Promise<void> } {
  const charts = new Charts();
  let drawing: Promise<void> | undefined;
  (globalThis as ModelHooks)[DRAW_AHEAD] = (chart) => {
    charts.push(chart);
    drawing ??= import('../../src/adapters/charts/prefetch.ts')
      .then(({ prefetchCharts }) => prefetchCharts(charts, cacheDir))
      .catch(() => undefined)
      .finally(() => charts.stop());
  };
  return {
    end: async () => {
      delete (globalThis as ModelHooks)[DRAW_AHEAD];
      charts.end();
      await drawing;
    },
  };
}
