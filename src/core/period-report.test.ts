import { describe, expect, it } from 'vitest';
import { buildPeriodReport, periodFromSlug, periodSlug, previousPeriod, reportPeriods, sloPeriodFigures, type PeriodReportInput } from './period-report.ts';
import { monthOf, quarterOf } from './periods.ts';
import { stepEnd } from './series.ts';
import { at, constantSeries, makeIncident, makeSlo } from './test-fixtures.ts';
import { DEFAULT_SEVERITIES } from '../schemas/severity.ts';

const HOUR = 3600;
const OCT = monthOf(at('2026-10-15T00:00:00Z'));
const NOV1 = at('2026-11-01T00:00:00Z');
// Hourly steps of 1,000 events from 2026-09-01 to 2026-11-01; at 99.9% a step allows 1 bad event.
// September: 360 bad (in one step); October: 744 bad in each of the steps ending 10:00 and 11:00 on the 3rd.
const start = at('2026-09-01T01:00:00Z');
const badAt = new Map([[at('2026-09-10T05:00:00Z'), 360], [at('2026-10-03T10:00:00Z'), 744], [at('2026-10-03T11:00:00Z'), 744]]);
const series = constantSeries(start, HOUR, 1464, 1000, (i) => badAt.get(stepEnd({ start, step: HOUR }, i)) ?? 0);
const slo = makeSlo();

