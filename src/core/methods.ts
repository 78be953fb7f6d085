/**
 * The three OpenSLO budgeting methods side by side over one window:
 * - occurrences: good events / total events;
 * - timeslices: good slices / slices with events, a slice being good when its good/total >= the
 *   slice target (default the objective);
 * - ratio-timeslices: the mean of the per-slice good/total ratios over slices with events.
 *
 * Slice rule for no traffic: a slice with data but zero events, and a slice with no data at all,
 * are EXCLUDED from both numerator and denominator (there is no evidence either way), and counted
 * in `noTrafficSlices` / `missingSlices` so the exclusion is visible.
 */
import type { Slo } from '../schemas/slo.ts';
import { consumedFromSli } from './budget.ts';
import { rangeSums, stepRange, type Series } from './series.ts';

export type MethodSlo = Pick<Slo, 'objective' | 'budgeting'>;

export interface MethodResult {
  /** SLI as a fraction, null when nothing counted. */
  sli: number | null;
  /** Fraction of the budget spent, (1 - sli) / (1 - objective); null with the SLI. */
  consumed: number | null;
  /** 1 - consumed, may be negative; null with the SLI. */
  remaining: number | null;
}

export interface SliceResult extends MethodResult {
  /** Slice length in seconds, and in steps (the slice rounded to whole steps, at least 1). */
  sliceSeconds: number;
  stepsPerSlice: number;
  /** Slices in the window (the last one may be shorter), and how each was classed. */
  slices: number;
  goodSlices: number;
  badSlices: number;
  noTrafficSlices: number;
  missingSlices: number;
}

export interface Methods {
  occurrences: MethodResult & { good: number; total: number };
  timeslices: SliceResult & { sliceTarget: number };
  'ratio-timeslices': SliceResult;
}

const withBudget = (objective: number, sli: number | null): MethodResult => {
  const consumed = consumedFromSli(objective, sli);
  return { sli, consumed, remaining: consumed === null ? null : 1 - consumed };
};

/** Tolerance for `ratio >= target` so that 999/1000 meets 0.999 despite floating point. */
const EPS = 1e-12;

/**
 * All three methods over the window `[from, to)`. Slices are runs of `round(slice / step)`
 * consecutive steps (at least 1) starting at the window's first step. Example, 99% target,
 * slices with (good,total) = (99,100), (90,100), (0,0): timeslices 1 good of 2 counted = 0.5;
 * ratio-timeslices (0.99 + 0.9) / 2 = 0.945; occurrences 189/200 = 0.945.
 */
export function budgetingMethods(slo: MethodSlo, series: Series, from: number, to: number): Methods {
  const { i0, i1 } = stepRange(series, from, to);
  const occ = rangeSums(series, { i0, i1 });
  const sliceSeconds = slo.budgeting.slice.seconds;
  const k = Math.max(1, Math.round(sliceSeconds / series.step));
  const target = (slo.budgeting.slice_target ?? slo.objective) / 100;
  let slices = 0;
  let good = 0;
  let bad = 0;
  let noTraffic = 0;
  let missing = 0;
  let ratioSum = 0;
  for (let a = i0; a < i1; a += k) {
    const s = rangeSums(series, { i0: a, i1: Math.min(a + k, i1) });
    slices++;
    if (s.present === 0) missing++;
    else if (s.total <= 0) noTraffic++;
    else {
      const r = s.good / s.total;
      ratioSum += r;
      if (r >= target - EPS) good++;
      else bad++;
    }
  }
  const counted = good + bad;
  const base = { sliceSeconds, stepsPerSlice: k, slices, goodSlices: good, badSlices: bad, noTrafficSlices: noTraffic, missingSlices: missing };
  return {
    occurrences: { ...withBudget(slo.objective, occ.total > 0 ? occ.good / occ.total : null), good: occ.good, total: occ.total },
    timeslices: { ...withBudget(slo.objective, counted > 0 ? good / counted : null), ...base, sliceTarget: target },
    'ratio-timeslices': { ...withBudget(slo.objective, counted > 0 ? ratioSum / counted : null), ...base },
  };
}
