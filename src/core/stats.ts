/**
 * Summary statistics of durations (seconds).
 *
 * Percentile method: linear interpolation between closest ranks (Hyndman & Fan type 7, the
 * default of numpy, R and Excel PERCENTILE.INC). For sorted values x[0..n-1] and p in [0, 1]:
 * h = (n - 1) p, result = x[floor h] + (h - floor h) (x[ceil h] - x[floor h]).
 * Example: [10, 20, 30, 40] -> median 25, p90 = 30 + 0.7 x 10 = 37.
 */

export interface Distribution {
  count: number;
  /** Seconds; null when count is 0. */
  mean: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
}

/** Percentile p (0..1) of ascending-sorted values by linear interpolation; throws on an empty list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of an empty list');
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** count, mean, median, p90 and max of values (seconds); null fields when there are none. */
export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) return { count: 0, mean: null, median: null, p90: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    median: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    max: sorted[sorted.length - 1]!,
  };
}
