/**
 * The error budget through an SLO's current window: one point at its start, one per UTC midnight (per whole hour
 * in a window of 25 hours or less: a calendar day, a rolling 24h) and one at asOf,
 * ending exactly at the headline figure (the last point IS the report's budget remaining):
 * - rolling windows (`30d`): at each time t, the budget remaining of the rolling window that ends
 *   at t, `[t - W, t)`, by the SLO's budgeting method: what the headline said on that day;
 * - calendar windows (`day` .. `year`): the burn-down, bad units from the period's start to t
 *   against the allowance of the period so far (to asOf; the whole period once it has ended):
 *   `1 - bad[start, t) / allowed[start, asOf)`. It only goes down.
 * Units follow the method (events, or slices; see methods.ts), so chart, cards and headline share
 * one denominator. Example (calendar, occurrences): 1,000 bad allowed so far this month, 250 bad
 * by the 10th -> 75% on the 10th.
 */
import type { Slo } from '../schemas/slo.ts';
import { declaredMethod, type MethodSlo } from './methods.ts';
import { DAY, sloWindowAt } from './periods.ts';
import type { Series } from './series.ts';

export interface BudgetHistoryPoint {
  /** Unix seconds. */
  t: number;
  /** Fraction of the budget left (negative when overspent); null when nothing was counted. */
  remaining: number | null;
}

export interface BudgetHistory {
  kind: 'rolling' | 'burndown';
  points: BudgetHistoryPoint[];
}

const HOUR = 3_600;

/** Sample times: `from`, every UTC midnight (or every whole `every` seconds) strictly inside (from, to), then `to`. */
export function dailyTimes(from: number, to: number, every = DAY): number[] {
  const out: number[] = [from];
  for (let t = Math.floor(from / every) * every + every; t < to; t += every) out.push(t);
  out.push(to);
  return out;
}

export function budgetHistory(slo: MethodSlo & Pick<Slo, 'window'> & Partial<Pick<Slo, 'time_zone' | 'week_start'>>, series: Series, asOf: number): BudgetHistory {
  const w = sloWindowAt(slo.window, asOf, slo.time_zone, slo.week_start);
  const times = dailyTimes(w.from, w.to, w.lengthSeconds <= 25 * HOUR ? HOUR : DAY);
  if (w.period === undefined) {
    const length = w.to - w.from;
    return { kind: 'rolling', points: times.map((t) => ({ t, remaining: declaredMethod(slo, series, t - length, t).remaining })) };
  }
  const { allowed } = declaredMethod(slo, series, w.from, w.to);
  return {
    kind: 'burndown',
    points: times.map((t) => ({ t, remaining: allowed > 0 ? 1 - declaredMethod(slo, series, w.from, t).bad / allowed : null })),
  };
}
