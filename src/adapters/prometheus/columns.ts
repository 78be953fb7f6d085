import type { Column, Snapshot } from '../../schemas/snapshot.ts';
import type { MatrixSeries } from './query-range.ts';
import { pointsIn, type TimeGrid } from './plan.ts';

/** Keep snapshots compact: increase() extrapolates, so values are rarely integers; 6 decimals is plenty. */
export function roundValue(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

export interface ColumnResult {
  column: Column;
  /** Number of series in the result (more than 1 means they were summed). */
  seriesCount: number;
  /** Values that are not finite non-negative numbers (NaN, Inf, negative): stored as null. */
  invalid: number;
  /** Samples off the step grid (ignored). */
  offGrid: number;
  /** Samples that repeat one already seen (same series, same time, same value): dropped. */
  duplicates: number;
  /** Samples received. */
  samples: number;
}

/**
 * An answer that cannot be stored: a series gives two different values for one time, or more
 * samples than the request has steps.
 */
export class ConflictingSamplesError extends Error {}

/** A series' identity: its labels, in a stable order. */
function seriesKey(metric: Record<string, string> | undefined): string {
  return JSON.stringify(Object.entries(metric ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Map a matrix onto the time grid: a step without a sample is null; several series are summed per
 * step (a step is null only when no series has a sample there). A sample repeated exactly (the
 * same series twice, or the same time twice in a series) is counted once and reported in
 * `duplicates`; the same series and time with two different values throws a
 * ConflictingSamplesError, since there is no telling which one is right.
 *
 * E.g. `{a}: [[3000,"2"],[3000,"2"]]` gives 2 at 3000 with 1 duplicate; `[[3000,"2"],[3000,"3"]]` throws.
 */
export function matrixToColumn(series: MatrixSeries[], range: TimeGrid): ColumnResult {
  const n = pointsIn(range);
  const column: Column = new Array<number | null>(n).fill(null);
  const seen = new Map<string, (string | undefined)[]>();
  const distinct = new Map<string, number>();
  let invalid = 0;
  let offGrid = 0;
  let duplicates = 0;
  let samples = 0;
  for (const s of series) {
    const key = seriesKey(s.metric);
    let raws = seen.get(key);
    if (!raws) seen.set(key, (raws = new Array<string | undefined>(n)));
    let count = distinct.get(key) ?? 0;
    for (const [ts, raw] of s.values) {
      samples++;
      const i = Math.round((ts - range.start) / range.step);
      const onGrid = i >= 0 && i < n && Math.abs(range.start + i * range.step - ts) <= 1e-3;
      const before = onGrid ? raws[i] : undefined;
      if (before !== undefined) {
        if (before === raw) {
          duplicates++;
          continue;
        }
        const at = new Date((range.start + i * range.step) * 1000).toISOString();
        throw new ConflictingSamplesError(`the answer holds two different values (${quote(before)} and ${quote(raw)}) for the same series ${selector(s.metric)} at ${at}: refusing it`);
      }
      // Prometheus returns at most one sample a step: more is not an answer to this request.
      if (++count > n) {
        const total = s.values.length;
        throw new ConflictingSamplesError(`a series of the answer has ${total > n ? total : `more than ${n}`} samples, but the request (step ${range.step}s) can return at most ${n}: refusing it`);
      }
      if (!onGrid) {
        offGrid++;
        continue;
      }
      raws[i] = raw;
      const v = Number(raw);
      if (!Number.isFinite(v) || v < 0) {
        invalid++;
        continue;
      }
      column[i] = (column[i] ?? 0) + v;
    }
    distinct.set(key, count);
  }
  for (let i = 0; i < n; i++) if (column[i] !== null) column[i] = roundValue(column[i]!);
  return { column, seriesCount: seen.size, invalid, offGrid, duplicates, samples };
}

/** A series' labels as Prometheus prints them, cut short: `{code="500",job="api"}`. */
function selector(metric: Record<string, string> | undefined): string {
  const s = `{${Object.entries(metric ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
  return s.length > 60 ? `${s.slice(0, 60)}...}` : s;
}

/** A short, printable form of a value from the server. */
function quote(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}...` : s;
}

/** Place `part` (which starts at `partStart`) into `target` (which starts at `targetStart`). */
function place(target: Column, targetStart: number, part: Column, partStart: number, step: number): void {
  const offset = (partStart - targetStart) / step;
  for (let i = 0; i < part.length; i++) target[offset + i] = part[i]!;
}

/**
 * The new snapshot's series: the base snapshot's points (if any) over its whole span, overwritten by
 * the freshly fetched points over `fetched`, where the new values win in the overlap. A step the
 * new answer has no data for keeps the snapshot's known value (counted in `kept`): "no data" never
 * replaces a value, unless `allowDataLoss` is set. Steps covered by neither are null.
 *
 * E.g. base total [1, 2, 3, 4] from 3000, fetched [30, null, 50, 60] from 3600:
 * [1, 2, 30, 4, 50, 60] with kept 1 (with `allowDataLoss`: [1, 2, 30, null, 50, 60]).
 */
export function mergeSeries(
  base: Snapshot | undefined,
  fetched: TimeGrid,
  columns: Record<string, Column>,
  allowDataLoss = false,
): { start: number; series: Record<string, Column>; kept: Record<string, number>; known: Record<string, number> } {
  const step = fetched.step;
  const baseEnd = base ? base.start + (base.series.total.length - 1) * step : fetched.end;
  const start = base ? Math.min(base.start, fetched.start) : fetched.start;
  const end = Math.max(baseEnd, fetched.end);
  const n = pointsIn({ start, end, step });
  const series: Record<string, Column> = {};
  const kept: Record<string, number> = {};
  const known: Record<string, number> = {};
  const offset = (fetched.start - start) / step;
  for (const [name, col] of Object.entries(columns)) {
    const out: Column = new Array<number | null>(n).fill(null);
    const old = base?.series[name as keyof Snapshot['series']];
    if (base && old) place(out, start, old, base.start, step);
    kept[name] = 0;
    known[name] = 0;
    for (let i = 0; i < col.length; i++) {
      const before = out[offset + i] ?? null;
      if (before !== null) known[name]++;
      if (col[i] === null && before !== null && !allowDataLoss) kept[name]++;
      else out[offset + i] = col[i]!;
    }
    series[name] = out;
  }
  return { start, series, kept, known };
}
