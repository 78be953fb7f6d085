import { BURN_WINDOW_NAMES, sloIdentity, type SloReport } from '../core/index.ts';
import type { LoadedSlo } from '../adapters/content/load.ts';
import type { SiteModel, SloView } from './model.ts';

type Nullable<T> = { [K in keyof T]: T[K] | null };

/** The report of an SLO that has no snapshot: the same keys, with null for every figure. */
function emptyReport(slo: LoadedSlo, asOf: string): Nullable<SloReport> {
  return {
    ...sloIdentity(slo),
    asOf,
    from: null,
    to: null,
    windowSeconds: null,
    sli: null,
    good: null,
    total: null,
    bad: null,
    coverage: null,
    partial: null,
    lowTraffic: null,
    data: null,
    budget: null,
    status: null,
    methods: null,
    budgetHistory: null,
    burnRates: Object.fromEntries(BURN_WINDOW_NAMES.map((w) => [w, null])) as SloReport['burnRates'],
    timeToExhaustion: null,
    alertRules: null,
    alerts: [],
    alertCoverage: null,
    budgetByPeriod: [],
    incidentBudget: [],
  };
}

/**
 * `dist/api/v1/slos/<id>.json`: the full SloReport of one SLO (see src/core/report.ts for the
 * fields), with whether it has data, where it is defined and how its last fetch went.
 */
export function sloJson(site: SiteModel, view: SloView) {
  const asOf = new Date(site.asOf * 1000).toISOString();
  const { slo, report, fetch, queriesChanged } = view;
  return {
    ...(report ?? emptyReport(slo, asOf)),
    asOfSource: site.asOfSource,
    hasData: report !== null,
    queriesChanged,
    source: slo.source,
    fetch: fetch ?? null,
  };
}

const identity = (slo: LoadedSlo) => {
  const { schema: _, ...rest } = sloIdentity(slo);
  return rest;
};

/**
 * `dist/api/v1/slos.json`: the index, one light row per SLO with its headline figures and the
 * path of its full report. Small at any size (a few hundred bytes per SLO), so a dashboard or a
 * script reads it whole and fetches only the SLOs it needs.
 */
export function slosJson(site: SiteModel, base = '/') {
  return {
    schema: 'sitrep-api-slos/v2',
    asOf: new Date(site.asOf * 1000).toISOString(),
    asOfSource: site.asOfSource,
    slos: site.slos.map(({ slo, report, fetch }) => ({
      ...identity(slo),
      hasData: report !== null,
      sli: report?.sli ?? null,
      status: report?.status ?? null,
      budgetRemaining: report?.budget.remaining ?? null,
      coverage: report?.coverage ?? null,
      // The last fetch failed: the figures stop at the data's end (as the SLO tables say).
      stale: fetch ? !fetch.ok : null,
      report: `${base}api/v1/slos/${slo.id}.json`,
      page: `${base}slos/${slo.id}/`,
    })),
  };
}

/** `dist/api/v1/incidents.json`: the incidents as validated, and their metrics. */
export function incidentsJson(site: SiteModel) {
  return {
    schema: 'sitrep-api-incidents/v1',
    asOf: new Date(site.asOf * 1000).toISOString(),
    incidents: site.content.incidents,
    metrics: site.metrics,
  };
}
