import { describe, expect, it } from 'vitest';
import { budgetingMethods } from './methods.ts';
import { buildSeries } from './series.ts';
import { makeSlo } from './test-fixtures.ts';

const step = 300;

describe('budgeting methods side by side', () => {
  const slo = makeSlo({ objective: 99, budgeting: { method: 'timeslices', slice: '5m' } });

  it('computes occurrences, timeslices and ratio-timeslices on the documented example', () => {
    // Slices (good, total): (99,100) good at 99%; (90,100) bad; (0,0) no traffic, excluded.
    const s = buildSeries({ start: 0, step, series: { total: [100, 100, 0], good: [99, 90, 0] } });
    const m = budgetingMethods(slo, s, -step, 2 * step);
    expect(m.occurrences.sli).toBeCloseTo(189 / 200, 12);
    expect(m.timeslices.sli).toBeCloseTo(0.5, 12);
    expect(m['ratio-timeslices'].sli).toBeCloseTo(0.945, 12);
    expect(m.timeslices).toMatchObject({ slices: 3, goodSlices: 1, badSlices: 1, noTrafficSlices: 1, missingSlices: 0, stepsPerSlice: 1 });
    expect(m.timeslices.sliceTarget).toBeCloseTo(0.99, 12);
    // (1 - 0.5) / 0.01 = 50 budgets consumed.
    expect(m.timeslices.consumed).toBeCloseTo(50, 9);
    expect(m.timeslices.remaining).toBeCloseTo(-49, 9);
    expect(m.occurrences.consumed).toBeCloseTo(5.5, 9);
    expect([m.occurrences.unit, m.timeslices.unit, m['ratio-timeslices'].unit]).toEqual(['events', 'slices', 'slices']);
  });

  it('a slice exactly at the target counts as good despite floating point', () => {
    const s = buildSeries({ start: 0, step, series: { total: [1000], good: [999] } });
    const m = budgetingMethods(makeSlo({ objective: 99.9 }), s, -step, 0);
    expect(m.timeslices.goodSlices).toBe(1);
    expect(m.timeslices.sli).toBe(1);
  });

  it('uses slice_target when given', () => {
    const s = buildSeries({ start: 0, step, series: { total: [100], good: [96] } });
    const m = budgetingMethods(makeSlo({ objective: 99, budgeting: { method: 'timeslices', slice: '5m', slice_target: 95 } }), s, -step, 0);
    expect(m.timeslices.goodSlices).toBe(1);
    expect(m.timeslices.sliceTarget).toBeCloseTo(0.95, 12);
  });

  it('aggregates consecutive steps into slices longer than a step, the last one shorter', () => {
    // 1-minute steps, 5-minute slices over 12 steps -> slices of 5, 5, 2 steps.
    const total = Array.from({ length: 12 }, () => 100);
    const good = [100, 100, 100, 100, 90, 100, 100, 100, 100, 100, 100, 100];
    const s = buildSeries({ start: 0, step: 60, series: { total, good } });
    const m = budgetingMethods(slo, s, -60, 11 * 60);
    expect(m.timeslices).toMatchObject({ stepsPerSlice: 5, slices: 3, goodSlices: 2, badSlices: 1 });
    expect(m['ratio-timeslices'].sli).toBeCloseTo((490 / 500 + 1 + 1) / 3, 12);
  });

  it('excludes slices with no data and counts them', () => {
    const s = buildSeries({ start: 0, step, series: { total: [null, 100], good: [null, 100] } });
    const m = budgetingMethods(slo, s, -step, step);
    expect(m.timeslices).toMatchObject({ slices: 2, missingSlices: 1, goodSlices: 1 });
  });

  it('all methods are null when there is no traffic', () => {
    const s = buildSeries({ start: 0, step, series: { total: [0, 0], good: [0, 0] } });
    const m = budgetingMethods(slo, s, -step, step);
    expect(m.occurrences.sli).toBeNull();
    expect(m.timeslices.sli).toBeNull();
    expect(m['ratio-timeslices'].sli).toBeNull();
    expect(m.timeslices.remaining).toBeNull();
  });
});
