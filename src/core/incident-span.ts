/**
 * The time spans of an incident, each defined once:
 * - open: not resolved (status other than `resolved`, or no `resolved_at`);
 * - incident span: `[started_at, resolved_at)`, cut at asOf (and running to asOf while open): the
 *   time the incident was open, used for budget attribution and alert matching;
 * - impact span (outage.ts, `impactInterval`): `[started_at, mitigated_at ?? resolved_at ?? asOf)`,
 *   the time customers were hurt, used for outage minutes and MTBF.
 */
import type { Incident, IncidentTimestamp } from '../schemas/incident.ts';
import type { Interval } from './intervals.ts';
import { secondsOf } from './periods.ts';

/** An incident's timestamps in Unix seconds, by field; absent where the incident has none. */
export type IncidentTimes = { [K in IncidentTimestamp]: K extends 'started_at' ? number : number | undefined };

const parsedTimes = new WeakMap<object, IncidentTimes>();

/**
 * An incident's timestamps as Unix seconds, parsed once per incident object: the engine reads
 * them for every SLO of the incident's services and every report, metric and period (incidents
 * are read-only once loaded; incidentsAsOf makes a new object where it changes one).
 * started_at 2026-10-03T10:00:00Z -> started_at 1790935200.
 */
export function incidentTimes(i: Partial<Pick<Incident, IncidentTimestamp>> & Pick<Incident, 'started_at'>): IncidentTimes {
  let t = parsedTimes.get(i);
  if (t === undefined) {
    const at = (k: IncidentTimestamp): number | undefined => (i[k] === undefined ? undefined : secondsOf(i[k]));
    t = { started_at: secondsOf(i.started_at), detected_at: at('detected_at'), acknowledged_at: at('acknowledged_at'), mitigated_at: at('mitigated_at'), resolved_at: at('resolved_at') };
    parsedTimes.set(i, t);
  }
  return t;
}

/** True when an incident is not resolved: status other than resolved, or no resolved_at. */
export function isUnresolved(i: Pick<Incident, 'status' | 'resolved_at'>): boolean {
  return i.status !== 'resolved' || i.resolved_at === undefined;
}

/**
 * `[started_at, min(resolved_at ?? asOf, asOf)]` in Unix seconds. Started 10:00, resolved 11:00,
 * asOf 10:30 -> 10:00..10:30; asOf 12:00 -> 10:00..11:00.
 */
export function incidentSpan(i: Pick<Incident, 'started_at' | 'resolved_at'>, asOf: number): Interval {
  const t = incidentTimes(i);
  const end = t.resolved_at === undefined ? asOf : Math.min(asOf, t.resolved_at);
  return { from: t.started_at, to: end };
}

const byServiceIndexes = new WeakMap<readonly Pick<Incident, 'services'>[], Map<string, unknown[]>>();

/**
 * The incidents of `list` that hit `service`, in list order. Every SLO report asks this of the
 * same incident list (a thousand SLOs x ten thousand incidents at scale): the list is indexed by
 * service once, on first use, and the index kept as long as the list lives. The list must not be
 * changed after (incident lists are read-only once loaded).
 */
export function incidentsOfService<T extends Pick<Incident, 'services'>>(list: readonly T[], service: string): readonly T[] {
  let index = byServiceIndexes.get(list);
  if (!index) {
    index = new Map();
    for (const i of list) for (const s of new Set(i.services)) (index.get(s) ?? index.set(s, []).get(s)!).push(i);
    byServiceIndexes.set(list, index);
  }
  return (index.get(service) ?? []) as T[];
}
