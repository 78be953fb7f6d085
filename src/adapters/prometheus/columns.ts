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
  /** Samples received. */
  samples: number;
}

/**
 * Map a matrix onto the step grid of `range`: a step without a sample is null; several series are
 * summed per step (a step is null only when no series has a sample there).
 */
export function matrixToColumn(series: MatrixSeries[], range: TimeGrid): ColumnResult {
  const n = pointsIn(range);
  const column: Column = new Array<number | null>(n).fill(null);
  let invalid = 0;
  let offGrid = 0;
  let samples = 0;
  for (const s of series) {
    for (const [ts, raw] of s.values) {
      samples++;
      const i = Math.round((ts - range.start) / range.step);
      if (i < 0 || i >= n || Math.abs(range.start + i * range.step - ts) > 1e-3) {
        offGrid++;
        continue;
      }
      const v = Number(raw);
      if (!Number.isFinite(v) || v < 0) {
        invalid++;
        continue;
      }
      column[i] = (column[i] ?? 0) + v;
    }
  }
  for (let i = 0; i < n; i++) if (column[i] !== null) column[i] = roundValue(column[i]!);
  return { column, seriesCount: series.length, invalid, offGrid, samples };
}

/** Place `part` (which starts at `partStart`) into `target` (which starts at `targetStart`). */
function place(target: Column, targetStart: number, part: Column, partStart: number, step: number): void {
  const offset = (partStart - targetStart) / step;
  for (let i = 0; i < part.length; i++) target[offset + i] = part[i]!;
}

/**
 * The new snapshot's series: the base snapshot's points (if any) over its whole span, overwritten by
 * the freshly fetched points over `fetched` (new values win in the overlap, nulls included: they
 * are Prometheus's current answer). Steps covered by neither are null.
 */
export function mergeSeries(
  base: Snapshot | undefined,
  fetched: TimeGrid,
  columns: Record<string, Column>,
): { start: number; series: Record<string, Column> } {
  const step = fetched.step;
  const baseEnd = base ? base.start + (base.series.total.length - 1) * step : fetched.end;
  const start = base ? Math.min(base.start, fetched.start) : fetched.start;
  const end = Math.max(baseEnd, fetched.end);
  const n = pointsIn({ start, end, step });
  const series: Record<string, Column> = {};
  for (const [name, col] of Object.entries(columns)) {
    const out: Column = new Array<number | null>(n).fill(null);
    const old = base?.series[name as keyof Snapshot['series']];
    if (base && old) place(out, start, old, base.start, step);
    place(out, start, col, fetched.start, step);
    series[name] = out;
  }
  return { start, series };
}
