/**
 * A snapshot normalized to good/total per step, kept only as prefix sums, so that the sum over any
 * run of steps is O(1). Step i ends at `start + i * step` (Unix seconds) and holds the events in
 * `(end - step, end]`. The per-step values themselves are not kept: nothing needs them once the
 * sums exist, and at 1,000 SLOs of 25,920 steps they would double the memory the series take.
 */
import type { Column, Snapshot } from '../schemas/snapshot.ts';
import type { Interval } from './intervals.ts';
import { float64s, int32s } from './typed-arena.ts';

export interface Series {
  /** Unix seconds of the end of step 0. */
  start: number;
  /** Seconds per step. */
  step: number;
  /** Number of steps. */
  length: number;
  /** Prefix sums, length + 1 entries: `goodSum[i]` = good events of steps `[0, i)` (0 for a step without data). */
  goodSum: Float64Array;
  /** `totalSum[i]` = total events of steps `[0, i)`. */
  totalSum: Float64Array;
  /** `presentSum[i]` = steps with data among `[0, i)`. */
  presentSum: Int32Array;
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

/** 1 for each step whose end lies in `(from, to]` of one of the windows (as for SLO windows). */
function stepMask(input: SeriesInput, n: number, windows: readonly Interval[]): Uint8Array {
  const mask = new Uint8Array(n);
  for (const w of windows) {
    const r = stepRange({ start: input.start, step: input.step, length: n }, w.from, w.to);
    mask.fill(1, r.i0, r.i1);
  }
  return mask;
}

/**
 * Normalize snapshot columns to good/total per step. good = total - bad when only `bad` is given.
 * A step is missing when total or good/bad is null (or not a finite number). Good outside
 * [0, total] is clamped and counted in `clamped` (never dropped): total 100, good 130 -> good 100.
 * Negative totals are clamped to 0.
 *
 * `exclude` empties the steps inside those windows (maintenance, for an SLO that excludes it):
 * their good and total become 0 while the step still counts as having data, so they neither spend
 * nor earn budget and coverage is unchanged (a slice made only of them is a no-traffic slice); a
 * missing step stays missing, and a clamp inside a window is still counted. A step is inside a
 * window when its end lies in `(from, to]`. Example: 10 steps of 1,000 events, 50 bad in step 3,
 * and a window over steps 3–4 -> 8,000 events and 0 bad, instead of 10,000 and 50.
 */
export function buildSeries(input: SeriesInput | Snapshot, exclude: readonly Interval[] = []): Series {
  const { start, step } = input;
  if (!(step > 0)) throw new Error(`step must be positive, got ${step}`);
  const { total: totalCol, good: goodCol, bad: badCol } = input.series;
  const numerator = goodCol ?? badCol;
  if (numerator === undefined) throw new Error('series needs good or bad alongside total');
  const isBad = goodCol === undefined;
  const n = totalCol.length;
  const excluded = exclude.length > 0 ? stepMask(input, n, exclude) : null;
  // Carved out of shared buffers (typed-arena.ts): a thousand series would otherwise be a thousand allocations.
  const goodSum = float64s(n + 1);
  const totalSum = float64s(n + 1);
  const presentSum = int32s(n + 1);
  let clamped = 0;
  let missing = 0;
  let firstPresent = -1;
  // Running sums kept in locals: goodSum[i + 1] = goodSum[i] + good of step i, added in step order.
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
      if (excluded !== null && excluded[i] === 1) {
        g = 0;
        tot = 0;
      }
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
  return { start, step, length: n, goodSum, totalSum, presentSum, clamped, missing, firstPresent: firstPresent < 0 ? null : firstPresent };
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
export function stepRange(s: Pick<Series, 'start' | 'step' | 'length'>, from: number, to: number): StepRange {
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
