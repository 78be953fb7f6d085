/**
 * For `npm run build`: once the pages have built the site model, draw every SLO page's charts on
 * worker threads (src/adapters/charts/prefetch.ts) while the main thread renders the other pages.
 * The specs are made by the same view model as the pages (sloCharts), one SLO at a time, yielding
 * to the page rendering in between. Best effort: if anything here fails, the pages draw their
 * charts themselves and report any error as they always do.
 */
import { setImmediate as yieldToPages } from 'node:timers/promises';
import type { TopLevelSpec } from 'vega-lite';
import { prefetchCharts } from '../../src/adapters/charts/prefetch.ts';
import { ON_SITE_MODEL, type SiteModel } from '../../src/site/model.ts';
import { sloCharts } from '../../src/site/slo-page.ts';

async function* sloChartSpecs(site: SiteModel, base: string): AsyncGenerator<TopLevelSpec> {
  for (const view of site.slos) {
    const charts = sloCharts(view, base);
    if (charts) yield* [charts.budgetChart.spec, charts.dailyChart.spec, charts.burnChart.spec];
    await yieldToPages();
  }
}

/** Draw the charts ahead into `cacheDir` as soon as the pages build the model. */
export function prefetchChartsOnModel(cacheDir: string, base: string): void {
  (globalThis as { [ON_SITE_MODEL]?: (site: SiteModel) => void })[ON_SITE_MODEL] = (site) => {
    prefetchCharts(sloChartSpecs(site, base), cacheDir).catch(() => undefined);
  };
}
