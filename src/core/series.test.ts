import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildSeries, dataStart, expectedSteps, overlappingStepRange, rangeSums, seriesEnd, seriesStart, stepEnd, stepRange, type Series } from './series.ts';

describe('buildSeries', () => {
  it('derives good as total minus bad when only bad is given', () => {
    const s = buildSeries({ start: 300, step: 300, series: { total: [100, 200], bad: [1, 50] } });
    expect([...s.goodSum]).toEqual([0, 99, 249]);
    expect([...s.totalSum]).toEqual([0, 100, 300]);
    expect(s.clamped).toBe(0);
  });

  it.each([
    { name: 'good above total (a counter reset) is clamped to total and counted', col: { total: [100], good: [130] }, good: 100 },
    { name: 'negative good is clamped to zero and counted', col: { total: [100], good: [-5] }, good: 0 },
    { name: 'bad above total gives good zero and is counted', col: { total: [100], bad: [150] }, good: 0 },
    { name: 'a negative total is clamped to zero and counted', col: { total: [-10], good: [0] }, good: 0 },
  ])('$name', ({ col, good }) => {
    const s = buildSeries({ start: 0, step: 60, series: col });
    expect(s.goodSum[1]).toBe(good);
    expect(s.clamped).toBe(1);
    expect(s.presentSum[1]).toBe(1);
  });

  it('a step with no events (total 0, good 0) is present and not clamped', () => {
    const s = buildSeries({ start: 0, step: 60, series: { total: [0, 10], good: [0, 10] } });
    expect([s.clamped, s.missing, [...s.presentSum]]).toEqual([0, 0, [0, 1, 2]]);
  });

  it('marks null, missing and non-finite points as gaps, never as zero traffic that is good', () => {
    const s = buildSeries({ start: 0, step: 60, series: { total: [10, null, 10, 10, 10], good: [10, 5, null, Number.NaN, 9] } });
    expect(s.missing).toBe(3);
    expect(s.firstPresent).toBe(0);
    expect([...s.goodSum]).toEqual([0, 10, 10, 10, 10, 19]);
    expect([...s.totalSum]).toEqual([0, 10, 10, 10, 10, 20]);
    expect([...s.presentSum]).toEqual([0, 1, 1, 1, 1, 2]);
  });

  it('reports no first present step when every step is a gap', () => {
    expect(buildSeries({ start: 0, step: 60, series: { total: [null], good: [null] } }).firstPresent).toBeNull();
  });

  it('rejects a series without good or bad, and a non-positive step', () => {
    expect(() => buildSeries({ start: 0, step: 60, series: { total: [1] } })).toThrow(/good or bad/);
    expect(() => buildSeries({ start: 0, step: 0, series: { total: [1], good: [1] } })).toThrow(/step/);
  });
});

describe('step index and time helpers', () => {
  let s: Series;
  beforeEach(() => {
    s = buildSeries({ start: 1000, step: 300, series: { total: [1, 1, 1, 1], good: [1, 1, 1, 1] } });
  });
  it('step i ends at start + i x step', () => {
    expect(stepEnd(s, 0)).toBe(1000);
    expect(stepEnd(s, 3)).toBe(1900);
  });
  it('the snapshot covers (start - step, end of the last step]; data starts at the first step with data', () => {
    expect(seriesStart(s)).toBe(700);
    expect(seriesEnd(s)).toBe(1900);
    expect(dataStart(s)).toBe(700);
    const gappy = buildSeries({ start: 1000, step: 300, series: { total: [null, null, 5], good: [null, null, 5] } });
    expect(dataStart(gappy)).toBe(1300);
    const empty = buildSeries({ start: 1000, step: 300, series: { total: [], good: [] } });
    expect([seriesStart(empty), seriesEnd(empty), dataStart(empty)]).toEqual([null, null, null]);
    const noData = buildSeries({ start: 1000, step: 300, series: { total: [null], good: [null] } });
    expect(dataStart(noData)).toBeNull();
  });
  it('a window [from, to) holds the steps whose end lies in (from, to]', () => {
    expect(stepRange(s, 1000, 1600)).toEqual({ i0: 1, i1: 3 });
    expect(stepRange(s, 0, 99_999)).toEqual({ i0: 0, i1: 4 });
    expect(stepRange(s, 5000, 6000)).toEqual({ i0: 4, i1: 4 });
    expect(stepRange(s, 1600, 1000)).toEqual({ i0: 3, i1: 3 });
  });
  it('an incident span claims every step it overlaps, even partly', () => {
    expect(overlappingStepRange(s, 1310, 1320)).toEqual({ i0: 2, i1: 3 });
    expect(overlappingStepRange(s, 1300, 1600)).toEqual({ i0: 2, i1: 3 });
    expect(overlappingStepRange(s, 1300, 1601)).toEqual({ i0: 2, i1: 4 });
  });
  it('30 days of 5-minute steps are 8,640 expected steps', () => {
    expect(expectedSteps(s, 0, 30 * 86_400)).toBe(8640);
    expect(expectedSteps(s, 10, 10)).toBe(0);
    expect(expectedSteps(s, 900, 300)).toBe(0);
  });
});

describe('prefix sums', () => {
  it('every window sum equals the naive sum of its steps', () => {
    const point = fc.option(fc.tuple(fc.nat(1000), fc.nat(1000)), { nil: null });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 80 }), fc.nat(), fc.nat(), (pts, a, b) => {
        const total = pts.map((p) => (p === null ? null : p[0] + p[1]));
        const good = pts.map((p) => (p === null ? null : p[0]));
        const s = buildSeries({ start: 0, step: 60, series: { total, good } });
        const i0 = a % (pts.length + 1);
        const i1 = i0 + (b % (pts.length + 1 - i0));
        let g = 0;
        let t = 0;
        let present = 0;
        for (let i = i0; i < i1; i++) {
          const p = pts[i];
          if (p !== null && p !== undefined) {
            g += p[0];
            t += p[0] + p[1];
            present++;
          }
        }
        const sums = rangeSums(s, { i0, i1 });
        return sums.good === g && sums.total === t && sums.present === present && sums.steps === i1 - i0;
      }),
    );
  });
});
