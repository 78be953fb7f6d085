/**
 * Burn rate: how fast the error budget is spent, as a multiple of the sustainable rate.
 * burn = bad ratio / (1 - objective): 0.5% errors against 99.9% burns at 0.005 / 0.001 = 5x, i.e.
 * a 30-day budget would last 6 days.
 */
import { errorRatioAllowed } from './budget.ts';
import { rangeSums, stepRange, type Series } from './series.ts';

/** The standard burn-rate windows, seconds. */
export const BURN_WINDOWS = { '5m': 300, '30m': 1_800, '1h': 3_600, '2h': 7_200, '6h': 21_600, '1d': 86_400, '3d': 259_200 } as const;
export type BurnWindow = keyof typeof BURN_WINDOWS;
export const BURN_WINDOW_NAMES = Object.keys(BURN_WINDOWS) as BurnWindow[];

/** A duration in whole steps, rounded, at least 1: 1h at 5-minute steps = 12 steps. */
export function windowSteps(step: number, seconds: number): number {
  return Math.max(1, Math.round(seconds / step));
}

/**
 * Burn rate from counts: ((total - good) / total) / (1 - objective); null when total is 0.
 * 990 good of 1,000 against 99.9% -> 0.01 / 0.001 = 10.
 */
export function burnRate(objectivePercent: number, good: number, total: number): number | null {
  if (!(total > 0)) return null;
  return Math.max(0, total - good) / total / errorRatioAllowed(objectivePercent);
}

/**
 * Burn rate at every step over a trailing window of `stepsInWindow` steps (steps `(i - k, i]`,
 * truncated at the start of the history), in ONE linear pass over the prefix sums.
 * NaN marks "no events in the window" (typed arrays cannot hold null; see burnRateValue).
 */
export function burnRateSeries(series: Series, objectivePercent: number, stepsInWindow: number): Float64Array {
  const n = series.length;
  const out = new Float64Array(n);
  const ratio = errorRatioAllowed(objectivePercent);
  const k = Math.max(1, Math.floor(stepsInWindow));
  for (let i = 0; i < n; i++) out[i] = windowBurnAt(series, ratio, k, i);
  return out;
}

/**
 * The burn rate over the `k` steps ending at step `i` (steps `(i - k, i]`, truncated at the start
 * of the history), `ratio` the allowed error ratio (0.001 for 99.9%): the value burnRateSeries holds
 * at `i`, computed alone in O(1) from the prefix sums, so a replay reads only the steps it needs
 * and allocates nothing. NaN when the window has no events. 2 bad of 1,000 over 99.9% -> 2.
 */
export function windowBurnAt(series: Pick<Series, 'goodSum' | 'totalSum'>, ratio: number, k: number, i: number): number {
  const gs = series.goodSum;
  const ts = series.totalSum;
  const lo = i + 1 > k ? i + 1 - k : 0;
  const total = ts[i + 1]! - ts[lo]!;
  const bad = total - (gs[i + 1]! - gs[lo]!);
  return total > 0 ? (bad > 0 ? bad : 0) / total / ratio : NaN;
}

/**
 * The share of bad events at or below which a window cannot burn above a positive `burn` against
 * `ratio` (see mayBurnAbove): burn x ratio, lowered by a relative 1e-9, far more than the few units
 * of 2^-52 the divisions of windowBurnAt can add. 2x against 99.9% -> just under 0.002.
 */
export function burnCut(burn: number, ratio: number): number {
  return burn * ratio * (1 - 1e-9);
}

/**
 * Whether the `k` steps ending at step `i` may burn above the burn rate whose `cut` (burnCut) is
 * given, decided without dividing: false when their bad events are at most cut x their events,
 * which keeps windowBurnAt at or below that burn rate; true otherwise, when windowBurnAt decides.
 * 2 bad of 1,000 against 99.9% (a burn of 2) may burn above 1.5, not above 2.5.
 */
export function mayBurnAbove(series: Pick<Series, 'goodSum' | 'totalSum'>, k: number, i: number, cut: number): boolean {
  const gs = series.goodSum;
  const ts = series.totalSum;
  const lo = i + 1 > k ? i + 1 - k : 0;
  const total = ts[i + 1]! - ts[lo]!;
  const bad = total - (gs[i + 1]! - gs[lo]!);
  return bad > total * cut;
}

/** A value of a burn-rate series as JSON: null for NaN (no events). */
export function burnRateValue(values: Float64Array, i: number): number | null {
  const v = values[i];
  return v === undefined || Number.isNaN(v) ? null : v;
}

/** Burn rate over the steps ending in `(asOf - windowSeconds, asOf]`; null when they hold no events. */
export function burnRateAt(series: Series, objectivePercent: number, windowSeconds: number, asOf: number): number | null {
  const s = rangeSums(series, stepRange(series, asOf - windowSeconds, asOf));
  return burnRate(objectivePercent, s.good, s.total);
}

/** Burn rates at `asOf` over every standard window, keyed '5m' .. '3d'. */
export function currentBurnRates(series: Series, objectivePercent: number, asOf: number): Record<BurnWindow, number | null> {
  const out = {} as Record<BurnWindow, number | null>;
  for (const w of BURN_WINDOW_NAMES) out[w] = burnRateAt(series, objectivePercent, BURN_WINDOWS[w], asOf);
  return out;
}

/**
 * When the budget runs out if the current burn rate continues, as one of:
 * - `exhausted`: nothing is left (remaining <= 0), whatever the burn rate;
 * - `unknown`: no budget or no burn rate to project from (no events);
 * - `not-at-this-rate`: the burn rate is 0, or the budget outlasts the horizon (the rolling
 *   window's length, or what is left of a calendar period, after which the budget resets);
 * - `in`: `seconds` from asOf, the straight-line projection remaining x W / burn, W the full
 *   window length: a burn of b spends the whole window's budget in W / b seconds.
 * Example: 30-day window, 60% left, burning at 2x -> 0.6 x 30 d / 2 = 9 days (777,600 s). The same
 * in a calendar month with 5 days to go -> not at this rate (the budget resets first).
 * A linear projection: it ignores bad events ageing out of a rolling window, so for rolling
 * windows the real exhaustion is no earlier than this.
 */
export type Exhaustion = { state: 'exhausted' | 'unknown' | 'not-at-this-rate'; seconds: null } | { state: 'in'; seconds: number };

export function timeToExhaustion(remaining: number | null, burn: number | null, windowSeconds: number, horizonSeconds: number): Exhaustion {
  if (remaining !== null && remaining <= 0) return { state: 'exhausted', seconds: null };
  if (remaining === null || burn === null) return { state: 'unknown', seconds: null };
  const seconds = burn > 0 ? (remaining * windowSeconds) / burn : Infinity;
  return seconds > horizonSeconds ? { state: 'not-at-this-rate', seconds: null } : { state: 'in', seconds };
}
