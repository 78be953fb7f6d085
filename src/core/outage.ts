/**
 * Outage minutes per service per calendar month. Which incidents count, and as what, comes from
 * the severity configuration (`content/severities.yaml`, `outage: full | partial | none` per level)
 * combined with `customer_facing`:
 * - a customer-facing incident whose severity says `full` is a FULL OUTAGE;
 * - a customer-facing incident whose severity says `partial` is PARTIAL DEGRADATION;
 * - anything else (not customer-facing, or a severity with `none`) is not an outage at all.
 * Defaults when a level does not say: SEV1 full, SEV2 and SEV3 partial, SEV4 none.
 *
 * Each incident spans `[started_at, mitigated_at ?? resolved_at ?? asOf)`; a service's incidents of
 * one kind are MERGED so no minute counts twice, and a partial minute that is also a full-outage
 * minute counts as full only. The merged spans are then split at UTC month boundaries.
 * Example: 10:00–11:00 and 10:30–12:00 full on one service -> 120 minutes, not 150; a partial
 * degradation 11:30–13:00 beside them adds 60 partial minutes (12:00–13:00), not 90.
 */
import type { Incident } from '../schemas/incident.ts';
import type { OutageKind, Severity, SeverityConfig } from '../schemas/severity.ts';
import { intersect, mergeIntervals, subtractIntervals, type Interval } from './intervals.ts';
import { incidentTimes } from './incident-span.ts';
import { memoOn } from './memo.ts';
import { periodsCovering } from './periods.ts';

/** What a severity counts as when its level does not say (`outage:` in severities.yaml). */
export const DEFAULT_OUTAGE: Record<Severity, OutageKind> = { SEV1: 'full', SEV2: 'partial', SEV3: 'partial', SEV4: 'none' };

/** What an incident counts as: `none` unless customer-facing, else its severity level's `outage`. */
export function outageKind(incident: Pick<Incident, 'severity' | 'customer_facing'>, config: SeverityConfig): OutageKind {
  if (!incident.customer_facing) return 'none';
  return config.levels.find((l) => l.id === incident.severity)?.outage ?? DEFAULT_OUTAGE[incident.severity];
}

/** The impact span of an incident: started_at .. (mitigated_at ?? resolved_at ?? asOf), seconds. */
export function impactInterval(incident: Incident, asOf: number): Interval {
  const t = incidentTimes(incident);
  const end = t.mitigated_at ?? t.resolved_at;
  return { from: t.started_at, to: end === undefined ? asOf : end };
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

/** A service's merged full-outage spans, and its partial-degradation spans outside them. */
export interface ServiceOutage {
  full: Interval[];
  partial: Interval[];
}

const computed = memoOn<readonly Incident[], { config: SeverityConfig; asOf: number }, Map<string, ServiceOutage>>();

/**
 * Full and partial spans per service id (sorted ids; services with neither are left out). The
 * incident metrics, every period report and the outage tracker ask this of the same incident list:
 * it is computed once per list, severity configuration and asOf, and the result shared (read-only,
 * like the list, which must not change after).
 */
export function outageIntervals(incidents: readonly Incident[], config: SeverityConfig, asOf: number): Map<string, ServiceOutage> {
  return computed(incidents, { config, asOf }, () => computeOutageIntervals(incidents, config, asOf));
}

function computeOutageIntervals(incidents: readonly Incident[], config: SeverityConfig, asOf: number): Map<string, ServiceOutage> {
  const raw = new Map<string, { full: Interval[]; partial: Interval[] }>();
  for (const i of incidents) {
    const kind = outageKind(i, config);
    if (kind === 'none') continue;
    const iv = impactInterval(i, asOf);
    for (const s of new Set(i.services)) {
      const entry = raw.get(s) ?? { full: [], partial: [] };
      entry[kind].push(iv);
      raw.set(s, entry);
    }
  }
  const out = new Map<string, ServiceOutage>();
  for (const s of [...raw.keys()].sort()) {
    const full = mergeIntervals(raw.get(s)!.full);
    out.set(s, { full, partial: subtractIntervals(mergeIntervals(raw.get(s)!.partial), full) });
  }
  return out;
}

/**
 * Outage minutes per service (sorted ids) per month, of one kind: `full` (the default) or
 * `partial`. A service with no minutes of that kind is left out.
 */
export function outageMinutes(
  incidents: readonly Incident[],
  config: SeverityConfig,
  asOf: number,
  kind: Exclude<OutageKind, 'none'> = 'full',
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [s, o] of outageIntervals(incidents, config, asOf)) if (o[kind].length) out[s] = minutesByMonth(o[kind]);
  return out;
}
