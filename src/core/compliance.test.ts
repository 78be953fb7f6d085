import { describe, expect, it } from 'vitest';
import { compliance } from './compliance.ts';
import { buildSeries } from './series.ts';
import { constantSeries, makeSlo } from './test-fixtures.ts';

const step = 300;

describe('compliance', () => {
  const slo = makeSlo();

  it('sums counts rather than averaging rates', () => {
    // Step 1: 1 bad of 10 (90%); step 2: 0 bad of 990 (100%). Mean of rates = 95%; summed = 999/1000.
    const s = buildSeries({ start: 0, step, series: { total: [10, 990], bad: [1, 0] } });
    const c = compliance(slo, s, -step, step);
    expect(c.sli).toBeCloseTo(0.999, 12);
    expect(c.good).toBe(999);
    expect(c.total).toBe(1000);
    expect(c.bad).toBe(1);
  });

  it('a window with no traffic has a null SLI and null status, never 100%', () => {
    const s = constantSeries(0, step, 10, 0);
    const c = compliance(slo, s, -step, 9 * step);
    expect(c.sli).toBeNull();
    expect(c.status).toBeNull();
    expect(c.budget.remaining).toBeNull();
    expect(c.coverage).toBe(1);
    expect(c.lowTraffic).toBe(true);
  });

  it('a series with no data at all is partial, with no coverage', () => {
    const s = constantSeries(10 * step, step, 10, 100, () => null);
    const c = compliance(slo, s, 9 * step, 19 * step);
    expect(c).toMatchObject({ partial: true, coverage: 0, presentSteps: 0, expectedSteps: 10, total: 0, sli: null });
  });

  it('gaps lower coverage and are not counted as good', () => {
    const s = constantSeries(0, step, 10, 100, (i) => (i < 5 ? null : 1));
    const c = compliance(slo, s, -step, 9 * step);
    expect(c.coverage).toBeCloseTo(0.5, 12);
    expect(c.total).toBe(500);
    expect(c.sli).toBeCloseTo(0.99, 12);
    expect(c.partial).toBe(true);
  });

  it('a series that starts after the window start is partial, and its coverage counts the time before as missing', () => {
    const s = constantSeries(3000, step, 10, 100);
    const c = compliance(slo, s, 0, 3000 + 9 * step);
    expect(c.partial).toBe(true);
    expect(c.expectedSteps).toBe(19);
    expect(c.presentSteps).toBe(10);
    expect(c.coverage).toBeCloseTo(10 / 19, 12);
  });

  it('a series covering the whole window is not partial', () => {
    const s = constantSeries(0, step, 10, 100);
    const c = compliance(slo, s, -step, 9 * step);
    expect(c.partial).toBe(false);
    expect(c.coverage).toBe(1);
    expect(c.status).toBe('green');
  });

  it('flags low traffic below min_events', () => {
    const s = constantSeries(0, step, 10, 9);
    expect(compliance(slo, s, -step, 9 * step).lowTraffic).toBe(true);
    expect(compliance(makeSlo({ min_events: 90 }), s, -step, 9 * step).lowTraffic).toBe(false);
  });

  it('an empty window has zero coverage and no SLI', () => {
    const s = constantSeries(0, step, 10, 100);
    const c = compliance(slo, s, 500, 500);
    expect(c.coverage).toBe(0);
    expect(c.sli).toBeNull();
  });

  it('a series with no data at all is partial with zero coverage', () => {
    const s = constantSeries(0, step, 4, 100, () => null);
    const c = compliance(slo, s, -step, 3 * step);
    expect(c.partial).toBe(true);
    expect(c.coverage).toBe(0);
    expect(c.sli).toBeNull();
  });

  it('turns red once the budget is overspent, keeping the negative remainder', () => {
    const s = constantSeries(0, step, 10, 1000, () => 3);
    const c = compliance(slo, s, -step, 9 * step);
    expect(c.budget.remaining).toBeCloseTo(-2, 9);
    expect(c.status).toBe('red');
  });
});
