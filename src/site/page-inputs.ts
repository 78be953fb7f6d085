/**
 * The inputs of the pages a rebuild links instead of rendering (see page-keys.ts): for each, every
 * value the page shows that comes from the site model, as plain data. The page renders from these
 * and reads nothing else of the model; its key is their digest.
 */
import { anchorActionRows } from './action-items.ts';
import { bodyHtml } from './bodies.ts';
import { byId, runbookViewsByService, sloViewById, sloViewsByService } from './by-id.ts';
import { incidentsOfService } from '../core/index.ts';
import { metricRows } from './definitions.ts';
import { sloTableRows } from './overview.ts';
import { chartInput } from '../adapters/charts/cache.ts';
import { sloPage, type ChartView } from './slo-page.ts';
import { incidentView } from './incident-view.ts';
import type { SiteModel } from './model.ts';
import { DRAW_AHEAD, type ModelHooks } from './model-hooks.ts';
import { historyInputs } from './page-keys.ts';
import { runbookViews } from './runbooks.ts';
import { historyPages } from './history.ts';
import { reportPage } from './reports.ts';
import { trackerPages } from './tracker.ts';

/** An incident's page (src/pages/incidents/[id].astro). */
export function incidentPageInputs(site: SiteModel, id: string, base: string) {
  const i = site.incidentsById.get(id)!;
  const postmortem = i.postmortem ? byId(site.content.postmortems).get(i.postmortem) : undefined;
  return {
    i,
    view: incidentView(site, i, base),
    services: i.services.map((s) => ({ id: s, name: site.serviceName(s) })),
    level: site.content.severities.levels.find((l) => l.id === i.severity) ?? null,
    postmortem: postmortem ? { id: postmortem.id, title: postmortem.title, status: postmortem.status, summary: postmortem.summary } : null,
    history: historyInputs(site, i.file),
  };
}

/** A postmortem's page (src/pages/postmortems/[id].astro). */
export async function postmortemPageInputs(site: SiteModel, id: string) {
  const pm = byId(site.content.postmortems).get(id)!;
  // An incident after the report time (--as-of) has no page in this build: its id is shown alone.
  const incidents = pm.incidents.map((i) => {
    const inc = site.incidentsById.get(i);
    return { id: i, page: inc ? { title: inc.title, severity: inc.severity } : null };
  });
  const { title, status, date, authors, file } = pm;
  return { pm: { title, status, date, authors }, incidents, html: anchorActionRows(await bodyHtml(site, 'postmortems', pm)), history: historyInputs(site, file) };
}

/** A runbook's page (src/pages/runbooks/[id].astro). */
export async function runbookPageInputs(site: SiteModel, id: string, base: string) {
  const rb = byId(site.content.runbooks).get(id)!;
  return { view: byId(runbookViews(site, base)).get(id)!, html: await bodyHtml(site, 'runbooks', rb), history: historyInputs(site, rb.file) };
}

/** An SLO's page (src/pages/slos/[id].astro): its charts by their cache keys, and of its report what the page shows. */
export function sloPageInputs(site: SiteModel, id: string, base: string) {
  const view = sloViewById(site.slos).get(id)!;
  const { slo, fetch, queriesChanged, review } = view;
  const page = sloPage(view, site, base);
  const runbook = slo.runbook ? byId(site.content.runbooks).get(slo.runbook) : undefined;
  const chart = <C extends ChartView>({ spec, ...shown }: C) => ({ ...shown, spec: chartInput(spec) });
  return {
    slo,
    fetch,
    queriesChanged,
    review,
    reviewAfterDays: site.content.site.review_after_days,
    serviceName: site.serviceName(slo.service),
    runbook: runbook ? { id: runbook.id, title: runbook.title } : null,
    queries: Object.entries(view.queries),
    page: page && {
      ...page,
      report: { status: page.report.status, partial: page.report.partial, from: page.report.from, data: { start: page.report.data.start, missingSteps: page.report.data.missingSteps }, lowTraffic: page.report.lowTraffic, total: page.report.total },
      budgetChart: chart(page.budgetChart),
      dailyChart: chart(page.dailyChart),
      burnChart: chart(page.burnChart),
    },
  };
}

/**
 * Under `npm run build`, hand the charts of an SLO page that will be rendered to be drawn ahead on
 * other cores (model-hooks.ts): the page then finds them drawn. A page linked from the last build draws none.
 */
export function drawAhead({ page }: ReturnType<typeof sloPageInputs>): void {
  const draw = (globalThis as ModelHooks)[DRAW_AHEAD];
  if (draw && page) for (const chart of [page.budgetChart, page.dailyChart, page.burnChart]) draw(chart.spec);
}

/** A service's page (src/pages/services/[id].astro). */
export function servicePageInputs(site: SiteModel, id: string, base: string) {
  const service = byId(site.content.services).get(id)!;
  const metrics = site.metrics.byService[id];
  return {
    service,
    dependencies: service.dependencies.map((d) => ({ id: d, name: site.serviceName(d) })),
    slos: sloTableRows(site, sloViewsByService(site.slos).get(id) ?? []),
    metrics: metrics ? metricRows(metrics) : null,
    incidents: [...incidentsOfService(site.content.incidents, id)].reverse().map((i) => ({ id: i.id, title: i.title, severity: i.severity, status: i.status, started_at: i.started_at })),
    runbooks: (runbookViewsByService(runbookViews(site, base)).get(id) ?? []).map((r) => ({ id: r.id, url: r.url, title: r.title, orphaned: r.refs.orphaned, summary: r.refs.summary, stale: Boolean(r.stale) })),
  };
}

/** A page of the incident history after the first (src/pages/outages/history/[page].astro): its rows, links and filters. */
export function historyPageInputs(site: SiteModel, n: number, base: string) {
  return { page: historyPages(site, base)[n - 1]! };
}

/** A services page of the outage tracker after the first (src/pages/outages/services/[page].astro): its day-bars and pager. */
export function trackerPageInputs(site: SiteModel, n: number, base: string) {
  return { page: trackerPages(site, base)[n - 1]! };
}

/** A period report, published or one frozen version of it (src/pages/reports/[period].astro, [period]/[version].astro). */
export function reportPageInputs(site: SiteModel, slug: string, base: string, version?: number) {
  return { v: reportPage(site, slug, base, version) };
}
