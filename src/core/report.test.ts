import { describe, expect, it } from 'vitest';
import { DAY } from './periods.ts';
import { DEFAULT_SEVERITIES } from '../schemas/severity.ts';
import { buildIncidentMetrics, buildSloReport, INCIDENT_METRICS_SCHEMA, objectiveFraction, SLO_REPORT_SCHEMA } from './report.ts';
import { buildSeries } from './series.ts';
import { at, constantSeries, makeIncident, makeSlo } from './test-fixtures.ts';

const step = 300;
const OCT = at('2026-10-01T00:00:00Z');
const NOV = at('2026-11-01T00:00:00Z');
const stepsInOct = (31 * DAY) / step;

/** Fails on NaN, Infinity and undefined anywhere: JSON must round-trip exactly. */
function expectJsonSafe(value: unknown): void {
  const walk = (v: unknown, path: string): void => {
    if (v === undefined) throw new Error(`undefined at ${path}`);
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`${v} at ${path}`);
    if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(value, '$');
  expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);
}

describe('buildSloReport', () => {
  it('reports a 30d SLO burning a quarter of its budget', () => {
    // 31 days of 4,000 events per step with 1 bad: error ratio 0.00025 against 0.001 -> burn 0.25.
    const series = constantSeries(OCT + step, step, stepsInOct, 4000, () => 1);
    const r = buildSloReport(makeSlo(), series, NOV);
    expect(r).toMatchObject({
      schema: SLO_REPORT_SCHEMA,
      id: 'checkout-availability',
      service: 'checkout',
      name: 'Checkout availability',
      window: '30d',
      asOf: '2026-11-01T00:00:00.000Z',
      from: '2026-10-02T00:00:00.000Z',
      to: '2026-11-01T00:00:00.000Z',
      windowSeconds: 30 * DAY,
      total: 8640 * 4000,
      bad: 8640,
      coverage: 1,
      partial: false,
      lowTraffic: false,
      status: 'green',
      data: { step, steps: stepsInOct, start: '2026-10-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z', missingSteps: 0, clampedPoints: 0 },
      alerts: [],
      alertCoverage: { slackSeconds: 1800, incidents: [], alertsWithoutIncident: [] },
      incidentBudget: [],
    });
    expect(r.objective).toBeCloseTo(0.999, 12);
    expect(r.sli).toBeCloseTo(0.99975, 12);
    expect(r.budget).toMatchObject({ method: 'occurrences', unit: 'events', counted: 8640 * 4000, bad: 8640 });
    expect(r.budget.allowed).toBeCloseTo(34_560, 6);
    expect(r.budget.consumed).toBeCloseTo(0.25, 9);
    expect(r.budget.remaining).toBeCloseTo(0.75, 9);
    expect(r.budget.allowedSeconds / 60).toBeCloseTo(43.2, 9);
    expect(r.budget.spentSeconds! / 60).toBeCloseTo(10.8, 9);
    for (const w of ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const) expect(r.burnRates[w]).toBeCloseTo(0.25, 9);
    // 0.75 x 30 d / 0.25 = 90 days: longer than the 30-day window, so not at this rate.
    expect(r.timeToExhaustion).toEqual({ '1h': { state: 'not-at-this-rate', seconds: null }, '1d': { state: 'not-at-this-rate', seconds: null } });
    // The rolling budget as of each midnight of the window, then asOf: 75% throughout, ending at the headline.
    expect(r.budgetHistory.kind).toBe('rolling');
    expect(r.budgetHistory.points).toHaveLength(31);
    expect(r.budgetHistory.points.at(-1)).toEqual({ t: r.asOf, remaining: r.budget.remaining });
    expect(r.alertRules.map((a) => a.threshold)).toEqual([14.4, 6, 3, 1]);
    expect(r.methods.occurrences.sli).toBeCloseTo(0.99975, 12);
    expect(r.methods.timeslices.sli).toBe(1);
    expect(r.methods['ratio-timeslices'].sli).toBeCloseTo(0.99975, 12);
    expectJsonSafe(r);
  });

  it('reports a calendar-month SLO with an outage, its alerts, the incident they caught and its budget share', () => {
    // 1000 events per step in October; 100% errors in the 4 steps ending 10:05..10:20 on Oct 3.
    const first = (at('2026-10-03T10:05:00Z') - OCT) / step;
    const series = constantSeries(OCT + step, step, stepsInOct, 1000, (i) => (i >= first - 1 && i < first + 3 ? 1000 : 0));
    const incident = makeIncident({ id: 'sev2-checkout', started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T10:20:00Z' });
    const other = makeIncident({ id: 'other', services: ['search'] });
    const r = buildSloReport(makeSlo({ window: 'month' }), series, NOV, [incident, other]);
    expect(r.from).toBe('2026-10-01T00:00:00.000Z');
    expect(r.to).toBe('2026-11-01T00:00:00.000Z');
    expect(r.windowSeconds).toBe(31 * DAY);
    expect(r.budget.allowedSeconds / 60).toBeCloseTo(44.64, 9);
    expect(r.bad).toBe(4000);
    expect(r.budget.consumed).toBeCloseTo(4000 / 8928, 9);
    expect(r.status).toBe('green');
    // The burn-down: full until Oct 3, then 1 - 4000/8928 from Oct 4 on, ending at the headline.
    expect(r.budgetHistory.kind).toBe('burndown');
    expect(r.budgetHistory.points.slice(0, 4).map((p) => [p.t, p.remaining])).toEqual([
      ['2026-10-01T00:00:00.000Z', 1],
      ['2026-10-02T00:00:00.000Z', 1],
      ['2026-10-03T00:00:00.000Z', 1],
      ['2026-10-04T00:00:00.000Z', 1 - 4000 / 8928],
    ]);
    expect(r.budgetHistory.points.at(-1)).toEqual({ t: '2026-11-01T00:00:00.000Z', remaining: r.budget.remaining });
    expect(r.alerts.map((a) => [a.alert, a.from, a.to, a.open])).toEqual([
      ['page-fast', '2026-10-03T10:05:00.000Z', '2026-10-03T10:25:00.000Z', false],
      ['page-slow', '2026-10-03T10:05:00.000Z', '2026-10-03T10:50:00.000Z', false],
      ['ticket-fast', '2026-10-03T10:05:00.000Z', '2026-10-03T12:20:00.000Z', false],
      ['ticket-slow', '2026-10-03T10:05:00.000Z', '2026-10-03T16:20:00.000Z', false],
    ]);
    expect(r.alertCoverage.incidents).toEqual([
      {
        incident: 'sev2-checkout',
        severity: 'SEV2',
        startedAt: '2026-10-03T10:00:00.000Z',
        endedAt: '2026-10-03T10:20:00.000Z',
        alerted: true,
        paged: true,
        firstAlert: 'page-fast',
        firstFiredAt: '2026-10-03T10:05:00.000Z',
        leadSeconds: 300,
      },
    ]);
    expect(r.alertCoverage.alertsWithoutIncident).toEqual([]);
    expect(r.incidentBudget).toHaveLength(1);
    expect(r.incidentBudget[0]).toMatchObject({ incident: 'sev2-checkout', severity: 'SEV2', period: '2026-10', bad: 4000, from: '2026-10-03T10:00:00.000Z' });
    expect(r.incidentBudget[0]!.share).toBeCloseTo(4000 / 8928, 9);
    // All of October's bad events fell inside the incident: nothing was spent outside it.
    expect(r.budgetByPeriod).toHaveLength(1);
    expect(r.budgetByPeriod[0]).toMatchObject({ period: '2026-10', bad: 4000, incidentBad: 4000, outsideBad: 0, outsideShare: 0 });
    expect(r.budgetByPeriod[0]!.incidentShare).toBeCloseTo(4000 / 8928, 9);
    expectJsonSafe(r);
  });

  it('a timeslices SLO is judged on its good slices, while its event counts stay events', () => {
    // 31 days of 1,000 events per 5-minute step; one step in ten has 5 bad events (0.5%).
    // Occurrences: 0.05% bad against 0.1% allowed -> half the budget left, green.
    // Timeslices (slice 5m, target 99.9%): 10% of slices fail -> SLI 0.9, budget overspent 100x, red.
    const series = constantSeries(OCT + step, step, stepsInOct, 1000, (i) => (i % 10 === 0 ? 5 : 0));
    const slo = makeSlo({ budgeting: { method: 'timeslices', slice: '5m' } });
    const r = buildSloReport(slo, series, NOV);
    const steps = (30 * DAY) / step;
    expect(r.budget).toMatchObject({ method: 'timeslices', unit: 'slices', counted: steps, bad: steps / 10 });
    expect(r.methods.occurrences.remaining).toBeCloseTo(0.5, 9);
    expect(r.sli).toBeCloseTo(0.9, 9);
    expect(r.budget.remaining).toBeCloseTo(1 - 0.1 / 0.001, 6);
    expect(r.status).toBe('red');
    // Event counts stay events; the budget counts slices: 0.1% of 8,640 slices = 8.64 allowed bad slices.
    expect(r.total).toBe(steps * 1000);
    expect(r.bad).toBe((steps / 10) * 5);
    expect(r.budget.allowed).toBeCloseTo(steps * 0.001, 9);
    expect(r.timeToExhaustion['1h']).toEqual({ state: 'exhausted', seconds: null });
    // Chart, cards and headline share the denominator: the last point is the headline.
    expect(r.budgetHistory.points.at(-1)!.remaining).toBe(r.budget.remaining);
  });

  it('projects exhaustion from the 1h and the 1d burn rate over the whole window', () => {
    // 1,000 events per step; the last day has 2 bad per step, its last hour 10: 276 x 2 + 12 x 10 = 672 bad
    // of 8,640 allowed in 30 days: 0.9222 left. 1h burn 10x: 0.9222 x 30 d / 10 = 239,040 s.
    // 1d burn 672 / 288,000 / 0.001 = 2.333x: 0.9222 x 30 d / 2.333 = 1,024,457 s (11.9 days).
    const series = constantSeries(OCT + step, step, stepsInOct, 1000, (i) => (i >= stepsInOct - 12 ? 10 : i >= stepsInOct - 288 ? 2 : 0));
    const r = buildSloReport(makeSlo(), series, NOV);
    expect(r.budget.remaining).toBeCloseTo(1 - 672 / 8640, 12);
    expect(r.timeToExhaustion['1h'].state).toBe('in');
    expect(r.timeToExhaustion['1h'].seconds).toBeCloseTo(239_040, 6);
    expect(r.timeToExhaustion['1d'].state).toBe('in');
    expect(r.timeToExhaustion['1d'].seconds).toBeCloseTo(((1 - 672 / 8640) * 30 * DAY) / (672 / 288), 6);
  });

  it('in a calendar month, a budget that lasts past the end of the month is not exhausted at this rate', () => {
    // October 1-20, 1,000 events per step, 2 bad per step on the 19th: 576 bad of 5,472 allowed so
    // far, 0.8947 left. At the 1d burn of 2x it would last 0.8947 x 31 d / 2 = 13.9 days, but the
    // month ends in 12: the budget resets first.
    const series = constantSeries(OCT + step, step, 19 * 288, 1000, (i) => (i >= 18 * 288 ? 2 : 0));
    const r = buildSloReport(makeSlo({ window: 'month' }), series, at('2026-10-20T00:00:00Z'));
    expect(r.budget.remaining).toBeCloseTo(1 - 576 / 5472, 12);
    expect(r.burnRates['1d']).toBeCloseTo(2, 12);
    expect(r.timeToExhaustion['1d']).toEqual({ state: 'not-at-this-rate', seconds: null });
  });

  it('an SLO with no traffic has a null SLI, null status and null burn rates, never 100%', () => {
    const series = constantSeries(OCT + step, step, stepsInOct, 0);
    const r = buildSloReport(makeSlo(), series, NOV);
    expect(r.sli).toBeNull();
    expect(r.status).toBeNull();
    expect(r.budget).toMatchObject({ allowed: 0, consumed: null, remaining: null, spentSeconds: null });
    expect(Object.values(r.burnRates).every((b) => b === null)).toBe(true);
    expect(r.timeToExhaustion).toEqual({ '1h': { state: 'unknown', seconds: null }, '1d': { state: 'unknown', seconds: null } });
    expect(r.lowTraffic).toBe(true);
    expect(r.coverage).toBe(1);
    expect(r.methods.timeslices.sli).toBeNull();
    expectJsonSafe(r);
  });

  it('a young SLO with gaps and counter resets is partial, with its missing and clamped points reported', () => {
    // 10 days of data inside a 30d window; one null step and one good > total.
    const n = 10 * 288;
    const total: (number | null)[] = Array.from({ length: n }, () => 100);
    const good: (number | null)[] = Array.from({ length: n }, () => 100);
    total[5] = null;
    good[6] = 150;
    const r = buildSloReport(makeSlo(), { start: NOV - (n - 1) * step, step, series: { total, good } }, NOV);
    expect(r.partial).toBe(true);
    expect(r.coverage).toBeCloseTo((n - 1) / 8640, 12);
    expect(r.data).toMatchObject({ missingSteps: 1, clampedPoints: 1 });
    expect(r.sli).toBe(1);
    expect(r.status).toBe('green');
    expect(r.timeToExhaustion).toEqual({ '1h': { state: 'not-at-this-rate', seconds: null }, '1d': { state: 'not-at-this-rate', seconds: null } });
    expectJsonSafe(r);
  });

  it('reports an incident that no alert caught, with null first firing', () => {
    const series = constantSeries(OCT + step, step, stepsInOct, 1000);
    const quiet = makeIncident({ id: 'quiet', started_at: '2026-10-10T10:00:00Z', resolved_at: '2026-10-10T11:00:00Z' });
    const r = buildSloReport(makeSlo(), series, NOV, [quiet]);
    expect(r.alertCoverage.incidents[0]).toMatchObject({ incident: 'quiet', alerted: false, firstAlert: null, firstFiredAt: null, leadSeconds: null });
    expect(r.incidentBudget[0]).toMatchObject({ incident: 'quiet', bad: 0, share: 0 });
    expectJsonSafe(r);
  });

  describe('as of a time before the end of the data, nothing after asOf is reported', () => {
    // 100% errors from 2026-10-14T23:40Z to 01:00Z (across asOf), and again on 2026-10-20 10:00-10:20Z.
    const OCT15 = at('2026-10-15T00:00:00Z');
    const idx = (iso: string) => (at(iso) - OCT) / step - 1;
    // Built inside each test, not here, so that mutation testing attributes the code it runs to the test.
    const report = () => {
      const series = constantSeries(OCT + step, step, stepsInOct, 1000, (i) =>
        (i >= idx('2026-10-14T23:45:00Z') && i <= idx('2026-10-15T01:00:00Z')) || (i >= idx('2026-10-20T10:05:00Z') && i <= idx('2026-10-20T10:20:00Z')) ? 1000 : 0,
      );
      const across = makeIncident({ id: 'across', started_at: '2026-10-14T23:40:00Z', resolved_at: '2026-10-15T01:00:00Z' });
      const later = makeIncident({ id: 'later', started_at: '2026-10-20T10:00:00Z', resolved_at: '2026-10-20T10:20:00Z' });
      return buildSloReport(makeSlo(), series, OCT15, [across, later]);
    };

    it('alerts are replayed only up to asOf, and one firing at asOf is open there', () => {
      const r = report();
      expect(r.alerts.map((a) => [a.alert, a.from, a.to, a.open])).toEqual([
        ['page-fast', '2026-10-14T23:45:00.000Z', '2026-10-15T00:00:00.000Z', true],
        ['page-slow', '2026-10-14T23:45:00.000Z', '2026-10-15T00:00:00.000Z', true],
        ['ticket-fast', '2026-10-14T23:45:00.000Z', '2026-10-15T00:00:00.000Z', true],
        ['ticket-slow', '2026-10-14T23:45:00.000Z', '2026-10-15T00:00:00.000Z', true],
      ]);
    });

    it('an incident that starts after asOf is not listed, and one resolved after asOf is still open at asOf', () => {
      const r = report();
      expect(r.alertCoverage.incidents.map((m) => [m.incident, m.endedAt, m.alerted])).toEqual([['across', '2026-10-15T00:00:00.000Z', true]]);
      expect(r.alertCoverage.alertsWithoutIncident).toEqual([]);
      expectJsonSafe(r);
    });
  });

  it('an empty series still gives a JSON-safe report', () => {
    const r = buildSloReport(makeSlo(), buildSeries({ start: NOV, step, series: { total: [], bad: [] } }), NOV);
    expect(r.data).toEqual({ step, steps: 0, start: null, end: null, missingSteps: 0, clampedPoints: 0 });
    expect(r.sli).toBeNull();
    expectJsonSafe(r);
  });
});

describe('the report contract', () => {
  it('names its versions', () => {
    expect([SLO_REPORT_SCHEMA, INCIDENT_METRICS_SCHEMA]).toEqual(['sitrep-slo-report/v2', 'sitrep-incident-metrics/v2']);
  });
});

describe('objectiveFraction', () => {
  it('turns percentages into fractions without float noise', () => {
    expect([99.9, 99.95, 99.99, 99.999, 99.5, 95].map(objectiveFraction)).toEqual([0.999, 0.9995, 0.9999, 0.99999, 0.995, 0.95]);
  });
});

describe('buildIncidentMetrics', () => {
  it('gathers the lifecycle metrics, groupings, response targets and outage minutes', () => {
    const incidents = [
      makeIncident({
        id: 'a',
        severity: 'SEV1',
        customer_facing: true,
        started_at: '2026-10-03T10:00:00Z',
        detected_at: '2026-10-03T10:05:00Z',
        acknowledged_at: '2026-10-03T10:10:00Z',
        mitigated_at: '2026-10-03T11:00:00Z',
        resolved_at: '2026-10-03T12:00:00Z',
      }),
      makeIncident({ id: 'b', customer_facing: true, status: 'identified', started_at: '2026-10-31T23:30:00Z', resolved_at: undefined }),
    ];
    const r = buildIncidentMetrics(incidents, DEFAULT_SEVERITIES, at('2026-11-01T00:30:00Z'));
    expect(r.schema).toBe(INCIDENT_METRICS_SCHEMA);
    expect(r.asOf).toBe('2026-11-01T00:30:00.000Z');
    expect(r.count).toBe(2);
    expect(r.unresolved).toEqual(['b']);
    expect(r.mttr).toEqual({ count: 1, mean: 7200, median: 7200, p90: 7200, max: 7200 });
    expect(r.mttd.count).toBe(1);
    // From a's recovery (mitigated Oct 3 11:00) to b's start (Oct 31 23:30).
    expect(r.mtbf.mean).toBe(28 * DAY + 12.5 * 3600);
    expect(r.bySeverity.SEV1.count).toBe(1);
    expect(Object.keys(r.byService)).toEqual(['checkout']);
    expect(Object.keys(r.byMonth)).toEqual(['2026-10']);
    expect(r.responseTargets.SEV1).toEqual({ target: '15m', count: 1, met: 1, missed: 0, unknown: 0 });
    expect(r.responseTargets.SEV2).toEqual({ target: '1h', count: 1, met: 0, missed: 0, unknown: 1 });
    // a is a customer-facing SEV1 (a full outage by default), b a customer-facing SEV2 (partial).
    expect(r.outageMinutes).toEqual({ checkout: { '2026-10': 60 } });
    expect(r.partialMinutes).toEqual({ checkout: { '2026-10': 30, '2026-11': 30 } });
    expectJsonSafe(r);
  });

  it('is JSON-safe with no incidents at all', () => {
    const r = buildIncidentMetrics([], DEFAULT_SEVERITIES, NOV);
    expect(r.count).toBe(0);
    expect(r.mttd.mean).toBeNull();
    expect(r.outageMinutes).toEqual({});
    expect(r.partialMinutes).toEqual({});
    expectJsonSafe(r);
  });
});
