/**
 * Data shaping for charts: engine results in, plain rows out. Pure (no I/O, no vega) and free of
 * formulas: every figure comes from src/core, so a chart shows what the cards and the API show.
 */
import { compliance, DAY, errorRatioAllowed, isoOf, stepRange, windowBurnAt, type ComplianceSlo, type Series, type SloReport } from '../core/index.ts';

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

export interface BurnPoint {
  /** ISO start of the bucket. */
  t: string;
  /** The highest burn rate of the bucket's steps (core burnRateSeries), null without events. */
  burn: number | null;
}

/**
 * The burn rate over `windowSeconds` (core burnRateSeries) in buckets of `bucketSeconds` over
 * `[from, to)`, each bucket its highest value, so a spike shorter than a bucket still shows
 * while the chart draws about one point per pixel instead of every 5-minute step.
 */
export function burnPoints(series: Series, objectivePercent: number, windowSeconds: number, from: number, to: number, bucketSeconds: number): BurnPoint[] {
  // Only the steps of [from, to) are computed: each is the value burnRateSeries holds there.
  const ratio = errorRatioAllowed(objectivePercent);
  const k = Math.max(1, Math.round(windowSeconds / series.step));
  const out: BurnPoint[] = [];
  for (let b = from; b < to; b += bucketSeconds) {
    const { i0, i1 } = stepRange(series, b, Math.min(b + bucketSeconds, to));
    let peak: number | null = null;
    for (let i = i0; i < i1; i++) {
      const v = windowBurnAt(series, ratio, k, i);
      if (!Number.isNaN(v) && (peak === null || v > peak)) peak = v;
    }
    out.push({ t: isoOf(b), burn: peak });
  }
  return out;
}
