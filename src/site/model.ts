import { buildIncidentMetrics, buildSloReport, sloSeries, incidentsAsOf, type IncidentMetricsReport, type Series, type SloReport } from '../core/index.ts';
import { formatError } from '../adapters/content/errors.ts';
import { loadContent, type Content, type LoadedIncident, type LoadedSlo } from '../adapters/content/load.ts';
import { readFetchStatus, type SloFetchStatus } from '../adapters/prometheus/fetch-status.ts';
import { indicatorQueries } from '../adapters/prometheus/queries.ts';
import { readHistory, type History } from '../adapters/git/history.ts';
import { readHead } from '../adapters/git/commits.ts';
import { readFrozenRecords } from '../adapters/reports/frozen-store.ts';
import type { CommitRef, FrozenRecord } from '../core/index.ts';
import type { Snapshot } from '../schemas/snapshot.ts';
import { incidentHorizon, incidentTimes, resolveAsOf, type AsOfSource } from './as-of.ts';
import { reviewState, type ReviewState } from './review.ts';
import { contentRoot } from './root.ts';
import { setTimeZone } from './format.ts';
import { SITE_MODEL, type ModelHooks } from './model-hooks.ts';
import { serviceNames } from './service-names.ts';

export interface SloView {
  slo: LoadedSlo;
  report: SloReport | null;
  series: Series | null;
  /** How the last `npm run fetch` of this SLO went (data/fetch-status.json), if it ran. */
  fetch: SloFetchStatus | null;
  /** The snapshot was fetched with other queries than the SLO now defines: refetch to match. */
  queriesChanged: boolean;
  /** When the definition was last changed in git or marked reviewed, and whether a review is due. */
  review: ReviewState;
  /** The PromQL its snapshot was fetched with, by series name (empty without a snapshot). */
  queries: Record<string, string>;
}

/** Whether a snapshot's queries differ from what the SLO's indicator gives at the snapshot's step. */
export function queriesChanged(slo: LoadedSlo, snap: Snapshot): boolean {
  const want = indicatorQueries(slo.indicator, snap.step);
  const keys = new Set([...Object.keys(want), ...Object.keys(snap.queries)]);
  return [...keys].some((k) => want[k] !== snap.queries[k]);
}

/** Everything the pages need, computed once per build. */
export interface SiteModel {
  /** The validated content. Snapshots are not kept: each SLO's series and queries are in its view. */
  content: Omit<Content, 'snapshots'>;
  asOf: number;
  asOfSource: AsOfSource;
  slos: SloView[];
  metrics: IncidentMetricsReport;
  incidentsById: Map<string, LoadedIncident>;
  /** Each content file's history from git (one git call per build), or why there is none. */
  history: History;
  /** Display name of a service id (its `name`), or the id itself for an unknown one. */
  serviceName: (id: string) => string;
  /** The frozen period reports (data/reports/<period>.json), by period slug. */
  frozen: Map<string, FrozenRecord>;
  /** What the site is built from, for every page's footer: HEAD (also in a shallow clone) and its commit time, or SOURCE_DATE_EPOCH outside git. Never the wall clock. */
  builtFrom: BuildSource;
  /** Postmortem and runbook HTML by `<kind>/<id>`, when rendered ahead (the build's); see bodies.ts. */
  bodies?: Map<string, string>;
}

export interface BuildSource {
  commit: CommitRef | null;
  /** SOURCE_DATE_EPOCH as ISO, when set. */
  sourceDate: string | null;
}

/** SOURCE_DATE_EPOCH (Unix seconds, an integer) as ISO; null when unset; throws when it is not one. */
export function sourceDateEpoch(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (!/^\d{1,12}$/.test(value.trim())) throw new Error(`SOURCE_DATE_EPOCH: "${value.slice(0, 40)}" is not a number of seconds since 1970-01-01T00:00:00Z`);
  return new Date(Number(value.trim()) * 1000).toISOString();
}

/** Load, validate and compute. Throws with every content error when the content is invalid. */
export async function buildModel(root: string, env: NodeJS.ProcessEnv = process.env, opts: { history?: boolean } = {}): Promise<SiteModel> {
  const { content, errors } = await loadContent(root);
  if (errors.length) {
    throw new Error(`content has ${errors.length} error(s); run npm run check:\n${errors.map(formatError).join('\n')}`);
  }
  setTimeZone(content.site.time_zone);
  const times = incidentTimes(content.incidents);
  const { asOf, source } = resolveAsOf(env.SITREP_AS_OF, content.snapshots.values(), times);
  const status = (await readFetchStatus(root)).slos;
  const frozen = await readFrozenRecords(root);
  const builtFrom: BuildSource = { commit: opts.history === false ? null : await readHead(root), sourceDate: sourceDateEpoch(env.SOURCE_DATE_EPOCH) };
  // The figures do not depend on history: commands that only compute them (gate, diff) skip git.
  const history: History = opts.history === false ? { status: { available: false, reason: 'not read' }, files: new Map() } : await readHistory(root);
  if (opts.history !== false && !history.status.available) console.warn(`sitrep: file history unavailable, pages show no git dates: ${history.status.reason}`);
  // A report as of a past time shows the incidents as they stood then; without --as-of, incidents
  // newer than the data are shown too (see incidentHorizon), while the SLO figures stop at asOf.
  const horizon = incidentHorizon(asOf, source, times);
  const incidents = incidentsAsOf(content.incidents, horizon);
  const sloIncidents = horizon === asOf ? incidents : incidentsAsOf(content.incidents, asOf);
  const slos = content.slos.map((slo): SloView => {
    const snap = content.snapshots.get(slo.id);
    const series = snap ? sloSeries(slo, snap, content.maintenance, asOf) : null;
    const report = series ? buildSloReport(slo, series, asOf, sloIncidents) : null;
    const review = reviewState(slo.last_reviewed, history.files.get(slo.source.file)?.updated.date, asOf, content.site.review_after_days);
    return { slo, report, series, fetch: status[slo.id] ?? null, queriesChanged: snap ? queriesChanged(slo, snap) : false, review, queries: snap?.queries ?? {} };
  });
  const { snapshots: _snapshots, ...kept } = content;
  return {
    content: { ...kept, incidents },
    asOf,
    asOfSource: source,
    slos,
    metrics: buildIncidentMetrics(incidents, content.severities, horizon),
    incidentsById: new Map(incidents.map((i) => [i.id, i])),
    serviceName: serviceNames(content.services),
    history,
    frozen,
    builtFrom,
  };
}

let cached: Promise<SiteModel> | undefined;

/** The model of the content root (SITREP_ROOT or the current directory), computed once per process. */
export function getSite(): Promise<SiteModel> {
  const hooks = globalThis as ModelHooks;
  cached ??= (hooks[SITE_MODEL] ?? buildModel(contentRoot())).then((site) => {
    // The zone is this module copy's setting: set it here too when the model came from elsewhere.
    setTimeZone(site.content.site.time_zone);
    return site;
  });
  return cached;
}