describe('periods of a report', () => {
  it('names months and quarters in URLs as 2026-10 and 2026-q4, and reads them back', () => {
    expect(periodSlug(OCT)).toBe('2026-10');
    expect(periodSlug(quarterOf(OCT.from))).toBe('2026-q4');
    expect(periodFromSlug('2026-q4')).toEqual(quarterOf(OCT.from));
    expect(periodFromSlug('2026-10')).toEqual(OCT);
    expect(periodFromSlug('2026-13')).toBeUndefined();
    expect(periodFromSlug('october')).toBeUndefined();
    expect(previousPeriod(quarterOf(at('2026-01-10T00:00:00Z'))).key).toBe('2025-Q4');
  });

  it('lists every month and quarter the data covers, newest first', () => {
    const p = reportPeriods(at('2026-05-01T00:00:00Z'), at('2026-11-15T00:00:00Z'));
    expect(p.month.map((x) => x.key)).toEqual(['2026-11', '2026-10', '2026-09', '2026-08', '2026-07', '2026-06', '2026-05']);
    expect(p.quarter.map((x) => x.key)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2']);
  });
});

describe('sloPeriodFigures', () => {
  it('October at 99.9% with 1,488 bad of 744,000 events: SLI 99.8%, 200% of the budget spent, 89.28 minutes of 44.64, missed', () => {
    const f = sloPeriodFigures(slo, series, OCT, NOV1);
    expect(f.total).toBe(744_000);
    expect(f.bad).toBe(1488);
    expect(f.sli).toBeCloseTo(0.998, 12);
    expect(f.allowed).toBeCloseTo(744, 9);
    expect(f.consumed).toBeCloseTo(2, 12);
    expect(f.allowedSeconds / 60).toBeCloseTo(44.64, 9);
    expect(f.consumedSeconds! / 60).toBeCloseTo(89.28, 9);
    expect(f.met).toBe(false);
    expect(f.coverage).toBe(1);
  });

  it('is computed over the calendar month whatever the SLO window, and a month to date counts only its steps so far', () => {
    const rolling28 = makeSlo({ window: '28d' });
    expect(sloPeriodFigures(rolling28, series, OCT, NOV1).consumed).toBeCloseTo(2, 12);
    // As of 2026-10-02T00:00Z only the first day of October counts (24 steps, nothing bad).
    const early = sloPeriodFigures(slo, series, OCT, at('2026-10-02T00:00:00Z'));
    expect(early.total).toBe(24_000);
    expect(early.consumed).toBe(0);
    expect(early.met).toBe(true);
    expect(early.allowedSeconds / 60).toBeCloseTo(44.64, 9);
  });

  it('follows the declared method: a timeslices SLO spends 2 bad hourly slices of 744 against 0.1%', () => {
    const ts = makeSlo({ budgeting: { method: 'timeslices', slice: '1h' } });
    const f = sloPeriodFigures(ts, series, OCT, NOV1);
    expect(f.sli).toBeCloseTo(742 / 744, 12);
    expect(f.consumed).toBeCloseTo(2 / 744 / 0.001, 9);
    expect(f.total).toBe(744_000);
  });

  it('counts gaps against coverage, never as good', () => {
    const gappy = constantSeries(start, HOUR, 1464, 1000, (i) => (stepEnd({ start, step: HOUR }, i) > at('2026-10-31T00:00:00Z') ? null : 0));
    const f = sloPeriodFigures(slo, gappy, OCT, NOV1);
    expect(f.coverage).toBeCloseTo(720 / 744, 12);
    expect(f.total).toBe(720_000);
  });
});

const incidents = [
  makeIncident({
    id: 'db-down',
    title: 'Database down',
    severity: 'SEV1',
    customer_facing: true,
    started_at: '2026-10-03T09:30:00Z',
    detected_at: '2026-10-03T09:35:00Z',
    acknowledged_at: '2026-10-03T09:40:00Z',
    mitigated_at: '2026-10-03T10:30:00Z',
    resolved_at: '2026-10-03T11:00:00Z',
  }),
  // Started in September: not one of October's incidents, but its October hour is degradation in October.
  makeIncident({ id: 'slow', severity: 'SEV3', customer_facing: true, started_at: '2026-09-30T23:00:00Z', resolved_at: '2026-10-01T01:00:00Z' }),
];
const actionItem = (status: 'open' | 'done', due: string) => ({ action: 'Fix it', owner: 'team', due, priority: 'P1' as const, status });
const input: PeriodReportInput = {
  slos: [{ slo, series }],
  incidents,
  postmortems: [
    { id: 'pm-db', title: 'Database down', status: 'published', date: '2026-10-10', incidents: ['db-down'], actionItems: [actionItem('done', '2026-10-15'), actionItem('open', '2026-10-20')] },
    { id: 'pm-draft', title: 'Draft', status: 'draft', date: '2026-10-05', incidents: ['slow'], actionItems: [actionItem('open', '2026-12-01')] },
  ],
  severities: DEFAULT_SEVERITIES,
};

describe('buildPeriodReport', () => {
  const r = buildPeriodReport(input, OCT, NOV1);

  it('gives each SLO its figures and the change against September (360 bad of 720,000: 50% spent)', () => {
    expect(r.period).toEqual({ kind: 'month', key: '2026-10', slug: '2026-10', from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' });
    expect(r.toDate).toBe(false);
    const row = r.slos[0]!;
    expect(row).toMatchObject({ id: 'checkout-availability', objective: 0.999, hasData: true });
    expect(row.previous!.consumed).toBeCloseTo(0.5, 12);
    expect(row.change.consumed).toBeCloseTo(1.5, 12);
    expect(row.change.sli).toBeCloseTo(0.998 - 0.9995, 12);
  });

  it('counts the incidents that started in the period, and the outage minutes inside it', () => {
    expect(r.incidents.ids).toEqual(['db-down']);
    expect(r.incidents.customerFacing).toBe(1);
    expect(r.incidents.bySeverity.SEV1.count).toBe(1);
    expect(r.incidents.all.mtta.median).toBe(300);
    expect(r.incidents.all.mttr.p90).toBe(5400);
    expect(r.incidents.responseTargets.SEV1).toMatchObject({ met: 1, missed: 0 });
    expect(r.incidents.outageMinutes).toEqual({ checkout: 60 });
    expect(r.incidents.partialMinutes).toEqual({ checkout: 60 });
  });

  it('names the incident that spent the budget: all 1,488 bad events, 200% of October', () => {
    expect(r.topSpenders).toEqual([
      { incident: 'db-down', title: 'Database down', severity: 'SEV1', slo: 'checkout-availability', sloName: 'Checkout availability', bad: 1488, share: expect.closeTo(2, 9), ofBad: 1 },
    ]);
  });

  it('lists the postmortems published and the action items opened, closed and overdue', () => {
    expect(r.postmortems.published.map((p) => p.id)).toEqual(['pm-db']);
    expect(r.postmortems.actionItems).toEqual({ opened: 3, closed: 1, open: 2, overdue: 1 });
  });

  it('counts an item without status as open and an item without due date never as overdue', () => {
    const bare = { action: 'Add load shedding', owner: 'agoogler' };
    const pm = { id: 'pm-book', title: 'Book', status: 'published' as const, date: '2026-10-12', incidents: ['db-down'], actionItems: [bare, { ...bare, due: '2026-10-01' }] };
    const withBook = buildPeriodReport({ ...input, postmortems: [...input.postmortems, pm] }, OCT, NOV1);
    expect(withBook.postmortems.actionItems).toEqual({ opened: 5, closed: 1, open: 4, overdue: 2 });
  });

  it('sums it up in plain sentences', () => {
    expect(r.summary).toEqual([
      '1 of 1 SLOs missed their objective.',
      'Checkout availability spent 200% of its error budget, 100% of it during Database down (db-down).',
      '1 incident started (1 SEV1), 1 of them customer-facing.',
      '60 minutes of full outage and 60 minutes of partial degradation, summed over services.',
      '1 of 1 incidents with a known acknowledgement met their response target.',
      '1 postmortem published; 1 action item overdue.',
    ]);
  });

  it('marks a running period "to date" and says "so far"; an SLO without data has no figures', () => {
    const q = buildPeriodReport({ ...input, slos: [{ slo, series: null }, { slo: makeSlo({ id: 'other' }), series }] }, quarterOf(OCT.from), at('2026-10-20T00:00:00Z'));
    expect(q.toDate).toBe(true);
    expect(q.evaluated.to).toBe('2026-10-20T00:00:00.000Z');
    expect(q.slos[0]).toMatchObject({ hasData: false, figures: null, previous: null, change: { sli: null, consumed: null } });
    expect(q.summary[0]).toBe('1 of 1 SLOs missed their objective so far.');
  });

  it('says so when nothing happened', () => {
    const empty = buildPeriodReport({ slos: [], incidents: [], postmortems: [], severities: DEFAULT_SEVERITIES }, OCT, NOV1);
    expect(empty.services).toEqual([]);
    const tiers = [{ id: 'b', name: 'B', tier: 2, owner: 'x' }, { id: 'a', name: 'Z', tier: 1 }, { id: 'c', name: 'A', tier: 2 }];
    // Tier first, then name; only id, name and tier are kept.
    expect(buildPeriodReport({ services: tiers, slos: [], incidents: [], postmortems: [], severities: DEFAULT_SEVERITIES }, OCT, NOV1).services).toEqual([
      { id: 'a', name: 'Z', tier: 1 },
      { id: 'c', name: 'A', tier: 2 },
      { id: 'b', name: 'B', tier: 2 },
    ]);
    expect(empty.summary).toEqual(['No SLO has data for this period.', 'No incident started in this period.', '0 minutes of full outage and 0 minutes of partial degradation, summed over services.', '0 postmortems published; 0 action items overdue.']);
    const ok = buildPeriodReport({ ...input, slos: [{ slo, series: constantSeries(start, HOUR, 1464, 1000) }] }, OCT, NOV1);
    expect(ok.summary[0]).toBe('All 1 SLOs met their objective.');
  });
});

describe('buildPeriodReport with more going on', () => {
  // A second SLO on search that misses October with no incident of its own.
  const search = makeSlo({ id: 'search-availability', service: 'search', name: 'Search availability' });
  const searchSeries = constantSeries(start, HOUR, 1464, 1000, (i) => (stepEnd({ start, step: HOUR }, i) === at('2026-10-20T05:00:00Z') ? 1000 : 0));
  const more: PeriodReportInput = {
    ...input,
    slos: [{ slo, series }, { slo: search, series: searchSeries }, { slo: makeSlo({ id: 'checkout-copy', name: 'Checkout copy' }), series }],
    incidents: [
      ...incidents,
      makeIncident({ id: 'also', title: 'Also at 09:30', severity: 'SEV4', started_at: '2026-10-03T09:30:00Z', resolved_at: '2026-10-03T09:45:00Z' }),
      makeIncident({ id: 'open', title: 'Still open', severity: 'SEV2', customer_facing: true, status: 'investigating', services: ['search'], started_at: '2026-10-31T23:00:00Z', resolved_at: undefined }),
    ],
    postmortems: [...input.postmortems, { id: 'pm-a', title: 'Another', status: 'published', date: '2026-10-10', incidents: ['also'], actionItems: [] }],
  };
  const r = buildPeriodReport(more, OCT, NOV1);

  it('orders incidents by start, then id; postmortems by date, then id; spenders by share', () => {
    expect(r.incidents.ids).toEqual(['also', 'db-down', 'open']);
    expect(r.postmortems.published.map((p) => p.id)).toEqual(['pm-a', 'pm-db']);
    // db-down and also share the steps ending 10:00 (also ends 09:45): 744 bad, 100% of October's budget.
    expect(r.topSpenders.map((t) => [t.incident, t.slo, t.bad])).toEqual([
      ['db-down', 'checkout-availability', 1488],
      ['db-down', 'checkout-copy', 1488],
      ['also', 'checkout-availability', 744],
      ['also', 'checkout-copy', 744],
    ]);
    expect(r.incidents.outageMinutes).toEqual({ checkout: 60 });
    expect(r.incidents.partialMinutes).toEqual({ checkout: 60, search: 60 });
  });

  it('names the most overspent SLO first, and says nothing of an incident when none spent its budget', () => {
    expect(r.summary.slice(0, 4)).toEqual([
      '3 of 3 SLOs missed their objective.',
      'Checkout availability spent 200% of its error budget, 100% of it during Database down (db-down).',
      'Checkout copy spent 200% of its error budget, 100% of it during Database down (db-down).',
      'Search availability spent 134% of its error budget.',
    ]);
  });

  it('a period before the data has SLOs without figures and no outage', () => {
    const before = buildPeriodReport(more, monthOf(at('2026-08-10T00:00:00Z')), NOV1);
    expect(before.slos[0]).toMatchObject({ hasData: false, previous: null });
    expect(before.slos[0]!.figures).toMatchObject({ sli: null, met: null, consumed: null, consumedSeconds: null, total: 0 });
    expect(before.incidents).toMatchObject({ ids: [], outageMinutes: {}, partialMinutes: {}, totalOutageMinutes: 0 });
    expect(before.topSpenders).toEqual([]);
  });
});
