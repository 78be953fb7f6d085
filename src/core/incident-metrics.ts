/**
 * Incident lifecycle metrics, in seconds:
 * MTTD = detected - started, MTTA = acknowledged - detected, MTTM = mitigated - started,
 * MTTR = resolved - started, MTBF = operating time between failures of ONE service: from the
 * end of one impact (mitigated_at, else resolved_at) to the start of the next, the service's
 * overlapping impacts merged first (a failure while already down is not a new failure). For 2
 * failures and 4 h down in a 24 h day that is 10 h, not the 12 h between starts. Gaps are
 * per service and pooled over services (an incident on two services adds a gap to each), never
 * across services. Each is a Distribution (see stats.ts for the percentile method);
 * an incident only contributes to the metrics whose timestamps it has.
 * Unresolved incidents (status not resolved, or no resolved_at) are listed, never dropped, and
 * never enter MTTR (they are not treated as resolved now).
 */
import type { Incident } from '../schemas/incident.ts';
import type { Severity } from '../schemas/severity.ts';
import { SEVERITIES } from '../schemas/severity.ts';
import { incidentTimes, isUnresolved } from './incident-span.ts';
import type { Interval } from './intervals.ts';
import { impactInterval } from './outage.ts';
import { monthOf } from './periods.ts';
import { distribution, type Distribution } from './stats.ts';

export interface LifecycleMetrics {
  count: number;
  /** Ids of unresolved incidents, by start time. */
  unresolved: string[];
  mttd: Distribution;
  mtta: Distribution;
  mttm: Distribution;
  mttr: Distribution;
  mtbf: Distribution;
}

const gap = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : b - a);

/**
 * Operating times between failures, seconds: per service, the gaps between its merged impact spans
 * (an open impact runs on forever, so nothing follows it). Only the services in `services` count
 * (default: every service of every incident). 10:00-12:00 and 14:00-16:00 on one service -> [7,200].
 */
export function timesBetweenFailures(incidents: readonly Incident[], services?: readonly string[]): number[] {
  const spans = new Map<string, Interval[]>();
  for (const i of incidents) {
    for (const s of new Set(i.services)) {
      if (services !== undefined && !services.includes(s)) continue;
      const list = spans.get(s) ?? [];
      list.push(impactInterval(i, Infinity));
      spans.set(s, list);
    }
  }
  const out: number[] = [];
  for (const s of [...spans.keys()].sort()) {
    // Walk the spans by start; a span that starts at or before the current end extends the failure.
    const sorted = spans.get(s)!.sort((a, b) => a.from - b.from);
    let end = sorted[0]!.to;
    for (const iv of sorted.slice(1)) {
      if (iv.from > end) out.push(iv.from - end);
      end = Math.max(end, iv.to);
    }
  }
  return out;
}

/** The samples behind each lifecycle metric, seconds, in order of started_at (MTBF: by service, then time). */
export interface LifecycleSamples {
  mttd: number[];
  mtta: number[];
  mttm: number[];
  mttr: number[];
  mtbf: number[];
  /** Ids of unresolved incidents, by start time. */
  unresolved: string[];
}

/**
 * The durations each metric summarises. Example: started 10:00, detected 10:05, acknowledged
 * 10:07, mitigated 10:30, resolved 11:00 -> TTD 300 s, TTA 120 s, TTM 1,800 s, TTR 3,600 s.
 * MTBF within the set, for the services in `services` (default: all; see timesBetweenFailures).
 */
export function lifecycleSamples(incidents: readonly Incident[], services?: readonly string[]): LifecycleSamples {
  const sorted = incidents
    .map((i) => ({ i, t: incidentTimes(i) }))
    .sort((a, b) => a.t.started_at - b.t.started_at || a.i.id.localeCompare(b.i.id));
  const out: LifecycleSamples = { mttd: [], mtta: [], mttm: [], mttr: [], mtbf: timesBetweenFailures(incidents, services), unresolved: [] };
  const push = (list: number[], v: number | undefined) => {
    if (v !== undefined) list.push(v);
  };
  for (const { i, t } of sorted) {
    push(out.mttd, gap(t.started_at, t.detected_at));
    push(out.mtta, gap(t.detected_at, t.acknowledged_at));
    push(out.mttm, gap(t.started_at, t.mitigated_at));
    if (isUnresolved(i)) out.unresolved.push(i.id);
    else push(out.mttr, gap(t.started_at, t.resolved_at));
  }
  return out;
}

/** Lifecycle metrics of a set of incidents: each sample list of lifecycleSamples as a Distribution. */
export function lifecycleMetrics(incidents: readonly Incident[], services?: readonly string[]): LifecycleMetrics {
  const s = lifecycleSamples(incidents, services);
  return {
    count: incidents.length,
    unresolved: s.unresolved,
    mttd: distribution(s.mttd),
    mtta: distribution(s.mtta),
    mttm: distribution(s.mttm),
    mttr: distribution(s.mttr),
    mtbf: distribution(s.mtbf),
  };
}

/**
 * Group incidents by a key (an incident may fall in several groups); keys sorted. With
 * `perService`, the keys are service ids and each group's MTBF counts only that service's gaps.
 */
export function groupIncidents(incidents: readonly Incident[], keys: (i: Incident) => readonly string[], perService = false): Record<string, LifecycleMetrics> {
  const groups = new Map<string, Incident[]>();
  for (const i of incidents) {
    for (const k of new Set(keys(i))) {
      const g = groups.get(k) ?? [];
      g.push(i);
      groups.set(k, g);
    }
  }
  const out: Record<string, LifecycleMetrics> = {};
  for (const k of [...groups.keys()].sort()) out[k] = lifecycleMetrics(groups.get(k)!, perService ? [k] : undefined);
  return out;
}

/** Metrics per severity, always with all four severities (empty ones have count 0). */
export function bySeverity(incidents: readonly Incident[]): Record<Severity, LifecycleMetrics> {
  const out = {} as Record<Severity, LifecycleMetrics>;
  for (const s of SEVERITIES) out[s] = lifecycleMetrics(incidents.filter((i) => i.severity === s));
  return out;
}

/** Metrics per service id (an incident on two services counts in both; MTBF from that service's own gaps). */
export function byService(incidents: readonly Incident[]): Record<string, LifecycleMetrics> {
  return groupIncidents(incidents, (i) => i.services, true);
}

/** Metrics per UTC calendar month of started_at, keyed `YYYY-MM`. */
export function byMonth(incidents: readonly Incident[]): Record<string, LifecycleMetrics> {
  return groupIncidents(incidents, (i) => [monthOf(incidentTimes(i).started_at).key]);
}
