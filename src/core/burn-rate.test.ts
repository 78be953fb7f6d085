import { describe, expect, it } from 'vitest';
import { DAY } from './periods.ts';
import fc from 'fast-check';
import { BURN_WINDOWS, burnRate, burnRateAt, burnRateSeries, burnRateValue, burnCut, currentBurnRates, mayBurnAbove, timeToExhaustion, windowBurnAt, windowSteps } from './burn-rate.ts';
import { errorRatioAllowed } from './budget.ts';
import { compliance } from './compliance.ts';
import { buildSeries } from './series.ts';
import { constantSeries, makeSlo } from './test-fixtures.ts';

const step = 300;

describe('burnRate', () => {
  it.each([
    { name: '1% errors against 99.9% burns at 10x', good: 990, total: 1000, objective: 99.9, burn: 10 },
    { name: '0.5% errors against 99.9% burns at 5x', good: 995, total: 1000, objective: 99.9, burn: 5 },
    { name: 'errors exactly at the objective burn at 1x', good: 999, total: 1000, objective: 99.9, burn: 1 },
    { name: 'no errors burn at 0x', good: 1000, total: 1000, objective: 99.9, burn: 0 },
    { name: '100% errors against 99.9% burn at 1000x', good: 0, total: 1000, objective: 99.9, burn: 1000 },
  ])('$name', ({ good, total, objective, burn }) => {
    expect(burnRate(objective, good, total)).toBeCloseTo(burn, 9);
  });
  it('is null with no events', () => {
    expect(burnRate(99.9, 0, 0)).toBeNull();
  });
  it('rounds windows to whole steps, at least one', () => {
    expect(windowSteps(300, 3600)).toBe(12);
    expect(windowSteps(300, 60)).toBe(1);
    expect(windowSteps(300, 1000)).toBe(3);
  });
});

describe('windowBurnAt', () => {
  it('gives, step by step, exactly the value burnRateSeries holds there (NaN without events)', () => {
    const point = fc.option(fc.tuple(fc.nat(500), fc.nat(50)), { nil: null });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 20 }), (pts, k) => {
        const s = buildSeries({ start: 0, step, series: { total: pts.map((p) => (p === null ? null : p[0] + p[1])), bad: pts.map((p) => (p === null ? null : p[1])) } });
        const whole = burnRateSeries(s, 99.5, k);
        for (let i = 0; i < pts.length; i++) expect(Object.is(windowBurnAt(s, errorRatioAllowed(99.5), k, i), whole[i])).toBe(true);
      }),
    );
  });

  it('burns 2 bad of 1,000 events against 99.9% at 2x over the window ending at the step', () => {
    const s = buildSeries({ start: 0, step, series: { total: [0, 500, 500], bad: [0, 2, 0] } });
    expect(windowBurnAt(s, errorRatioAllowed(99.9), 2, 2)).toBeCloseTo(2, 9);
    expect(windowBurnAt(s, errorRatioAllowed(99.9), 1, 0)).toBeNaN();
  });
});

describe('mayBurnAbove', () => {
  it('2 bad of 1,000 against 99.9% may burn above 1.5 (and, within the margin, above 2: the burn is exactly 2), not above 2.5', () => {
    const s = buildSeries({ start: 0, step, series: { total: [500, 500], bad: [2, 0] } });
    const ratio = errorRatioAllowed(99.9);
    expect(mayBurnAbove(s, 2, 1, burnCut(1.5, ratio))).toBe(true);
    expect(mayBurnAbove(s, 2, 1, burnCut(2, ratio))).toBe(true);
    expect(mayBurnAbove(s, 2, 1, burnCut(2.5, ratio))).toBe(false);
    expect(windowBurnAt(s, ratio, 2, 1)).toBeCloseTo(2, 12);
  });

  it('never rules out a window whose burn rate is above the threshold, with fractional counts on large prefix sums', () => {
    const point = fc.option(fc.tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { nil: null });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 12 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.constantFrom(99, 99.5, 99.9, 99.99), (pts, k, burn, objective) => {
        const total = [1e12, ...pts.map((p) => (p === null ? null : p[0]))];
        const bad = [3e9, ...pts.map((p) => (p === null ? null : p[0] * p[1]))];
        const s = buildSeries({ start: 0, step, series: { total, bad } });
        const ratio = errorRatioAllowed(objective);
        const cut = burnCut(burn, ratio);
        for (let i = 0; i < s.length; i++) {
          const exact = windowBurnAt(s, ratio, k, i);
          if (exact > burn) expect(mayBurnAbove(s, k, i, cut)).toBe(true);
        }
      }),
    );
  });
});

