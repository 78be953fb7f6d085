import { describe, expect, it } from 'vitest';
import { at } from './test-fixtures.ts';
import { DAY, daysInMonth, isoOf, monthOf, nominalWindowSeconds, periodsCovering, quarterOf, reportPeriodAt, secondsOf, sloWindowAt } from './periods.ts';

describe('calendar months', () => {
  it.each([
    { name: 'February 2026 has 28 days', y: 2026, m: 2, days: 28 },
    { name: 'February 2028 (a leap year) has 29 days', y: 2028, m: 2, days: 29 },
    { name: 'February 2100 (divisible by 100, not 400) has 28 days', y: 2100, m: 2, days: 28 },
    { name: 'February 2000 (divisible by 400) has 29 days', y: 2000, m: 2, days: 29 },
    { name: 'April has 30 days', y: 2026, m: 4, days: 30 },
    { name: 'October has 31 days', y: 2026, m: 10, days: 31 },
    { name: 'December has 31 days', y: 2026, m: 12, days: 31 },
  ])('$name', ({ y, m, days }) => {
    expect(daysInMonth(y, m)).toBe(days);
    const p = monthOf(Date.UTC(y, m - 1, 15) / 1000);
    expect((p.to - p.from) / DAY).toBe(days);
  });

  it('the month of a time is keyed YYYY-MM and half-open', () => {
    const p = monthOf(at('2026-10-03T09:12:00Z'));
    expect(p).toEqual({ kind: 'month', key: '2026-10', from: at('2026-10-01T00:00:00Z'), to: at('2026-11-01T00:00:00Z') });
    expect(monthOf(at('2026-11-01T00:00:00Z')).key).toBe('2026-11');
    expect(monthOf(at('2026-10-31T23:59:59Z')).key).toBe('2026-10');
  });

  it('timestamps with an offset are placed by their UTC instant', () => {
    expect(monthOf(secondsOf('2026-11-01T01:00:00+02:00')).key).toBe('2026-10');
  });
});

describe('calendar quarters', () => {
  it.each([
    { name: 'Q1 2026 runs from January 1 to April 1 (90 days)', t: '2026-02-14T00:00:00Z', key: '2026-Q1', from: '2026-01-01', to: '2026-04-01', days: 90 },
    { name: 'Q1 2028 has 91 days in a leap year', t: '2028-03-31T23:59:59Z', key: '2028-Q1', from: '2028-01-01', to: '2028-04-01', days: 91 },
    { name: 'Q2 starts exactly on April 1', t: '2026-04-01T00:00:00Z', key: '2026-Q2', from: '2026-04-01', to: '2026-07-01', days: 91 },
    { name: 'Q3 has 92 days', t: '2026-09-30T12:00:00Z', key: '2026-Q3', from: '2026-07-01', to: '2026-10-01', days: 92 },
    { name: 'Q4 ends at the new year', t: '2026-12-31T23:59:59Z', key: '2026-Q4', from: '2026-10-01', to: '2027-01-01', days: 92 },
  ])('$name', ({ t, key, from, to, days }) => {
    const q = quarterOf(at(t));
    expect(q.kind).toBe('quarter');
    expect(q.key).toBe(key);
    expect(q.from).toBe(at(`${from}T00:00:00Z`));
    expect(q.to).toBe(at(`${to}T00:00:00Z`));
    expect((q.to - q.from) / DAY).toBe(days);
  });
});

