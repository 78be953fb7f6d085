/**
 * A snapshot normalized to good/total per step, with prefix sums so that the sum over any run of
 * steps is O(1). Step i ends at `start + i * step` (Unix seconds) and holds the events in
 * `(end - step, end]`.
 */
import type { Column, Snapshot } from '../schemas/snapshot.ts';

export interface Series {
  /** Unix seconds of the end of step 0. */
  start: number;
  /** Seconds per step. */
  step: number;
  /** Number of steps. */
  length: number;
  /** Good events per step; 0 where the step has no data. */
  good: Float64Array;
  /** Total events per step; 0 where the step has no data. */
  total: Float64Array;
  /** 1 where the step has data, 0 where it is missing (`null` in the snapshot). */
  present: Uint8Array;
  /** Prefix sums, length + 1 entries: `goodSum[i]` = good of steps `[0, i)`. */
  goodSum: Float64Array;
  totalSum: Float64Array;
  presentSum: Float64Array;
  /** Points whose good (or bad) fell outside [0, total] and were clamped into it (e.g. counter resets). */
  clamped: number;
  /** Steps with no data. */
  missing: number;
  /** Index of the first step with data, or null when no step has data. */
  firstPresent: number | null;
}

/** Columns as in a snapshot: `total`, and `good` or `bad`. */
export interface SeriesInput {
  start: number;
  step: number;
  series: { total: Column; good?: Column; bad?: Column };
}

const usable = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Normalize snapshot columns to good/total per step. good = total - bad when only `bad` is given.
 * A step is missing when total or good/bad is null (or not a finite number). Good outside
 * [0, total] is clamped and counted in `clamped` (never dropped): total 100, good 130 -> good 100.
 * Negative totals are clamped to 0.
 */
export function buildSeries(input: SeriesInput | Snapshot): Series {
  const { start, step } = input;
  if (!(step > 0)) throw new Error(`step must be positive, got ${step}`);
  const { total: totalCol, good: goodCol, bad: badCol } = input.series;
  const numerator = goodCol ?? badCol;
  if (numerator === undefined) throw new Error('series needs good or bad alongside total');
  const isBad = goodCol === undefined;
  const n = totalCol.length;
  const good = new Float64Array(n);
  const total = new Float64Array(n);
  const present = new Uint8Array(n);
  const goodSum = new Float64Array(n + 1);
  const totalSum = new Float64Array(n + 1);
  const presentSum = new Float64Array(n + 1);
  let clamped = 0;
  let missing = 0;
  let firstPresent = -1;
  // Running sums kept in locals: the same additions in the same order as goodSum[i] + good[i].
  let gAcc = 0;
  let tAcc = 0;
  let pAcc = 0;
  for (let i = 0; i < n; i++) {
    const t = totalCol[i];
    const x = numerator[i];
    if (usable(t) && usable(x)) {
      let tot = t;
      if (tot < 0) {
        tot = 0;
        clamped++;
      }
      let g = isBad ? tot - x : x;
      if (g < 0 || g > tot) {
        g = g < 0 ? 0 : tot;
        clamped++;
      }
      good[i] = g;
      total[i] = tot;
      present[i] = 1;
      if (firstPresent < 0) firstPresent = i;
      gAcc += g;
      tAcc += tot;
      pAcc += 1;
    } else {
      missing++;
    }
    goodSum[i + 1] = gAcc;
    totalSum[i + 1] = tAcc;
    presentSum[i + 1] = pAcc;
  }
  return { start, step, length: n, good, total, present, goodSum, totalSum, presentSum, clamped, missing, firstPresent: firstPresent < 0 ? null : firstPresent };
}

/** Unix seconds at which step `i` ends: `start + i * step`. */
export function stepEnd(s: Pick<Series, 'start' | 'step'>, i: number): number {
  return s.start + i * s.step;
}

/** Unix seconds at which the snapshot's first step begins (its range starts there), or null when it has no steps. */
export function seriesStart(s: Pick<Series, 'start' | 'step' | 'length'>): number | null {
  return s.length > 0 ? s.start - s.step : null;
}

/** Unix seconds at which the snapshot's last step ends, or null when it has no steps. */
export function seriesEnd(s: Pick<Series, 'start' | 'step' | 'length'>): number | null {
  return s.length > 0 ? stepEnd(s, s.length - 1) : null;
}

/** Unix seconds at which the first step WITH DATA begins, or null when no step has data. */
export function dataStart(s: Pick<Series, 'start' | 'step' | 'firstPresent'>): number | null {
  return s.firstPresent === null ? null : stepEnd(s, s.firstPresent) - s.step;
}

/** A half-open run of step indices `[i0, i1)`, clamped to the series. */
export interface StepRange {
  i0: number;
  i1: number;
}

const clampIndex = (i: number, n: number): number => (i < 0 ? 0 : i > n ? n : i);

/**
 * Steps that belong to the window `[from, to)`: those whose END lies in `(from, to]`. With steps
 * aligned to the window (the usual case) these are exactly the steps inside it. E.g. start 0,
 * step 300, window [0, 900) -> steps 1, 2, 3 (ending at 300, 600, 900).
 */
export function stepRange(s: Series, from: number, to: number): StepRange {
  const i0 = clampIndex(Math.floor((from - s.start) / s.step) + 1, s.length);
  const i1 = clampIndex(Math.floor((to - s.start) / s.step) + 1, s.length);
  return { i0, i1: Math.max(i0, i1) };
}

/**
 * Steps whose interval `(end - step, end]` overlaps `(from, to)` at all: used for incidents, so a
 * 3-minute incident inside one 5-minute step still claims that step.
 */
export function overlappingStepRange(s: Series, from: number, to: number): StepRange {
  const i0 = clampIndex(Math.floor((from - s.start) / s.step) + 1, s.length);
  const i1 = clampIndex(Math.ceil((to - s.start) / s.step) + 1, s.length);
  return { i0, i1: Math.max(i0, i1) };
}

/** Sums over a run of steps, O(1) from the prefix sums. */
export interface RangeSums {
  good: number;
  total: number;
  /** Steps in the run that have data. */
  present: number;
  /** Steps in the run. */
  steps: number;
}

/** Good, total and present-step counts over steps `[i0, i1)` in O(1). */
export function rangeSums(s: Series, r: StepRange): RangeSums {
  return {
    good: s.goodSum[r.i1]! - s.goodSum[r.i0]!,
    total: s.totalSum[r.i1]! - s.totalSum[r.i0]!,
    present: s.presentSum[r.i1]! - s.presentSum[r.i0]!,
    steps: r.i1 - r.i0,
  };
}

/**
 * Number of step ends of the series' grid in `(from, to]`, whether or not the series has a point
 * there: the steps a window is expected to hold. 30 days of 5-minute steps = 8,640.
 */
export function expectedSteps(s: Pick<Series, 'start' | 'step'>, from: number, to: number): number {
  if (!(to > from)) return 0;
  return Math.floor((to - s.start) / s.step) - Math.floor((from - s.start) / s.step);
}
