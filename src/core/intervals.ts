/**
 * Half-open time intervals `[from, to)` in Unix seconds, and the merging that keeps a second
 * from being counted twice when incidents overlap.
 */

/** A half-open interval `[from, to)`, Unix seconds. */
export interface Interval {
  from: number;
  to: number;
}

/**
 * Merge overlapping or touching intervals into disjoint ones, sorted by `from`. Empty or
 * inverted intervals (to <= from) are dropped. E.g. [0,10) + [5,20) + [30,40) -> [0,20) + [30,40).
 */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && i.from <= last.to) {
      if (i.to > last.to) last.to = i.to;
    } else {
      out.push({ from: i.from, to: i.to });
    }
  }
  return out;
}

/** The part of `a` inside `b`, or null when they do not overlap (a zero-length result is null). */
export function intersect(a: Interval, b: Interval): Interval | null {
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  return to > from ? { from, to } : null;
}
