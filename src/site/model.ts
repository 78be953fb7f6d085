import { buildIncidentMetrics, buildSeries, buildSloReport, sloSeries, incidentsAsOf, type IncidentMetricsReport, type Series, type SloReport } from '../core/index.ts';
import { formatError } from '../adapters/content/errors.ts';
import { loadContent, type Content, type LoadedIncident, type LoadedSlo } from '../adapters/content/load.ts';
import { readFetchStatus, type SloFetchStatus } from '../adapters/prometheus/fetch-status.ts';
import { indicatorQueries } from '../adapters/prometheus/queries.ts';
import type { Snapshot } from '../schemas/snapshot.ts';
import { resolveAsOf, type AsOfSource } from './as-of.ts';
import { contentRoot } from './root.ts';

export interface SloView {
  slo: LoadedSlo;
  report: SloReport | null;
  series: Series | null;
  /** How the last `npm run fetch` of this SLO went (data/fetch-status.json), if it ran. */
  fetch: SloFetchStatus | null;
  /** The snapshot was fetched with other queries than the SLO now defines: refetch to match. */
  queriesChanged: boolean;
}

/** Whether a snapshot's queries differ from what the SLO's indicator gives at the snapshot's step. */
export function queriesChanged(slo: LoadedSlo, snap: Snapshot): boolean {
  const want = indicatorQueries(slo.indicator, snap.step);
  const keys = new Set([...Object.keys(want), ...Object.keys(snap.queries)]);
  return [...keys].some((k) => want[k] !== snap.queries[k]);
}

/** Everything the pages need, computed once per build. */
export interface SiteModel {
  content: Content;
  asOf: number;
  asOfSource: AsOfSource;
  slos: SloView[];
  metrics: IncidentMetricsReport;
  incidentsById: Map<string, LoadedIncident>;
}

/** Load, validate and compute. Throws with every content error when the content is invalid. */
export async function buildModel(root: string, env: NodeJS.ProcessEnv = process.env): Promise<SiteModel> {
  const { content, errors } = await loadContent(root);
  if (errors.length) {
    throw new Error(`content has ${errors.length} error(s); run npm run check:\n${errors.map(formatError).join('\n')}`);
  }
  const { asOf, source } = resolveAsOf(env.SITREP_AS_OF, content.snapshots.values(), content.incidents.flatMap((i) => [i.started_at, i.resolved_at ?? i.started_at]), Math.floor(Date.now() / 1000));
  const status = (await readFetchStatus(root)).slos;
  // A report as of a past time shows the incidents as they stood then.
  const incidents = incidentsAsOf(content.incidents, asOf);
  const slos = content.slos.map((slo): SloView => {
    const snap = content.snapshots.get(slo.id);
    const series = snap ? sloSeries(slo, buildSeries(snap), content.maintenance, asOf) : null;
    const report = series ? buildSloReport(slo, series, asOf, incidents) : null;
    return { slo, report, series, fetch: status[slo.id] ?? null, queriesChanged: snap ? queriesChanged(slo, snap) : false };
  });
  return {
    content: { ...content, incidents },
    asOf,
    asOfSource: source,
    slos,
    metrics: buildIncidentMetrics(incidents, content.severities, asOf),
    incidentsById: new Map(incidents.map((i) => [i.id, i])),
  };
}

let cached: Promise<SiteModel> | undefined;

/** The model of the content root (SITREP_ROOT or the current directory), computed once per process. */
export function getSite(): Promise<SiteModel> {
  cached ??= buildModel(contentRoot());
  return cached;
}
