import { describe, expect, it } from 'vitest';
import { at, constantSeries, makeSlo } from '../core/test-fixtures.ts';
import { budgetPoints, dailySli } from './data.ts';

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
});
