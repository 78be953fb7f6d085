import { describe, expect, it } from 'vitest';
import { matrixToColumn, mergeSeries } from '../../src/adapters/prometheus/columns.ts';
import type { Snapshot } from '../../src/schemas/snapshot.ts';

const range = { start: 3000, end: 4200, step: 300 }; // 5 steps

describe('matrixToColumn', () => {
  it('puts samples on the grid and null where a step has no sample', () => {
    const r = matrixToColumn([{ metric: {}, values: [[3000, '1'], [3600, '2.5'], [4200, '0']] }], range);
    expect(r.column).toEqual([1, null, 2.5, null, 0]);
    expect(r.seriesCount).toBe(1);
  });
  it('sums several series per step; null only where none has a sample', () => {
    const r = matrixToColumn([
      { metric: { code: '500' }, values: [[3000, '1'], [3300, '2']] },
      { metric: { code: '503' }, values: [[3300, '3'], [3600, '4']] },
    ], range);
    expect(r.column).toEqual([1, 5, 4, null, null]);
    expect(r.seriesCount).toBe(2);
  });
  it('is all null for an empty result', () => {
    expect(matrixToColumn([], range).column).toEqual([null, null, null, null, null]);
  });
  it('stores NaN, Inf and negative values as null and counts them; ignores off-grid samples', () => {
    const r = matrixToColumn([{ metric: {}, values: [[3000, 'NaN'], [3300, '+Inf'], [3600, '-1'], [3650, '7'], [3900, '1.00000049']] }], range);
    expect(r.column).toEqual([null, null, null, 1, null]);
    expect(r).toMatchObject({ invalid: 3, offGrid: 1 });
  });
});

describe('matrixToColumn with repeated samples', () => {
  it('counts a sample sent twice once (the same time twice in a series, or the same series twice) and reports the duplicates', () => {
    const values: [number, string][] = [[3000, '100'], [3300, '100']];
    const twiceInSeries = matrixToColumn([{ metric: { job: 'api' }, values: [...values, ...values] }], range);
    expect(twiceInSeries.column).toEqual([100, 100, null, null, null]);
    expect(twiceInSeries).toMatchObject({ duplicates: 2, samples: 4, seriesCount: 1 });
    const seriesTwice = matrixToColumn([{ metric: { job: 'api', code: '200' }, values }, { metric: { code: '200', job: 'api' }, values }], range);
    expect(seriesTwice.column).toEqual([100, 100, null, null, null]);
    expect(seriesTwice).toMatchObject({ duplicates: 2, seriesCount: 1 });
  });
  it('refuses two different values for the same series and time', () => {
    expect(() => matrixToColumn([{ metric: {}, values: [[3000, '1'], [3300, '2'], [3300, '3']] }], range)).toThrow(
      'the answer holds two different values ("2" and "3") for the same series {} at 1970-01-01T00:55:00.000Z: refusing it',
    );
  });
});

describe('mergeSeries', () => {
  const base: Snapshot = {
    format: 'sitrep-snapshot/v1', slo: 'x', step: 300, start: 3000, queries: {}, fetchedAt: '2026-01-01T00:00:00Z',
    series: { total: [1, 2, 3, 4], good: [1, 1, 1, 1] },
  };
  it('keeps old points, and new values win where they overlap; "no data" never replaces a known value', () => {
    const m = mergeSeries(base, { start: 3600, end: 4500, step: 300 }, { total: [30, null, 50, 60], good: [3, 4, 5, 6] });
    expect(m.start).toBe(3000);
    expect(m.series.total).toEqual([1, 2, 30, 4, 50, 60]);
    expect(m.series.good).toEqual([1, 1, 3, 4, 5, 6]);
    expect(m.kept).toEqual({ total: 1, good: 0 });
    expect(m.known).toEqual({ total: 2, good: 2 });
  });
  it('lets "no data" replace known values only when data loss is allowed', () => {
    const m = mergeSeries(base, { start: 3600, end: 4500, step: 300 }, { total: [30, null, 50, 60], good: [3, 4, 5, 6] }, true);
    expect(m.series.total).toEqual([1, 2, 30, null, 50, 60]);
    expect(m.kept).toEqual({ total: 0, good: 0 });
  });
  it('pads with null between old history and a later fetched range', () => {
    const m = mergeSeries(base, { start: 4800, end: 5100, step: 300 }, { total: [7, 8], good: [7, 8] });
    expect(m.series.total).toEqual([1, 2, 3, 4, null, null, 7, 8]);
  });
  it('is the fetched range alone without a base', () => {
    expect(mergeSeries(undefined, range, { total: [1, 2, 3, 4, 5] })).toEqual({ start: 3000, series: { total: [1, 2, 3, 4, 5] }, kept: { total: 0 }, known: { total: 0 } });
  });
});
