/**
 * Data shaping for charts: a Series in, plain rows out. Pure (no I/O, no vega), so it is tested
 * apart from the rendering.
 */
import { DAY, rangeSums, stepRange, type Series } from '../core/index.ts';

export interface BudgetPoint {
  /** ISO time of the end of the day (or of the window). */
  t: string;
  /** Share of the error budget left, consumed against what the events so far allow; null without events. */
  remaining: number | null;
}

export interface DailyPoint {
  /** ISO date of the UTC day. */
  day: string;
  /** Good / total that day, null without events. */
  sli: number | null;
  total: number;
}


/**
 * Error budget remaining through the window, sampled at each UTC midnight and at `to`:
 * remaining(t) = 1 − bad[from, t) / ((1 − objective) × total[from, t)).
 * E.g. 99.9%, 1,000,000 events so far of which 500 bad: allowed 1,000, remaining 50%.
 */
export function budgetBurndown(series: Series, objectivePercent: number, from: number, to: number): BudgetPoint[] {
  const allowedRatio = 1 - objectivePercent / 100;
  const times: number[] = [];
  for (let t = Math.ceil(from / DAY) * DAY; t < to; t += DAY) if (t > from) times.push(t);
  times.push(to);
  return times.map((t) => {
    const s = rangeSums(series, stepRange(series, from, t));
    const bad = s.total - s.good;
    return { t: new Date(t * 1000).toISOString(), remaining: s.total > 0 ? 1 - bad / (allowedRatio * s.total) : null };
  });
}

/** Daily SLI over `[from, to)`, one row per UTC day. */
export function dailySli(series: Series, from: number, to: number): DailyPoint[] {
  const out: DailyPoint[] = [];
  for (let d = Math.floor(from / DAY) * DAY; d < to; d += DAY) {
    const s = rangeSums(series, stepRange(series, Math.max(d, from), Math.min(d + DAY, to)));
    out.push({ day: new Date(d * 1000).toISOString().slice(0, 10), sli: s.total > 0 ? s.good / s.total : null, total: s.total });
  }
  return out;
}
