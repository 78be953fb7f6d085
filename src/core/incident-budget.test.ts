import { beforeEach, describe, expect, it } from 'vitest';
import { incidentBudget, incidentPeriodKind } from './incident-budget.ts';
import { buildSeries, type Series } from './series.ts';
import { at, constantSeries, makeIncident, makeSlo } from './test-fixtures.ts';
import { isoOf } from './periods.ts';

const step = 300;
const OCT = at('2026-10-01T00:00:00Z');
const NOV = at('2026-11-01T00:00:00Z');
const stepsInOct = (31 * 86_400) / step; // 8,928

describe('incidentBudget', () => {
  const slo = makeSlo({ window: 'month' });
  // October, 1000 events per 5-minute step: 8,928,000 events, 99.9% allows 8,928 bad.
  // Outage: steps ending 10:05..10:20 on Oct 3 hold 1000 bad each (4,000 bad).
  const first = (at('2026-10-03T10:05:00Z') - OCT) / step;
  let series: Series;
  beforeEach(() => {
    series = constantSeries(OCT + step, step, stepsInOct, 1000, (i) => (i >= first - 1 && i < first + 3 ? 1000 : 0));
  });
  const asOf = NOV;

  it('spends the share of the month budget that the incident bad events make up', () => {
    const inc = makeIncident({ id: 'sev2', started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T10:20:00Z' });
    const r = incidentBudget(slo, series, [inc], asOf);
    expect(r.shares).toHaveLength(1);
    const s = r.shares[0]!;
    expect(s).toMatchObject({ incident: 'sev2', severity: 'SEV2', slo: 'checkout-availability', period: '2026-10', bad: 4000 });
    expect(s.allowed).toBeCloseTo(8928, 6);
    expect(s.share).toBeCloseTo(4000 / 8928, 9);
    expect(r.periods).toHaveLength(1);
    expect(r.periods[0]).toMatchObject({ period: '2026-10', bad: 4000, incidentBad: 4000, outsideBad: 0, total: 8_928_000 });
    expect(r.periods[0]!.outsideShare).toBe(0);
  });

  it('is computed once per series, incident list, SLO, period kind and asOf, and recomputed when one of them differs', () => {
    const incidents = [makeIncident({ id: 'sev2', started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T10:20:00Z' })];
    const r = incidentBudget(slo, series, incidents, asOf);
    expect(incidentBudget({ ...slo }, series, incidents, asOf)).toBe(r);
    const quarter = incidentBudget({ ...slo, window: 'quarter' }, series, incidents, asOf);
    expect(quarter).not.toBe(r);
    expect(quarter.periods[0]!.period).toBe('2026-Q4');
    const earlier = incidentBudget(slo, series, incidents, at('2026-10-03T10:10:00Z'));
    expect(earlier.shares[0]!.bad).toBe(2000);
    const other = incidentBudget(slo, series, [...incidents], asOf);
    expect(other).not.toBe(r);
    expect(other).toEqual(r);
    expect(incidentBudget({ ...slo, objective: 99 }, series, incidents, asOf).shares[0]!.allowed).toBeCloseTo(89_280, 6);
  });

  it('merges overlapping incidents for the outside-incident remainder, while each incident keeps its own share', () => {
    const a = makeIncident({ id: 'a', started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T10:15:00Z' });
    const b = makeIncident({ id: 'b', started_at: '2026-10-03T10:05:00Z', resolved_at: '2026-10-03T10:10:00Z' });
    const r = incidentBudget(slo, series, [b, a], asOf);
    expect(r.shares.map((s) => [s.incident, s.bad])).toEqual([
      ['a', 3000],
      ['b', 1000],
    ]);
    expect(r.periods[0]).toMatchObject({ bad: 4000, incidentBad: 3000, outsideBad: 1000 });
    expect(r.periods[0]!.outsideShare).toBeCloseTo(1000 / 8928, 9);
  });

  it('a step shared by two separate incidents counts once in the remainder', () => {
    const a = makeIncident({ id: 'a', started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T10:01:00Z' });
    const b = makeIncident({ id: 'b', started_at: '2026-10-03T10:03:00Z', resolved_at: '2026-10-03T10:04:00Z' });
    const r = incidentBudget(slo, series, [a, b], asOf);
    expect(r.shares.map((s) => s.bad)).toEqual([1000, 1000]);
    expect(r.periods[0]!.incidentBad).toBe(1000);
  });

  it('ignores incidents of other services and runs open incidents to asOf', () => {
    const other = makeIncident({ id: 'other', services: ['search'] });
    const open = makeIncident({ id: 'open', status: 'investigating', started_at: '2026-10-03T10:10:00Z', resolved_at: undefined });
    const r = incidentBudget(slo, series, [other, open], asOf);
    expect(r.shares.map((s) => [s.incident, s.bad, s.to])).toEqual([['open', 2000, NOV]]);
  });

  it('as of a time before the data ends, the months after asOf are not reported', () => {
    // October and November of data, seen as of October 20: October only, to Oct 20.
    const s = constantSeries(OCT + step, step, stepsInOct + 8640, 1000, () => 1);
    const r = incidentBudget(slo, s, [], at('2026-10-20T00:00:00Z'));
    expect(r.periods.map((p) => [p.period, p.from, p.to, p.bad])).toEqual([['2026-10', OCT, at('2026-10-20T00:00:00Z'), 19 * 288]]);
  });

  it('two incidents a minute apart in one 5-minute step count that step once, and every later step of the longer one', () => {
    // a 10:00-10:02 claims the step ending 10:05; b 10:03-10:15 claims the steps ending 10:05, 10:10, 10:15.
    const a = makeIncident({ id: 'a', started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T10:02:00Z' });
    const b = makeIncident({ id: 'b', started_at: '2026-10-03T10:03:00Z', resolved_at: '2026-10-03T10:15:00Z' });
    const r = incidentBudget(slo, series, [a, b], asOf);
    expect(r.shares.map((x) => [x.incident, x.bad])).toEqual([
      ['a', 1000],
      ['b', 3000],
    ]);
    expect(r.periods.map((p) => [p.bad, p.incidentBad, p.outsideBad])).toEqual([[4000, 3000, 1000]]);
  });

  it('splits an incident across the months it spans, each against its own month budget', () => {
    // 2 months of 1000/step with 1 bad per step; an incident from Oct 31 23:00 to Nov 1 01:00.
    const n = stepsInOct + (30 * 86_400) / step;
    const s = constantSeries(OCT + step, step, n, 1000, () => 1);
    const inc = makeIncident({ started_at: '2026-10-31T23:00:00Z', resolved_at: '2026-11-01T01:00:00Z' });
    const r = incidentBudget(slo, s, [inc], at('2026-12-01T00:00:00Z'));
    expect(r.shares.map((x) => [x.period, x.bad])).toEqual([
      ['2026-10', 12],
      ['2026-11', 12],
    ]);
    expect(r.shares[1]!.allowed).toBeCloseTo(8640, 6);
    expect(r.periods.map((p) => [p.period, p.bad, p.incidentBad, p.outsideBad])).toEqual([
      ['2026-10', stepsInOct, 12, stepsInOct - 12],
      ['2026-11', 8640, 12, 8640 - 12],
    ]);
  });

  it('sums separate incidents once each in the remainder, orders ties by id, and skips months an incident does not touch', () => {
    const n = stepsInOct + (30 * 86_400) / step;
    const s = constantSeries(OCT + step, step, n, 1000, () => 1);
    const x = makeIncident({ id: 'x', started_at: '2026-10-10T00:00:00Z', resolved_at: '2026-10-10T01:00:00Z' });
    const w = makeIncident({ id: 'w', started_at: '2026-10-10T00:00:00Z', resolved_at: '2026-10-10T00:30:00Z' });
    const y = makeIncident({ id: 'y', started_at: '2026-10-20T00:00:00Z', resolved_at: '2026-10-20T02:00:00Z' });
    const r = incidentBudget(slo, s, [y, x, w], at('2026-12-01T00:00:00Z'));
    expect(r.shares.map((v) => [v.incident, v.period, v.bad])).toEqual([
      ['w', '2026-10', 6],
      ['x', '2026-10', 12],
      ['y', '2026-10', 24],
    ]);
    expect(r.periods.map((p) => [p.period, p.incidentBad])).toEqual([
      ['2026-10', 36],
      ['2026-11', 0],
    ]);
  });

  it('uses the quarter for quarterly SLOs and the calendar month for rolling windows', () => {
    expect(incidentPeriodKind('quarter')).toBe('quarter');
    expect(incidentPeriodKind('month')).toBe('month');
    expect(incidentPeriodKind('30d')).toBe('month');
    const inc = makeIncident({ started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T10:20:00Z' });
    expect(incidentBudget(makeSlo({ window: 'quarter' }), series, [inc], asOf).shares[0]!.period).toBe('2026-Q4');
    expect(incidentBudget(makeSlo({ window: '28d' }), series, [inc], asOf).shares[0]!.period).toBe('2026-10');
  });

  it('a period with no traffic has null shares, and an empty series has nothing', () => {
    const quiet = constantSeries(OCT + step, step, 10, 0);
    const inc = makeIncident({ started_at: isoOf(OCT), resolved_at: isoOf(OCT + 3000) });
    const r = incidentBudget(slo, quiet, [inc], OCT + 3000);
    expect(r.shares[0]!.share).toBeNull();
    expect(r.periods[0]!.incidentShare).toBeNull();
    expect(incidentBudget(slo, buildSeries({ start: 0, step, series: { total: [], good: [] } }), [inc], asOf)).toEqual({ shares: [], periods: [] });
  });
});
