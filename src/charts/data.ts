/**
 * Data shaping for charts: engine results in, plain rows out. Pure (no I/O, no vega) and free of
 * formulas: every figure comes from src/core, so a chart shows what the cards and the API show.
 */
import { compliance, DAY, isoOf, type ComplianceSlo, type Series, type SloReport } from '../core/index.ts';

export interface BudgetPoint {
  /** ISO time: a UTC midnight, or the report time for the last point. */
  t: string;
  /** Share of the error budget left (core/budget-history.ts). */
  remaining: number;
}

export interface DailyPoint {
  /** ISO date of the UTC day. */
  day: string;
  /** The SLI of that day (core compliance), null without events. */
  sli: number | null;
  total: number;
}

/** The report's budget history as chart rows; points without a figure (nothing counted yet) are left out. */
export function budgetPoints(history: SloReport['budgetHistory']): BudgetPoint[] {
  return history.points.flatMap((p) => (p.remaining === null ? [] : [{ t: p.t, remaining: p.remaining }]));
}

/** Daily SLI over `[from, to)`, one row per UTC day (a partial first or last day covers only its part). */
export function dailySli(slo: ComplianceSlo, series: Series, from: number, to: number): DailyPoint[] {
  const out: DailyPoint[] = [];
  for (let d = Math.floor(from / DAY) * DAY; d < to; d += DAY) {
    const c = compliance(slo, series, Math.max(d, from), Math.min(d + DAY, to));
    out.push({ day: isoOf(d).slice(0, 10), sli: c.sli, total: c.total });
  }
  return out;
}
