import { beforeEach, describe, expect, it } from 'vitest';
import { budgetHistory, dailyTimes } from './budget-history.ts';
import { DAY } from './periods.ts';
import type { Series } from './series.ts';
import { constantSeries, makeSlo } from './test-fixtures.ts';

const H = 3600;
const D0 = Date.UTC(2026, 9, 1) / 1000; // 2026-10-01T00:00Z

describe('dailyTimes', () => {
  it('samples the start, every UTC midnight strictly inside the window, then its end', () => {
    expect(dailyTimes(D0 + 6 * H, D0 + 2 * DAY + 6 * H)).toEqual([D0 + 6 * H, D0 + DAY, D0 + 2 * DAY, D0 + 2 * DAY + 6 * H]);
    expect(dailyTimes(D0, D0 + DAY)).toEqual([D0, D0 + DAY]);
  });
});

describe('budgetHistory', () => {
  // Hourly steps from Oct 1 to Oct 5, 100 events each; 24 bad events in the step ending Oct 2 12:00.
  let series: Series;
  beforeEach(() => {
    series = constantSeries(D0 + H, H, 96, 100, (i) => (D0 + H + i * H === D0 + DAY + 12 * H ? 24 : 0));
  });
  const asOf = D0 + 4 * DAY;

  it('a rolling window shows, for each day, the budget of the window ending that day, not of the events seen so far', () => {
    // 2-day window at 99%: as of Oct 4 the window [Oct 2, Oct 4) holds the 24 bad of 4,800 events
    // (48 allowed): 50% left. As of Oct 5 the bad hour has aged out: 100% left (the headline).
    const h = budgetHistory(makeSlo({ objective: 99, window: '2d' }), series, asOf);
    expect(h.kind).toBe('rolling');
    expect(h.points).toEqual([
      { t: D0 + 2 * DAY, remaining: 0.5 },
      { t: D0 + 3 * DAY, remaining: 0.5 },
      { t: D0 + 4 * DAY, remaining: 1 },
    ]);
  });

  it('a calendar month burns down against the allowance of the month so far, and only goes down', () => {
    // October so far: 96 steps x 100 = 9,600 events, 1% allowed = 96; 24 bad spent by Oct 3 -> 75%.
    const h = budgetHistory(makeSlo({ objective: 99, window: 'month' }), series, asOf);
    expect(h.kind).toBe('burndown');
    expect(h.points.map((p) => p.remaining)).toEqual([1, 1, 0.75, 0.75, 0.75]);
    expect(h.points[0]!.t).toBe(D0);
  });

  it('counts slices for a timeslices SLO, in the same unit as its headline', () => {
    // Hourly slices: 1 bad slice of 96 counted, 99% -> 0.96 allowed slices: remaining 1 - 1/0.96.
    const slo = makeSlo({ objective: 99, window: 'month', budgeting: { method: 'timeslices', slice: '1h' } });
    const h = budgetHistory(slo, series, asOf);
    expect(h.points.at(-1)!.remaining).toBeCloseTo(1 - 1 / 0.96, 12);
    expect(h.points[0]!.remaining).toBe(1);
  });

  it('has no figure where nothing was counted', () => {
    const empty = constantSeries(D0 + H, H, 96, 0);
    expect(budgetHistory(makeSlo({ window: 'month' }), empty, asOf).points.every((p) => p.remaining === null)).toBe(true);
    expect(budgetHistory(makeSlo({ window: '2d' }), empty, asOf).points.every((p) => p.remaining === null)).toBe(true);
  });
});
