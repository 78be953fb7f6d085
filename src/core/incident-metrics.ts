/**
 * Incident lifecycle metrics, in seconds:
 * MTTD = detected - started, MTTA = acknowledged - detected, MTTM = mitigated - started,
 * MTTR = resolved - started, MTBF = time between the starts of consecutive incidents on the same
 * service (pooled over services). Each is a Distribution (see stats.ts for the percentile method);
 * an incident only contributes to the metrics whose timestamps it has.
 * Unresolved incidents (status not resolved, or no resolved_at) are listed, never dropped, and
 * never enter MTTR (they are not treated as resolved now).
 */
import type { Incident } from '../schemas/incident.ts';
import type { Severity } from '../schemas/severity.ts';
import { SEVERITIES } from '../schemas/severity.ts';
import { monthOf, secondsOf } from './periods.ts';
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

/** True when an incident is not resolved: status other than resolved, or no resolved_at. */
export function isUnresolved(i: Incident): boolean {
  return i.status !== 'resolved' || i.resolved_at === undefined;
}

const gap = (a: string | undefined, b: string | undefined): number | undefined =>
  a === undefined || b === undefined ? undefined : secondsOf(b) - secondsOf(a);

/**
 * Lifecycle metrics of a set of incidents. Example: started 10:00, detected 10:05, acknowledged
 * 10:07, mitigated 10:30, resolved 11:00 -> TTD 300 s, TTA 120 s, TTM 1,800 s, TTR 3,600 s.
 * MTBF within the set: per service, differences between consecutive started_at.
 */
export function lifecycleMetrics(incidents: readonly Incident[]): LifecycleMetrics {
  const sorted = [...incidents].sort((a, b) => secondsOf(a.started_at) - secondsOf(b.started_at) || a.id.localeCompare(b.id));
  const ttd: number[] = [];
  const tta: number[] = [];
  const ttm: number[] = [];
  const ttr: number[] = [];
  const unresolved: string[] = [];
  const lastStart = new Map<string, number>();
  const tbf: number[] = [];
  const push = (list: number[], v: number | undefined) => {
    if (v !== undefined) list.push(v);
  };
  for (const i of sorted) {
    push(ttd, gap(i.started_at, i.detected_at));
    push(tta, gap(i.detected_at, i.acknowledged_at));
    push(ttm, gap(i.started_at, i.mitigated_at));
    if (isUnresolved(i)) unresolved.push(i.id);
    else push(ttr, gap(i.started_at, i.resolved_at));
    const start = secondsOf(i.started_at);
    for (const s of new Set(i.services)) {
      const prev = lastStart.get(s);
      if (prev !== undefined) tbf.push(start - prev);
      lastStart.set(s, start);
    }
  }
  return {
    count: sorted.length,
    unresolved,
    mttd: distribution(ttd),
    mtta: distribution(tta),
    mttm: distribution(ttm),
    mttr: distribution(ttr),
    mtbf: distribution(tbf),
  };
}

/** Group incidents by a key (an incident may fall in several groups); keys sorted. */
export function groupIncidents(incidents: readonly Incident[], keys: (i: Incident) => readonly string[]): Record<string, LifecycleMetrics> {
  const groups = new Map<string, Incident[]>();
  for (const i of incidents) {
    for (const k of new Set(keys(i))) {
      const g = groups.get(k) ?? [];
      g.push(i);
      groups.set(k, g);
    }
  }
  const out: Record<string, LifecycleMetrics> = {};
  for (const k of [...groups.keys()].sort()) out[k] = lifecycleMetrics(groups.get(k)!);
  return out;
}

/** Metrics per severity, always with all four severities (empty ones have count 0). */
export function bySeverity(incidents: readonly Incident[]): Record<Severity, LifecycleMetrics> {
  const out = {} as Record<Severity, LifecycleMetrics>;
  for (const s of SEVERITIES) out[s] = lifecycleMetrics(incidents.filter((i) => i.severity === s));
  return out;
}

/** Metrics per service id (an incident on two services counts in both). */
export function byService(incidents: readonly Incident[]): Record<string, LifecycleMetrics> {
  return groupIncidents(incidents, (i) => i.services);
}

/** Metrics per UTC calendar month of started_at, keyed `YYYY-MM`. */
export function byMonth(incidents: readonly Incident[]): Record<string, LifecycleMetrics> {
  return groupIncidents(incidents, (i) => [monthOf(secondsOf(i.started_at)).key]);
}
