import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { at, constantSeries, makeSlo } from '../core/test-fixtures.ts';
import { burnRateSeries, buildSeries, isoOf, stepRange } from '../core/index.ts';
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
  it('the burn-rate points are the bucket maxima of the whole burn-rate series (core burnRateSeries), computed only where shown', () => {
    const step = 300;
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.tuple(fc.nat(500), fc.nat(50)), { nil: null }), { minLength: 1, maxLength: 120 }),
        fc.nat(40),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 24 }),
        (pts, skip, span, windowSteps, bucketSteps) => {
          const series = buildSeries({ start: step, step, series: { total: pts.map((p) => (p === null ? null : p[0] + p[1])), bad: pts.map((p) => (p === null ? null : p[1])) } });
          const from = skip * step;
          const to = from + span * step;
          const rates = burnRateSeries(series, 99.5, windowSteps);
          const want = [];
          for (let b = from; b < to; b += bucketSteps * step) {
            const { i0, i1 } = stepRange(series, b, Math.min(b + bucketSteps * step, to));
            const values = [...rates.subarray(i0, i1)].filter((v) => !Number.isNaN(v));
            want.push({ t: isoOf(b), burn: values.length ? Math.max(...values) : null });
          }
          expect(burnPoints(series, 99.5, windowSteps * step, from, to, bucketSteps * step)).toEqual(want);
        },
      ),
      { seed: 14, numRuns: 300 },
    );
  });
});
