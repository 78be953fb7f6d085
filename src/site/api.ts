import { BURN_WINDOW_NAMES, sloIdentity, type SloReport } from '../core/index.ts';
import type { LoadedSlo } from '../adapters/content/load.ts';
import type { SiteModel } from './model.ts';

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

/** `dist/api/v1/slos.json`: one SloReport per SLO (see src/core/report.ts for the fields). */
export function slosJson(site: SiteModel) {
  const asOf = new Date(site.asOf * 1000).toISOString();
  return {
    schema: 'sitrep-api-slos/v1',
    asOf,
    asOfSource: site.asOfSource,
    slos: site.slos.map(({ slo, report, fetch, queriesChanged }) => ({
      ...(report ?? emptyReport(slo, asOf)),
      hasData: report !== null,
      queriesChanged,
      source: slo.source,
      fetch: fetch ?? null,
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
