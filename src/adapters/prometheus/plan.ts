import type { Slo } from '../../schemas/slo.ts';
import type { Snapshot } from '../../schemas/snapshot.ts';
import { indicatorQueries } from './queries.ts';

/**
 * The least an SLO needs to be fetched; the content loader's `LoadedSlo` fits. `queryLines` gives
 * the line of each series' query in the file (see `locateQueries`), for error messages.
 */
export type FetchableSlo = Pick<Slo, 'id' | 'indicator'> & Partial<Pick<Slo, 'budgeting'>> & { source: { file: string; line?: number; queryLines?: Record<string, number> } };

/**
 * A time grid: the ends of the first and last steps (Unix seconds, multiples of `step`) and the
 * step. (Not core/series.ts's `StepRange`, which is a range of step indices.)
 */
export interface TimeGrid {
  start: number;
  end: number;
  step: number;
}

/** Prometheus refuses more than 11,000 points per series in one query_range. */
export const MAX_POINTS_PER_REQUEST = 11_000;
/** How far back an incremental fetch starts before the snapshot's last step, to heal late samples. */
export const DEFAULT_OVERLAP_SECONDS = 3600;

export function pointsIn(r: TimeGrid): number {
  return r.end < r.start ? 0 : (r.end - r.start) / r.step + 1;
}

/** The last `days` days of steps, ending at `asOf` aligned down to a multiple of the step. */
export function requestedRange(asOfMs: number, days: number, step: number): TimeGrid {
  const end = Math.floor(asOfMs / 1000 / step) * step;
  const points = Math.max(1, Math.ceil((days * 86400) / step));
  return { start: end - (points - 1) * step, end, step };
}

/**
 * The step an SLO is fetched at: the configured `step`, unless the SLO counts time slices (timeslices or
 * ratio-timeslices) of a length `step` does not divide; then the largest step below it that divides the slice,
 * so each slice is whole steps. 1-minute slices at `--step 5m` are fetched at 1m; 7-minute slices at 210s.
 */
export function sloStep(slo: Partial<Pick<Slo, 'budgeting'>>, step: number): number {
  const b = slo.budgeting;
  if (!b || b.method === 'occurrences' || b.slice.seconds % step === 0) return step;
  for (let d = Math.min(step, b.slice.seconds); d > 1; d--) if (b.slice.seconds % d === 0) return d;
  return 1;
}

/** The same stretch of time as `range` on the grid of another step: ending at or before its end, covering as much. */
export function regrid(range: TimeGrid, step: number): TimeGrid {
  if (step === range.step) return range;
  const end = Math.floor(range.end / step) * step;
  const points = Math.max(1, Math.ceil((range.end - range.start + range.step) / step));
  return { start: end - (points - 1) * step, end, step };
}

/** Split a range into consecutive chunks of at most `maxPoints` steps each. */
export function chunkRange(r: TimeGrid, maxPoints = MAX_POINTS_PER_REQUEST): TimeGrid[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 1) throw new Error(`maxPoints must be a positive integer, got ${maxPoints}`);
  const out: TimeGrid[] = [];
  for (let s = r.start; s <= r.end; s += maxPoints * r.step) {
    out.push({ start: s, end: Math.min(r.end, s + (maxPoints - 1) * r.step), step: r.step });
  }
  return out;
}

export interface SloPlan {
  slo: FetchableSlo;
  queries: Record<string, string>;
  /** `incremental` extends the existing snapshot; `full` fetches the whole requested range. */
  mode: 'full' | 'incremental';
  /** Why this mode, for the log. */
  reason: string;
  /** The steps to fetch. */
  fetch: TimeGrid;
  chunks: TimeGrid[];
  /** The snapshot whose points are kept where not refetched (same step and queries), if any. */
  base?: Snapshot;
}

export interface PlanOptions {
  full: boolean;
  overlapSeconds?: number;
  maxPoints?: number;
}

function lastStep(s: Snapshot): number {
  return s.start + (s.series.total.length - 1) * s.step;
}

function changedQueries(old: Record<string, string>, now: Record<string, string>): string[] {
  const names = [...new Set([...Object.keys(old), ...Object.keys(now)])].sort();
  return names.filter((n) => old[n] !== now[n]);
}

/**
 * Decide what to fetch for one SLO, given its existing snapshot (or the error reading it).
 * History older than the requested range is kept whenever the snapshot is compatible.
 */
export function planSlo(slo: FetchableSlo, existing: Snapshot | Error | undefined, requested: TimeGrid, opts: PlanOptions): SloPlan {
  const range = regrid(requested, sloStep(slo, requested.step));
  const queries = indicatorQueries(slo.indicator, range.step);
  const overlap = opts.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
  const stepNote = range.step === requested.step ? '' : ` (step ${range.step}s, not ${requested.step}s: the largest that divides its ${slo.budgeting!.slice.text} time slices)`;
  const plan = (mode: SloPlan['mode'], reason: string, fetch: TimeGrid, base?: Snapshot): SloPlan => ({
    slo, queries, mode, reason: reason + stepNote, fetch, chunks: chunkRange(fetch, opts.maxPoints), base,
  });
  if (existing === undefined) return plan('full', 'no snapshot yet', range);
  if (existing instanceof Error) return plan('full', `existing snapshot unreadable (${existing.message}): replacing it`, range);
  const old = existing;
  if (old.step !== range.step) {
    return plan('full', `step changed from ${old.step}s to ${range.step}s: replacing the snapshot`, range);
  }
  const changed = changedQueries(old.queries, queries);
  if (changed.length) return plan('full', `query changed for series ${changed.join(', ')}: replacing the snapshot`, range);
  if (old.start % old.step !== 0) return plan('full', 'snapshot is not aligned on the step grid: replacing it', range);
  if (old.series.total.length === 0) return plan('full', 'snapshot is empty', range);
  if (opts.full) return plan('full', '--full (history before the range is kept)', range, old);
  if (old.start > range.start) return plan('full', 'snapshot starts after the requested range: fetching the whole range', range, old);
  const oldEnd = lastStep(old);
  if (oldEnd < range.start) return plan('full', 'snapshot ends before the requested range: fetching the whole range', range, old);
  const from = Math.max(range.start, Math.floor((Math.min(oldEnd, range.end) - overlap) / range.step) * range.step);
  return plan('incremental', `extending from ${new Date(from * 1000).toISOString()} (${overlap / 60}m overlap)`, { ...range, start: from }, old);
}
