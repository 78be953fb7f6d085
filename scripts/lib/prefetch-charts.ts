/**
 * For `npm run build`: once the pages have built the site model, draw every SLO page's charts on
 * worker threads (src/adapters/charts/prefetch.ts) while the main thread renders the other pages.
 * The specs are made by the same view model as the pages (sloCharts), one SLO at a time, yielding
 * to the page rendering in between. Best effort: if anything here fails, the pages draw their
 * charts themselves and report any error as they always do.
 */
import { setImmediate as yieldToPages } from 'node:timers/promises';
import type { TopLevelSpec } from 'vega-lite';
import type { SiteModel } from '../../src/site/model.ts';
import { ON_SITE_MODEL, type ModelHooks } from '../../src/site/model-hooks.ts';

async function* sloChartSpecs(site: SiteModel, base: string): AsyncGenerator<TopLevelSpec> {
  const { sloCharts } = await import('../../src/site/slo-page.ts');
  for (const view of site.slos) {
    const charts = sloCharts(view, base);
    if (charts) yield* [charts.budgetChart.spec, charts.dailyChart.spec, charts.burnChart.spec];
    await yieldToPages();
  }
}

/**
 * Draw the charts ahead into `cacheDir` as soon as the pages build the model. The chart code is
 * loaded then, not when the build starts, where it would delay Astro's start.
 */
export function prefetchChartsOnModel(cacheDir: string, base: string): void {
  (globalThis as ModelHooks)[ON_SITE_MODEL] = (site) => {
    import('../../src/adapters/charts/prefetch.ts')
      .then(({ prefetchCharts }) => prefetchCharts(sloChartSpecs(site, base), cacheDir))
      .catch(() => undefined);
  };
}
