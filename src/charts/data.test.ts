import { describe, expect, it } from 'vitest';
import { at, constantSeries, makeSlo } from '../core/test-fixtures.ts';
import { budgetPoints, burnPoints, dailySli } from './data.ts';

describe('chart data', () => {
  it('budget points are the report history, without the points that have no figure', () => {
    const history = { kind: 'rolling' as const, points: [{ t: '2026-10-01T00:00:00.000Z', remaining: null }, { t: '2026-10-02T00:00:00.000Z', remaining: -0.25 }] };
    expect(budgetPoints(history)).toEqual([{ t: '2026-10-02T00:00:00.000Z', remaining: -0.25 }]);
  });
  it('the daily SLI is bad events per UTC day from the engine, null on a day without events', () => {
    // Hourly steps over Oct 1 and 2: Oct 1 has 24 x 100 events with 12 bad; Oct 2 has none.
    const s = constantSeries(at('2026-10-01T01:00:00Z'), 3600, 48, 100, (i) => (i < 24 ? (i === 5 ? 12 : 0) : null));
    expect(dailySli(makeSlo(), s, at('2026-10-01T00:00:00Z'), at('2026-10-03T00:00:00Z'))).toEqual([
      { day: '2026-10-01', sli: 1 - 12 / 2400, total: 2400 },
      { day: '2026-10-02', sli: null, total: 0 },
    ]);
  });
  it('the burn-rate points are the highest 1h burn of each bucket, null where a bucket has no events', () => {
    // 5-minute steps for 4 hours, 100 events each; 10 bad in the third step. Objective 99%: 1% allowed.
    const s = constantSeries(at('2026-10-01T00:05:00Z'), 300, 48, 100, (i) => (i === 2 ? 10 : 0));
    const points = burnPoints(s, 99, 3600, at('2026-10-01T00:00:00Z'), at('2026-10-01T06:00:00Z'), 7200);
    // Highest at the bad step itself, whose 1h window holds only the 3 steps since the data began
    // (core burnRateSeries): 10 bad of 300 events = 3.3% against 1% allowed.
    expect(points).toEqual([
      { t: '2026-10-01T00:00:00.000Z', burn: 10 / 300 / 0.01 },
      { t: '2026-10-01T02:00:00.000Z', burn: 0 },
      { t: '2026-10-01T04:00:00.000Z', burn: null },
    ]);
  });
});
