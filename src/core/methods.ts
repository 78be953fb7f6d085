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
import { budgetShare, type BudgetShare } from './budget.ts';
import { rangeSums, stepRange, type Series } from './series.ts';

export type MethodSlo = Pick<Slo, 'objective' | 'budgeting'>;

/** What a method counts in: events (occurrences) or time slices with traffic (both slice methods). */
export type BudgetUnit = 'events' | 'slices';

/**
 * A method's figures over a window: the budget share (see budgetShare) in the method's own unit.
 * Occurrences: bad events of total events. Timeslices: bad slices of slices with traffic.
 * Ratio-timeslices: the summed per-slice error ratios (1 - good/total of each slice) of slices with
 * traffic, so that sli is the mean per-slice ratio.
 */
export interface MethodResult extends BudgetShare {
  unit: BudgetUnit;
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

/** Tolerance for `ratio >= target` so that 999/1000 meets 0.999 despite floating point. */
const EPS = 1e-12;

/** Occurrences over `[from, to)`: bad events of total events. O(1) from the prefix sums. */
function occurrences(slo: MethodSlo, series: Series, from: number, to: number): Methods['occurrences'] {
  const occ = rangeSums(series, stepRange(series, from, to));
  return { ...budgetShare(slo.objective, Math.max(0, occ.total - occ.good), occ.total), unit: 'events', good: occ.good, total: occ.total };
}

/**
 * Both slice methods over `[from, to)`. Slices are runs of `round(slice / step)` consecutive steps
 * (at least 1) starting at the window's first step. Linear in the number of slices.
 */
function sliceMethods(slo: MethodSlo, series: Series, from: number, to: number): Pick<Methods, 'timeslices' | 'ratio-timeslices'> {
  const { i0, i1 } = stepRange(series, from, to);
  const sliceSeconds = slo.budgeting.slice.seconds;
  const k = Math.max(1, Math.round(sliceSeconds / series.step));
  const target = (slo.budgeting.slice_target ?? slo.objective) / 100;
  let slices = 0;
  let good = 0;
  let bad = 0;
  let noTraffic = 0;
  let missing = 0;
  let errorRatioSum = 0;
  const { goodSum, totalSum, presentSum } = series;
  for (let a = i0; a < i1; a += k) {
    // The slice's sums as rangeSums gives them, without an object per slice.
    const b = Math.min(a + k, i1);
    const sGood = goodSum[b]! - goodSum[a]!;
    const sTotal = totalSum[b]! - totalSum[a]!;
    slices++;
    if (presentSum[b]! - presentSum[a]! === 0) missing++;
    else if (sTotal <= 0) noTraffic++;
    else {
      const r = sGood / sTotal;
      errorRatioSum += 1 - r;
      if (r >= target - EPS) good++;
      else bad++;
    }
  }
  const counted = good + bad;
  const base = { sliceSeconds, stepsPerSlice: k, slices, goodSlices: good, badSlices: bad, noTrafficSlices: noTraffic, missingSlices: missing };
  return {
    timeslices: { ...budgetShare(slo.objective, bad, counted), unit: 'slices', ...base, sliceTarget: target },
    'ratio-timeslices': { ...budgetShare(slo.objective, errorRatioSum, counted), unit: 'slices', ...base },
  };
}

/**
 * All three methods over the window `[from, to)`. Example, 99% target, slices with (good,total) =
 * (99,100), (90,100), (0,0): timeslices 1 good of 2 counted = 0.5; ratio-timeslices
 * (0.99 + 0.9) / 2 = 0.945; occurrences 189/200 = 0.945.
 */
export function budgetingMethods(slo: MethodSlo, series: Series, from: number, to: number): Methods {
  return { occurrences: occurrences(slo, series, from, to), ...sliceMethods(slo, series, from, to) };
}

/** The figures of the method the SLO declares (`budgeting.method`) over `[from, to)`; O(1) for occurrences. */
export function declaredMethod(slo: MethodSlo, series: Series, from: number, to: number): MethodResult {
  const method = slo.budgeting.method;
  return method === 'occurrences' ? occurrences(slo, series, from, to) : sliceMethods(slo, series, from, to)[method];
}
