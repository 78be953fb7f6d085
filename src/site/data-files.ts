/**
 * The files of the site that are data, not pages, and come one or more per SLO or service: each
 * SLO's API file (`api/v1/slos/<id>.json`), its three chart specs (`slos/<id>/<chart>.vl.json`) and
 * its badge (`badges/slos/<id>.svg`), and each service's badge (`badges/services/<id>.svg`).
 *
 * Each body is defined once, here; two drivers write them. `npm run build` writes them itself
 * (writeDataFiles in scripts/lib/post-build.ts) once the pages are written, instead of
 * through Astro's page pipeline, which costs a few milliseconds of the one busy thread per file
 * (5,500 files at 1,000 SLOs): their routes then list no paths (DATA_FILES_BY_BUILD). Under
 * `astro dev`, and a plain `astro build`, the routes in src/pages serve the same bodies.
 */
import { sloJson } from './api.ts';
import { badgeSvg, serviceBadgeMessage, sloBadgeMessage } from './badges.ts';
import { sloViewsByService } from './by-id.ts';
import { DATA_FILES_BY_BUILD, type ModelHooks } from './model-hooks.ts';
import type { SiteModel, SloView } from './model.ts';
import { sloCharts } from './slo-page.ts';
import type { Service } from '../schemas/service.ts';

/** One data file: its path in the site (no leading slash, no base) and its text. */
export interface DataFile {
  path: string;
  body: string;
}

export const CHART_NAMES = ['budget', 'daily', 'burn'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** `api/v1/slos/<id>.json`: the SLO's full report (src/site/api.ts). */
export function sloApiFile(site: SiteModel, view: SloView): string {
  return JSON.stringify(sloJson(site, view), null, 2);
}

/** `slos/<id>/<chart>.vl.json`: each chart's vega-lite spec with its data inline; null for an SLO without a report. */
export function sloChartFiles(view: SloView, base: string): Record<ChartName, string> | null {
  const charts = sloCharts(view, base);
  if (charts === null) return null;
  const file = (spec: unknown) => `${JSON.stringify(spec, null, 2)}\n`;
  return { budget: file(charts.budgetChart.spec), daily: file(charts.dailyChart.spec), burn: file(charts.burnChart.spec) };
}

/** `badges/slos/<id>.svg`. */
export function sloBadgeFile(view: SloView): string {
  const { message, status } = sloBadgeMessage(view);
  return badgeSvg(view.slo.name, message, status);
}

/** `badges/services/<id>.svg`: the worst of the service's SLOs (`views`). */
export function serviceBadgeFile(service: Service, views: readonly SloView[]): string {
  const { message, status } = serviceBadgeMessage(views);
  return badgeSvg(service.name, message, status);
}

/** Every data file of the site, SLO by SLO, then the service badges. */
export function* dataFiles(site: SiteModel, base: string): Generator<DataFile> {
  for (const view of site.slos) {
    const id = view.slo.id;
    yield { path: `api/v1/slos/${id}.json`, body: sloApiFile(site, view) };
    yield { path: `badges/slos/${id}.svg`, body: sloBadgeFile(view) };
    const charts = sloChartFiles(view, base);
    if (charts) for (const name of CHART_NAMES) yield { path: `slos/${id}/${name}.vl.json`, body: charts[name] };
  }
  const byService = sloViewsByService(site.slos);
  for (const service of site.content.services) yield { path: `badges/services/${service.id}.svg`, body: serviceBadgeFile(service, byService.get(service.id) ?? []) };
}

/** The paths a data-file route lists: none when `npm run build` writes the files itself. */
export function dataRoutePaths<P>(paths: () => P[]): P[] {
  return (globalThis as ModelHooks)[DATA_FILES_BY_BUILD] ? [] : paths();
}
