/**
 * Error budget spent per incident: for each incident and each SLO of its services, the bad events
 * during the incident as a share of that SLO's budget for the period containing it, plus the part
 * of each period's budget spent outside any incident.
 *
 * Period: the SLO's calendar period (`month` or `quarter`); rolling-window SLOs use the calendar
 * month. An incident crossing a period boundary yields one share per period it touches.
 * Period budget: allowed bad events = (1 - objective) x total events in the period so far
 * (its steps ending in `(period start, min(period end, asOf)]`).
 * Incident span: incidentSpan (`[started_at, resolved_at ?? asOf)`); a step counts when its interval overlaps the
 * span at all. For the outside-incident remainder, the service's incidents are merged first, so a
 * step covered by two incidents is subtracted once.
 * Example: October allows 1,000 bad events; a SEV2 on 2026-10-03 with 380 bad events spent 38%.
 */
import type { Incident } from '../schemas/incident.ts';
import type { Slo } from '../schemas/slo.ts';
import { errorBudget } from './budget.ts';
import { incidentSpan, incidentsOfService } from './incident-span.ts';
import { intersect, mergeIntervals, type Interval } from './intervals.ts';
import { memoOn } from './memo.ts';
import { periodsCovering, type Period, type PeriodKind } from './periods.ts';
import { overlappingStepRange, rangeSums, seriesEnd, seriesStart, stepRange, type Series, type StepRange } from './series.ts';

export type IncidentBudgetSlo = Pick<Slo, 'id' | 'service' | 'objective' | 'window'>;

export interface IncidentBudgetShare {
  incident: string;
  severity: Incident['severity'];
  slo: string;
  /** Period key, e.g. `2026-10` or `2026-Q4`. */
  period: string;
  /** The incident's span inside the period, Unix seconds. */
  from: number;
  to: number;
  /** Bad events during that span. */
  bad: number;
  /** Allowed bad events of the whole period so far. */
  allowed: number;
  /** bad / allowed as a fraction (0.38 = 38%); null when the period has no events. */
  share: number | null;
}

export interface PeriodBudgetSplit {
  slo: string;
  period: string;
  from: number;
  to: number;
  total: number;
  bad: number;
  allowed: number;
  /** Bad events during the service's (merged) incidents, and outside them. */
  incidentBad: number;
  outsideBad: number;
  /** Fractions of the allowed budget; null when the period has no events. */
  incidentShare: number | null;
  outsideShare: number | null;
}

export interface IncidentBudget {
  shares: IncidentBudgetShare[];
  periods: PeriodBudgetSplit[];
}

/** The period kind incident budgets are attributed in: the SLO's calendar period, else the month. */
export function incidentPeriodKind(window: Slo['window']): PeriodKind {
  return window === 'quarter' ? 'quarter' : 'month';
}

const badIn = (series: Series, r: StepRange): number => {
  const s = rangeSums(series, r);
  return Math.max(0, s.total - s.good);
};

/** Bad events over the union of step ranges (each step counted once). */
function badInUnion(series: Series, ranges: StepRange[]): number {
  const sorted = ranges.filter((r) => r.i1 > r.i0).sort((a, b) => a.i0 - b.i0);
  let sum = 0;
  let cur: StepRange | null = null;
  for (const r of sorted) {
    if (cur !== null && r.i0 <= cur.i1) cur.i1 = Math.max(cur.i1, r.i1);
    else {
      if (cur !== null) sum += badIn(series, cur);
      cur = { ...r };
    }
  }
  return cur === null ? sum : sum + badIn(series, cur);
}

const computed = memoOn<Series, { incidents: readonly Incident[]; id: string; service: string; objective: number; kind: PeriodKind; asOf: number }, IncidentBudget>();

/**
 * Incident budget shares and per-period split for one SLO and its series, as of asOf (seconds).
 * The SLO report and every month's (or quarter's) period report ask this of the same series and
 * incident list: it is computed once per series, incident list, SLO, period kind and asOf, and the
 * result shared (read-only, like the incident list, which must not change after).
 */
export function incidentBudget(slo: IncidentBudgetSlo, series: Series, incidents: readonly Incident[], asOf: number): IncidentBudget {
  const params = { incidents, id: slo.id, service: slo.service, objective: slo.objective, kind: incidentPeriodKind(slo.window), asOf };
  return computed(series, params, () => computeIncidentBudget(slo, series, incidents, asOf));
}

function computeIncidentBudget(slo: IncidentBudgetSlo, series: Series, incidents: readonly Incident[], asOf: number): IncidentBudget {
  const shares: IncidentBudgetShare[] = [];
  const periods: PeriodBudgetSplit[] = [];
  const dataFrom = seriesStart(series);
  const dataEnd = seriesEnd(series);
  if (dataFrom === null || dataEnd === null) return { shares, periods };
  const kind = incidentPeriodKind(slo.window);
  const spans = incidentsOfService(incidents, slo.service)
    .map((i) => ({ i, span: incidentSpan(i, asOf) }))
    .sort((a, b) => a.span.from - b.span.from || a.i.id.localeCompare(b.i.id));
  const dataTo = Math.min(asOf, dataEnd);
  const merged = mergeIntervals(spans.map((s) => s.span));
  for (const p of periodsCovering(kind, dataFrom, dataTo)) {
    const until: Period = { ...p, to: Math.min(p.to, asOf) };
    const sums = rangeSums(series, stepRange(series, until.from, until.to));
    const { bad, allowed } = errorBudget(slo.objective, sums.good, sums.total);
    const share = (x: number): number | null => (allowed > 0 ? x / allowed : null);
    for (const { i, span } of spans) {
      const part = intersect(span, until);
      if (part === null) continue;
      const b = badIn(series, overlappingStepRange(series, part.from, part.to));
      shares.push({ incident: i.id, severity: i.severity, slo: slo.id, period: p.key, from: part.from, to: part.to, bad: b, allowed, share: share(b) });
    }
    const parts = merged.map((m) => intersect(m, until)).filter((m): m is Interval => m !== null);
    const incidentBad = Math.min(bad, badInUnion(series, parts.map((m) => overlappingStepRange(series, m.from, m.to))));
    periods.push({
      slo: slo.id,
      period: p.key,
      from: until.from,
      to: until.to,
      total: sums.total,
      bad,
      allowed,
      incidentBad,
      outsideBad: bad - incidentBad,
      incidentShare: share(incidentBad),
      outsideShare: share(bad - incidentBad),
    });
  }
  return { shares, periods };
}