describe('burnRateSeries', () => {
  it('computes a trailing window at every step, truncated at the start, NaN where there are no events', () => {
    const s = buildSeries({ start: 0, step, series: { total: [1000, 1000, 0, 1000], bad: [10, 0, 0, 0] } });
    const b = burnRateSeries(s, 99.9, 2);
    expect(b[0]).toBeCloseTo(10, 9);
    expect(b[1]).toBeCloseTo(5, 9);
    expect(b[2]).toBe(0);
    expect(b[3]).toBe(0);
    const one = burnRateSeries(s, 99.9, 1);
    expect(burnRateValue(one, 2)).toBeNull();
    expect(burnRateValue(one, 0)).toBeCloseTo(10, 9);
    expect(burnRateValue(one, 99)).toBeNull();
  });

  it('equals the naive window computation at every step', () => {
    const point = fc.option(fc.tuple(fc.nat(500), fc.nat(50)), { nil: null });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 20 }), (pts, k) => {
        const s = buildSeries({ start: 0, step, series: { total: pts.map((p) => (p === null ? null : p[0] + p[1])), bad: pts.map((p) => (p === null ? null : p[1])) } });
        const fast = burnRateSeries(s, 99.5, k);
        for (let i = 0; i < pts.length; i++) {
          let bad = 0;
          let total = 0;
          for (let j = Math.max(0, i - k + 1); j <= i; j++) {
            const p = pts[j];
            if (p !== null && p !== undefined) {
              total += p[0] + p[1];
              bad += p[1];
            }
          }
          const naive = total > 0 ? bad / total / 0.005 : null;
          const v = burnRateValue(fast, i);
          if (naive === null ? v !== null : v === null || Math.abs(v - naive) > 1e-9 * Math.max(1, naive)) return false;
        }
        return true;
      }),
    );
  });

  it('over the whole window, burn rate x (1 - objective) = 1 - SLI', () => {
    const objective = fc.constantFrom(90, 99, 99.5, 99.9, 99.95, 99.99);
    const point = fc.option(fc.tuple(fc.nat(10_000), fc.nat(100)), { nil: null });
    fc.assert(
      fc.property(objective, fc.array(point, { minLength: 1, maxLength: 100 }), (obj, pts) => {
        const s = buildSeries({ start: 0, step, series: { total: pts.map((p) => (p === null ? null : p[0] + p[1])), bad: pts.map((p) => (p === null ? null : p[1])) } });
        const asOf = (pts.length - 1) * step;
        const c = compliance(makeSlo({ objective: obj }), s, asOf - pts.length * step, asOf);
        const b = burnRateAt(s, obj, pts.length * step, asOf);
        const whole = burnRateValue(burnRateSeries(s, obj, pts.length), pts.length - 1);
        if (c.sli === null) return b === null && whole === null;
        return Math.abs(b! * ((100 - obj) / 100) - (1 - c.sli)) < 1e-9 && Math.abs(whole! - b!) < 1e-9 * Math.max(1, b!);
      }),
    );
  });
});

describe('current burn rates', () => {
  it('reads every standard window at asOf', () => {
    // 3 days of steady 1000/step; the last hour has 2% errors.
    const n = 3 * 288;
    const s = constantSeries(step, step, n, 1000, (i) => (i >= n - 12 ? 20 : 0));
    const asOf = n * step;
    const r = currentBurnRates(s, 99.9, asOf);
    expect(Object.keys(r)).toEqual(Object.keys(BURN_WINDOWS));
    expect(r['5m']).toBeCloseTo(20, 9);
    expect(r['1h']).toBeCloseTo(20, 9);
    expect(r['2h']).toBeCloseTo(10, 9);
    expect(r['1d']).toBeCloseTo(20 / 24, 9);
    expect(r['3d']).toBeCloseTo(20 / 72, 9);
  });
  it('is null where the window has no data', () => {
    const s = constantSeries(step, step, 10, 1000);
    expect(currentBurnRates(s, 99.9, 100 * DAY)['1h']).toBeNull();
  });
});

describe('timeToExhaustion', () => {
  const W = 30 * DAY;
  it.each([
    { name: '60% left of a 30-day budget at 2x lasts 9 days', r: 0.6, b: 2, h: W, out: { state: 'in', seconds: 9 * DAY } },
    { name: 'a full 30-day budget at 14.4x lasts 50 hours', r: 1, b: 14.4, h: W, out: { state: 'in', seconds: 50 * 3600 } },
    { name: 'half a 30-day budget at 1x lasts 15 days', r: 0.5, b: 1, h: W, out: { state: 'in', seconds: 15 * DAY } },
    { name: 'an exhausted budget is already exhausted, at any burn', r: 0, b: 3, h: W, out: { state: 'exhausted', seconds: null } },
    { name: 'an overspent budget is already exhausted even at 0x', r: -0.5, b: 0, h: W, out: { state: 'exhausted', seconds: null } },
    { name: 'an overspent budget is already exhausted without a burn rate', r: -0.5, b: null, h: W, out: { state: 'exhausted', seconds: null } },
    { name: 'no burn is not at this rate', r: 0.5, b: 0, h: W, out: { state: 'not-at-this-rate', seconds: null } },
    { name: 'a budget that outlasts the rolling window is not at this rate', r: 0.9, b: 0.5, h: W, out: { state: 'not-at-this-rate', seconds: null } },
    { name: 'a calendar month with 15 days left at 0.4x: not before the budget resets', r: 0.5, b: 0.4, h: 15 * DAY, out: { state: 'not-at-this-rate', seconds: null } },
    { name: 'an unknown burn rate gives no estimate', r: 0.5, b: null, h: W, out: { state: 'unknown', seconds: null } },
    { name: 'an unknown budget gives no estimate', r: null, b: 2, h: W, out: { state: 'unknown', seconds: null } },
  ])('$name', ({ r, b, h, out }) => {
    const t = timeToExhaustion(r, b, W, h);
    expect(t.state).toBe(out.state);
    if (out.seconds === null) expect(t.seconds).toBeNull();
    else expect(t.seconds).toBeCloseTo(out.seconds, 6);
  });
  it('exactly at the horizon still exhausts within it', () => {
    expect(timeToExhaustion(0.5, 1, W, 15 * DAY)).toEqual({ state: 'in', seconds: 15 * DAY });
  });
});