describe('periodsCovering', () => {
  it('lists every month touched by a range, whole', () => {
    const ps = periodsCovering('month', at('2026-01-15T00:00:00Z'), at('2026-03-02T00:00:00Z'));
    expect(ps.map((p) => p.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(ps[0]!.from).toBe(at('2026-01-01T00:00:00Z'));
  });
  it('does not include the month that starts exactly at the end of the range', () => {
    expect(periodsCovering('month', at('2026-10-05T00:00:00Z'), at('2026-11-01T00:00:00Z')).map((p) => p.key)).toEqual(['2026-10']);
  });
  it('lists quarters across a year boundary', () => {
    expect(periodsCovering('quarter', at('2026-11-01T00:00:00Z'), at('2027-04-02T00:00:00Z')).map((p) => p.key)).toEqual(['2026-Q4', '2027-Q1', '2027-Q2']);
  });
  it('is empty for an empty range', () => {
    expect(periodsCovering('month', 100, 100)).toEqual([]);
  });
});

describe('SLO windows', () => {
  const asOf = at('2026-10-20T12:00:00Z');
  it('a rolling 30d window ends at asOf and is 30 days long', () => {
    expect(sloWindowAt('30d', asOf)).toEqual({ from: asOf - 30 * DAY, to: asOf, lengthSeconds: 30 * DAY });
  });
  it('a rolling 4w window is 28 days long', () => {
    expect(sloWindowAt('4w', asOf).lengthSeconds).toBe(28 * DAY);
  });
  it('a calendar month window runs from the month start to asOf, with the whole month as its length', () => {
    const w = sloWindowAt('month', asOf);
    expect(w.from).toBe(at('2026-10-01T00:00:00Z'));
    expect(w.to).toBe(asOf);
    expect(w.lengthSeconds).toBe(31 * DAY);
  });
  it('a quarter window runs from the quarter start', () => {
    const w = sloWindowAt('quarter', asOf);
    expect(w.from).toBe(at('2026-10-01T00:00:00Z'));
    expect(w.lengthSeconds).toBe(92 * DAY);
  });
  it('an asOf exactly on a month boundary reports the month that just ended', () => {
    const w = sloWindowAt('month', at('2026-03-01T00:00:00Z'));
    expect(w.period?.key).toBe('2026-02');
    expect(w.lengthSeconds).toBe(28 * DAY);
    expect(reportPeriodAt('month', at('2026-03-01T00:00:01Z')).key).toBe('2026-03');
    // Half a second into March is March, not "the second before it".
    expect(reportPeriodAt('month', at('2026-03-01T00:00:00Z') + 0.5).key).toBe('2026-03');
  });
  it.each([
    { name: 'a calendar month scales alerts like 30 days', w: 'month', s: 30 * DAY },
    { name: 'a quarter scales alerts like 90 days', w: 'quarter', s: 90 * DAY },
    { name: 'a 7d window is 7 days', w: '7d', s: 7 * DAY },
  ])('$name', ({ w, s }) => {
    expect(nominalWindowSeconds(w)).toBe(s);
  });
  it('a malformed window is rejected', () => {
    expect(() => nominalWindowSeconds('30x')).toThrow(/not an SLO window/);
  });
});

describe('ISO conversions', () => {
  it('round-trips Unix seconds through ISO text', () => {
    expect(isoOf(at('2026-10-03T09:12:00Z'))).toBe('2026-10-03T09:12:00.000Z');
  });
  it('rejects malformed timestamps', () => {
    expect(() => secondsOf('yesterday')).toThrow(/not an ISO 8601/);
  });
  it('gives the same seconds for the same text on every call, and refuses malformed text every time (parsed timestamps are memoized)', () => {
    for (let k = 0; k < 3; k++) {
      expect(secondsOf('2026-11-01T01:00:00+02:00')).toBe(at('2026-10-31T23:00:00Z'));
      expect(() => secondsOf('2026-13-01T00:00:00Z')).toThrow(/not an ISO 8601/);
    }
    // More distinct timestamps than the memo keeps: it starts over and still answers each correctly.
    for (let i = 0; i < 200_010; i += 1) secondsOf(isoOf(i));
    expect(secondsOf(isoOf(7))).toBe(7);
    expect(secondsOf('2026-11-01T01:00:00+02:00')).toBe(at('2026-10-31T23:00:00Z'));
  });
  it('writes the same ISO text for the same seconds on every call, also past the memo size (isoOf is memoized)', () => {
    for (let k = 0; k < 3; k++) expect(isoOf(1790985600)).toBe('2026-10-03T00:00:00.000Z');
    expect(isoOf(1790985600.5)).toBe('2026-10-03T00:00:00.500Z');
    for (let i = 0; i < 200_010; i += 1) isoOf(i * 300);
    expect(isoOf(600)).toBe('1970-01-01T00:10:00.000Z');
    expect(isoOf(1790985600)).toBe('2026-10-03T00:00:00.000Z');
  });
});
