/**
 * Outage minutes per service per calendar month, from customer-facing incidents. Each incident
 * spans `[started_at, mitigated_at ?? resolved_at ?? asOf)`; a service's overlapping incidents are
 * MERGED so no minute counts twice, then the merged spans are split at UTC month boundaries.
 * Example: 10:00–11:00 and 10:30–12:00 on one service -> 120 minutes, not 150.
 */
import type { Incident } from '../schemas/incident.ts';
import { intersect, mergeIntervals, type Interval } from './intervals.ts';
import { periodsCovering, secondsOf } from './periods.ts';

/** The impact span of an incident: started_at .. (mitigated_at ?? resolved_at ?? asOf), seconds. */
export function impactInterval(incident: Incident, asOf: number): Interval {
  const end = incident.mitigated_at ?? incident.resolved_at;
  return { from: secondsOf(incident.started_at), to: end === undefined ? asOf : secondsOf(end) };
}

/** Minutes of merged intervals falling in each UTC month, keyed `YYYY-MM`, months in order. */
export function minutesByMonth(intervals: readonly Interval[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const iv of mergeIntervals(intervals)) {
    for (const p of periodsCovering('month', iv.from, iv.to)) {
      const part = intersect(iv, p)!;
      out[p.key] = (out[p.key] ?? 0) + (part.to - part.from) / 60;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Outage minutes per service (sorted ids) per month, from customer_facing incidents only. */
export function outageMinutes(incidents: readonly Incident[], asOf: number): Record<string, Record<string, number>> {
  const byService = new Map<string, Interval[]>();
  for (const i of incidents) {
    if (!i.customer_facing) continue;
    const iv = impactInterval(i, asOf);
    for (const s of i.services) {
      const list = byService.get(s) ?? [];
      list.push(iv);
      byService.set(s, list);
    }
  }
  const out: Record<string, Record<string, number>> = {};
  for (const s of [...byService.keys()].sort()) out[s] = minutesByMonth(byService.get(s)!);
  return out;
}
