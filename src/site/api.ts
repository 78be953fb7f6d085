import type { SiteModel } from './model.ts';

/** `dist/api/v1/slos.json`: one SloReport per SLO (see src/core/report.ts for the fields). */
export function slosJson(site: SiteModel) {
  return {
    schema: 'sitrep-api-slos/v1',
    asOf: new Date(site.asOf * 1000).toISOString(),
    asOfSource: site.asOfSource,
    slos: site.slos.map(({ slo, report, fetch }) => ({
      ...(report ?? {
        id: slo.id,
        service: slo.service,
        name: slo.name,
        objective: slo.objective / 100,
        window: slo.window,
        sli: null,
        good: 0,
        total: 0,
        coverage: 0,
        budget: { allowed: 0, consumed: null, remaining: null, allowedSeconds: null },
        status: null,
        burnRates: {},
        alerts: [],
      }),
      hasData: report !== null,
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
