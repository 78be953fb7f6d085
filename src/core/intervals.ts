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

/** Total length of intervals in seconds, after merging (so overlaps count once). */
export function mergedLength(intervals: readonly Interval[]): number {
  let sum = 0;
  for (const i of mergeIntervals(intervals)) sum += i.to - i.from;
  return sum;
}

/** The part of `a` inside `b`, or null when they do not overlap (a zero-length result is null). */
export function intersect(a: Interval, b: Interval): Interval | null {
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  return to > from ? { from, to } : null;
}

/**
 * The parts of `a` outside every interval of `b`; both must be merged (disjoint, sorted), and so
 * is the result. E.g. [0,10) + [20,30) minus [5,25) -> [0,5) + [25,30).
 */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    let from = x.from;
    for (const y of b) {
      if (y.to <= from || y.from >= x.to) continue;
      if (y.from > from) out.push({ from, to: y.from });
      from = Math.max(from, y.to);
    }
    if (x.to > from) out.push({ from, to: x.to });
  }
  return out;
}
