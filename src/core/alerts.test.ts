import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alertPlan, burnCompares, relateAlerts, replayAlerts, type AlertInterval, type AlertSlo } from './alerts.ts';
import { burnRateSeries } from './burn-rate.ts';
import { buildSeries, stepEnd, type Series } from './series.ts';
import { constantSeries, makeIncident, makeSlo } from './test-fixtures.ts';
import { isoOf } from './periods.ts';

const step = 300;
const START = Date.UTC(2026, 9, 1) / 1000; // 2026-10-01T00:00Z, end of step 0

describe('alertPlan', () => {
  it('uses the workbook windows and thresholds for a 30d SLO at 5-minute steps', () => {
    expect(alertPlan(makeSlo(), step).map((p) => [p.alert, p.severity, p.threshold, p.longSteps, p.shortSteps])).toEqual([
      ['page-fast', 'page', 14.4, 12, 1],
      ['page-slow', 'page', 6, 72, 6],
      ['ticket-fast', 'ticket', 3, 288, 24],
      ['ticket-slow', 'ticket', 1, 864, 72],
    ]);
  });
  it('keeps the windows and derives the thresholds from the budget share for a 28-day SLO: 13.44x, 5.6x, 2.8x, 0.933x', () => {
    const p = alertPlan(makeSlo({ window: '28d' }), step);
    expect(p.map((x) => [x.longSteps, x.shortSteps])).toEqual([[12, 1], [72, 6], [288, 24], [864, 72]]);
    expect(p[0]!.threshold).toBe(13.44);
    expect(p[1]!.threshold).toBeCloseTo(5.6, 12);
    expect(p[2]!.threshold).toBeCloseTo(2.8, 12);
    expect(p[3]!.threshold).toBeCloseTo(28 / 30, 12);
    expect(p.map((x) => x.budgetShare)).toEqual([0.02, 0.05, 0.1, 0.1]);
  });
  it('treats a calendar month as 30 days and a quarter as 90: a quarter pages at 43.2x', () => {
    expect(alertPlan(makeSlo({ window: 'month' }), step)).toEqual(alertPlan(makeSlo(), step));
    expect(alertPlan(makeSlo({ window: 'quarter' }), step)[0]!.threshold).toBeCloseTo(43.2, 12);
  });
  it('rounds a window to whole steps, at least one: at 1-hour steps the 5-minute window is one step', () => {
    const p = alertPlan(makeSlo(), 3600)[0]!;
    expect([p.longSteps, p.shortSteps]).toEqual([1, 1]);
  });
  it('leaves out the alerts an SLO turns off (false), as Sloth\'s disable: true', () => {
    const p = alertPlan(makeSlo({ alerting: { page_fast: false, page_slow: false, ticket_slow: 2 } }), step);
    expect(p.map((x) => [x.alert, x.threshold])).toEqual([['ticket-fast', 3], ['ticket-slow', 2]]);
  });
  it("takes an SLO's own thresholds where it sets them, and states the budget share they imply", () => {
    const slo = makeSlo({ alerting: { page_fast: 20, ticket_slow: 2 } });
    const p = alertPlan(slo, step);
    expect(p.map((x) => x.threshold)).toEqual([20, 6, 3, 2]);
    expect(p[0]!.budgetShare).toBeCloseTo(20 / 720, 12);
  });
});

describe('a 28-day 99.9% SLO burning at 14.0x for 2 hours', () => {
  it('pages (page-fast) because 14.0x is above 13.44x', () => {
    const n = 1152 + 24;
    const s = constantSeries(START, step, n, 1000, (i) => (i >= 1152 ? 14 : 0));
    const alerts = replayAlerts(makeSlo({ window: '28d' }), s);
    expect(alerts.find((a) => a.alert === 'page-fast')).toMatchObject({ severity: 'page', open: true });
    // The same burn on a 30-day SLO stays below 14.4x: no fast page.
    expect(replayAlerts(makeSlo(), s).find((a) => a.alert === 'page-fast')).toBeUndefined();
  });
});

describe('the 1e-9 relative tolerance on the threshold', () => {
  // A 97% 28-day SLO pages (page-fast) above 2% x 672 h / 1 h = 13.44x. 1,008 bad of 2,500 per
  // step is 40.32% errors, exactly 13.44 x 3%; floating point computes that burn as
  // 13.440000000000001, a hair above the threshold. Strictly above means it must not page.
  const slo = makeSlo({ objective: 97, window: '28d' });
  const pageFast = (badPerStep: number) => replayAlerts(slo, constantSeries(START, step, 24, 2500, () => badPerStep)).filter((a) => a.alert === 'page-fast');

  it('a burn of exactly 13.44x that floating point puts at 13.440000000000001 does not page', () => {
    expect((1008 / 2500) / 0.03).toBe(13.440000000000001);
    expect(pageFast(1008)).toEqual([]);
  });
  it('one more bad event per step (13.453x) pages from the first step', () => {
    expect(pageFast(1009).map((a) => [a.from, a.to, a.open])).toEqual([[START, START + 23 * step, true]]);
    expect(pageFast(1009)[0]!.peakBurnRate).toBeCloseTo(1009 / 2500 / 0.03, 12);
  });
  describe('the edge itself, threshold x (1 + 1e-9), is not above it, in either window', () => {
    // Against 99.9%, 1,000,000,001 bad of 10^12 per step is 1.000000001x: exactly 1 x (1 + 1e-9) in
    // floating point, the edge of ticket-slow's 1x. ...000 is 1x and ...002 is 1.000000002x.
    const [AT, EDGE, OVER] = [1_000_000_000, 1_000_000_001, 1_000_000_002];
    const ticketSlow = (bad: (i: number) => number, n: number) => replayAlerts(makeSlo(), constantSeries(START, step, n, 1e12, bad));

    it('a 6h window exactly at the edge ends the firing, though the 3d window is still over it', () => {
      expect(EDGE / 1e12 / 0.001).toBe(1 * (1 + 1e-9));
      // 72 steps over the edge, then 72 at it: at the last step the 6h window (72 steps) is at the edge.
      const alerts = ticketSlow((i) => (i < 72 ? OVER : EDGE), 144);
      expect(alerts.map((a) => [a.alert, a.from, a.to, a.open])).toEqual([['ticket-slow', START, START + 143 * step, false]]);
    });
    it('a 3d window exactly at the edge does not fire, though the 6h window is over it', () => {
      // 864 steps (3d): 72 at 1x, 720 at the edge, 72 over it. At the last step the 3d window
      // averages exactly the edge; the 6h window (its last 72 steps) is over it.
      const alerts = ticketSlow((i) => (i < 72 ? AT : i < 792 ? EDGE : OVER), 864);
      expect(alerts).toEqual([]);
    });
  });
});

describe('replayAlerts', () => {
  const slo = makeSlo();
  const b = 900; // first bad step, after 3+ days of clean history
  const e = (i: number) => START + i * step;

  it('100% errors for 20 minutes on a 99.9% SLO fire all four alerts at the first bad step, each for as long as its short window holds a bad step', () => {
    const s = constantSeries(START, step, 1152, 1000, (i) => (i >= b && i < b + 4 ? 1000 : 0));
    const alerts = replayAlerts(slo, s);
    expect(alerts.map((a) => [a.alert, a.severity, a.from, a.to, a.open])).toEqual([
      // page-fast: 5m short window empties at the first clean step: fires 20 minutes.
      ['page-fast', 'page', e(b), e(b + 4), false],
      // page-slow: 30m short window (6 steps) holds a bad step up to step b+8.
      ['page-slow', 'page', e(b), e(b + 9), false],
      // ticket-fast: 2h short window (24 steps) holds one up to b+26; 1 bad step of 288 is 3.47x > 3.
      ['ticket-fast', 'ticket', e(b), e(b + 27), false],
      // ticket-slow: 6h short window (72 steps) up to b+74; 1 bad step of 864 is 1.16x > 1.
      ['ticket-slow', 'ticket', e(b), e(b + 75), false],
    ]);
    // Peak long-window burn: 4 bad steps of 12, 72, 288, 864, at 1000x each.
    expect(alerts[0]!.peakBurnRate).toBeCloseTo((4 / 12) * 1000, 6);
    expect(alerts[1]!.peakBurnRate).toBeCloseTo((4 / 72) * 1000, 6);
    expect(alerts[2]!.peakBurnRate).toBeCloseTo((4 / 288) * 1000, 6);
    expect(alerts[3]!.peakBurnRate).toBeCloseTo((4 / 864) * 1000, 6);
  });

  it('2% errors (20x) fire page-fast after 9 steps (45 minutes) and page-slow after 22 steps, still open at the end', () => {
    // page-fast: 1h average > 14.4x needs m/12 x 20 > 14.4, m > 8.64 -> the 9th bad step.
    // page-slow: 6h average > 6x needs m/72 x 20 > 6, m > 21.6 -> the 22nd bad step.
    const n = b + 100;
    const s = constantSeries(START, step, n, 1000, (i) => (i >= b ? 20 : 0));
    const alerts = replayAlerts(slo, s);
    const pf = alerts.find((a) => a.alert === 'page-fast')!;
    const ps = alerts.find((a) => a.alert === 'page-slow')!;
    expect(pf.from - (e(b) - step)).toBe(45 * 60);
    expect(pf).toMatchObject({ from: e(b + 8), to: e(n - 1), open: true });
    expect(pf.peakBurnRate).toBeCloseTo(20, 6);
    expect(ps.from).toBe(e(b + 21));
    expect(ps.open).toBe(true);
  });

  it('the peak is the highest long-window burn while firing, not the last: 2 steps at 100% then 2% errors peak at 183.3x', () => {
    // page-fast's 1h window (12 steps) holds both 100% steps and ten 2% steps at step b+11:
    // 2,200 bad of 12,000 = 183.3x; then the 100% steps age out and it settles at 20x, still paging.
    const s = constantSeries(START, step, b + 40, 1000, (i) => (i < b ? 0 : i < b + 2 ? 1000 : 20));
    const pf = replayAlerts(slo, s).find((a) => a.alert === 'page-fast')!;
    expect(pf).toMatchObject({ from: e(b), to: e(b + 39), open: true });
    expect(pf.peakBurnRate).toBeCloseTo(2200 / 12, 9);
  });

  it('lists the alerts by the time they first fired, then in rule order: a slow 2x burn tickets before a later spike pages', () => {
    // 2 bad per 1,000 from the start is 2x, over ticket-slow's 1x only; one 100% step at 300 fires the other three.
    const s = constantSeries(START, step, 400, 1000, (i) => (i === 300 ? 1000 : 2));
    expect(replayAlerts(slo, s).map((a) => [a.alert, a.from])).toEqual([
      ['ticket-slow', e(0)],
      ['page-fast', e(300)],
      ['page-slow', e(300)],
      ['ticket-fast', e(300)],
    ]);
  });

  it('a clean series and a series of gaps fire nothing', () => {
    expect(replayAlerts(slo, constantSeries(START, step, 500, 1000))).toEqual([]);
    expect(replayAlerts(slo, constantSeries(START, step, 500, 1000, () => null))).toEqual([]);
  });

  it('a burn exactly at the threshold does not fire (strictly above, as in the workbook)', () => {
    // 1 bad per 1000 against 99.9% = exactly 1x, ticket-slow's threshold.
    expect(replayAlerts(slo, constantSeries(START, step, 1000, 1000, () => 1))).toEqual([]);
  });
});

describe('relateAlerts', () => {
  const slo = makeSlo();
  const b = 900;
  const e = (i: number) => START + i * step;
  // Outage A at steps 900..903 (an incident), outage B at steps 1000..1003 (no incident). Built in
  // each test, not here, so that mutation testing attributes the code it runs to the test.
  const outages = () => {
    const s = constantSeries(START, step, 1100, 1000, (i) => ((i >= b && i < b + 4) || (i >= 1000 && i < 1004) ? 1000 : 0));
    return { s, alerts: replayAlerts(slo, s).filter((a) => a.severity === 'page'), asOf: stepEnd(s, 1099) };
  };

  it('matches an incident to the first alert and reports its lead', () => {
    const { s, alerts, asOf } = outages();
    const inc = makeIncident({ id: 'a', started_at: isoOf(e(b) - step), resolved_at: isoOf(e(b + 6)) });
    const r = relateAlerts(slo, s, alerts, [inc], asOf);
    expect(r.incidents).toEqual([
      { incident: 'a', severity: 'SEV2', startedAt: e(b) - step, endedAt: e(b + 6), alerted: true, paged: true, firstAlert: 'page-fast', firstFiredAt: e(b), leadSeconds: 300 },
    ]);
    expect(r.alertsWithoutIncident.map((a) => [a.alert, a.from])).toEqual([
      ['page-fast', e(1000)],
      ['page-slow', e(1000)],
    ]);
  });

  it('counts an alert that fired within the slack before started_at, with a negative lead', () => {
    const { s, alerts, asOf } = outages();
    // page-fast fired e(b) .. e(b) + 20 min; the incident is recorded as starting 25 minutes in.
    const fast = alerts.filter((a) => a.alert === 'page-fast');
    const inc = makeIncident({ id: 'late', started_at: isoOf(e(b) + 25 * 60), resolved_at: isoOf(e(b) + 3600) });
    const [m] = relateAlerts(slo, s, fast, [inc], asOf).incidents;
    expect(m!.alerted).toBe(true);
    expect(m!.leadSeconds).toBe(-25 * 60);
    const strict = relateAlerts(slo, s, fast, [inc], asOf, 0).incidents[0]!;
    expect(strict.alerted).toBe(false);
    expect(strict.firstAlert).toBeNull();
    expect(strict.leadSeconds).toBeNull();
  });

  it('ignores incidents of other services and runs open incidents to asOf', () => {
    const { s, alerts, asOf } = outages();
    const other = makeIncident({ id: 'other', services: ['search'], started_at: isoOf(e(b)) });
    const open = makeIncident({ id: 'open', status: 'investigating', started_at: isoOf(e(990)), resolved_at: undefined });
    const r = relateAlerts(slo, s, alerts, [other, open], asOf);
    expect(r.incidents.map((m) => [m.incident, m.endedAt, m.alerted])).toEqual([['open', asOf, true]]);
    expect(r.alertsWithoutIncident.every((a) => a.from === e(b))).toBe(true);
  });

  it('lists a service\'s incidents oldest first', () => {
    const { s, alerts, asOf } = outages();
    const later = makeIncident({ id: 'later', started_at: isoOf(e(1000)), resolved_at: isoOf(e(1004)) });
    const earlier = makeIncident({ id: 'earlier', started_at: isoOf(e(b)), resolved_at: isoOf(e(b + 4)) });
    const r = relateAlerts(slo, s, alerts, [later, earlier], asOf);
    expect(r.incidents.map((m) => [m.incident, m.alerted])).toEqual([
      ['earlier', true],
      ['later', true],
    ]);
    expect(r.alertsWithoutIncident).toEqual([]);
  });

  describe('attributes an alert that first fires after an incident to it when it would not have fired without the incident', () => {
    // One step at 777x (777 bad of 1000) is the incident. A 100-bad blip one hour later tips the 1d
    // and 3d windows over 3x and 1x only because they still hold the incident; a new 100% outage
    // 2.5 hours after the incident fires page alerts on its own.
    const related = () => {
      const late = constantSeries(START, step, 1100, 1000, (i) => (i === b ? 777 : i === b + 12 ? 100 : i === b + 30 ? 1000 : 0));
      const lateAlerts = replayAlerts(slo, late);
      const inc = makeIncident({ id: 'inc', started_at: isoOf(e(b) - step), resolved_at: isoOf(e(b)) });
      return { lateAlerts, r: relateAlerts(slo, late, lateAlerts, [inc], stepEnd(late, 1099)) };
    };

    it.each([
      { name: 'ticket-fast, first firing an hour after resolved_at (1d window 0.35x without the incident), is the incident\'s', alert: 'ticket-fast', from: e(b + 12), expected: true },
      { name: 'ticket-slow, first firing an hour after resolved_at (3d window 0.12x without the incident), is the incident\'s', alert: 'ticket-slow', from: e(b + 12), expected: true },
      { name: 'page-slow re-firing on the blip (6h window 1.4x without the incident) is the incident\'s', alert: 'page-slow', from: e(b + 12), expected: true },
      { name: 'page-fast on a new outage, whose 1h window does not hold the incident, is an alert without incident', alert: 'page-fast', from: e(b + 30), expected: false },
      { name: 'page-slow on a new outage that burns 13.9x over 6h on its own is an alert without incident, although its 6h window holds the incident', alert: 'page-slow', from: e(b + 30), expected: false },
    ])('$name', ({ alert, from, expected }) => {
      const { lateAlerts, r } = related();
      expect(lateAlerts.some((a) => a.alert === alert && a.from === from)).toBe(true);
      const attributed = !r.alertsWithoutIncident.some((a) => a.alert === alert && a.from === from);
      expect(attributed).toBe(expected);
    });

    it('the incident reports its first alert, fired during it, and not the later ones', () => {
      const { r } = related();
      expect(r.incidents[0]).toMatchObject({ alerted: true, paged: true, firstAlert: 'page-fast', firstFiredAt: e(b), leadSeconds: step });
    });

    it('an alert that first fires at the end of the step in which a short incident was resolved counts for it, with its lag', () => {
      // 100% errors in the step (e(b) - 5m, e(b)]; the incident ran 10:01..10:03 of that step.
      const one = constantSeries(START, step, 1000, 1000, (i) => (i === b ? 1000 : 0));
      const pageFast = replayAlerts(slo, one).filter((a) => a.alert === 'page-fast');
      const short = makeIncident({ id: 'short', started_at: isoOf(e(b) - 240), resolved_at: isoOf(e(b) - 120) });
      const m = relateAlerts(slo, one, pageFast, [short], stepEnd(one, 999));
      expect(m.incidents[0]).toMatchObject({ alerted: true, paged: true, firstAlert: 'page-fast', firstFiredAt: e(b), leadSeconds: 240 });
      expect(m.alertsWithoutIncident).toEqual([]);
    });
  });

  it('an incident that was over before the SLO had data is not listed (nothing could alert on it)', () => {
    const { s, alerts, asOf } = outages();
    const before = makeIncident({ id: 'before', started_at: isoOf(START - 7200), resolved_at: isoOf(START - 3600) });
    const straddling = makeIncident({ id: 'straddling', started_at: isoOf(START - 7200), resolved_at: isoOf(START + 600) });
    expect(relateAlerts(slo, s, alerts, [before, straddling], asOf).incidents.map((m) => m.incident)).toEqual(['straddling']);
    // The data starts at START - step (the first step's start): an incident resolved right then is over before it.
    const upToData = makeIncident({ id: 'up-to-data', started_at: isoOf(START - 7200), resolved_at: isoOf(START - step) });
    expect(relateAlerts(slo, s, alerts, [upToData], asOf).incidents).toEqual([]);
  });

  it('an alert that ended exactly at the start of the slack still counts (ends touching count)', () => {
    // page-fast fired e(b) .. e(b + 4); the incident starts 30 minutes (the slack) after that end.
    const { s, alerts, asOf } = outages();
    const fast = alerts.filter((a) => a.alert === 'page-fast' && a.from === e(b));
    const inc = makeIncident({ id: 'touching', started_at: isoOf(e(b + 4) + 1800), resolved_at: isoOf(e(b + 4) + 3600) });
    expect(relateAlerts(slo, s, fast, [inc], asOf).incidents[0]).toMatchObject({ alerted: true, firstFiredAt: e(b), leadSeconds: -(4 * step + 1800) });
  });

  it('finds the earliest alert even when the alerts are given latest first', () => {
    const { s, alerts, asOf } = outages();
    const inc = makeIncident({ id: 'a', started_at: isoOf(e(b) - step), resolved_at: isoOf(e(1004)) });
    const latestFirst = alerts.filter((a) => a.alert === 'page-fast').reverse();
    expect(latestFirst.map((a) => a.from)).toEqual([e(1000), e(b)]);
    const [m] = relateAlerts(slo, s, latestFirst, [inc], asOf).incidents;
    expect(m).toMatchObject({ firstAlert: 'page-fast', firstFiredAt: e(b), leadSeconds: step });
  });

  it('an incident that only tickets fired for was alerted but not paged', () => {
    const { s, asOf } = outages();
    const tickets = replayAlerts(slo, s).filter((a) => a.severity === 'ticket');
    const inc = makeIncident({ id: 'a', started_at: isoOf(e(b) - step), resolved_at: isoOf(e(b + 6)) });
    expect(relateAlerts(slo, s, tickets, [inc], asOf).incidents[0]).toMatchObject({ alerted: true, paged: false, firstAlert: 'ticket-fast', firstFiredAt: e(b) });
  });

  it('a page that fires again on a small blip after a new outage is not an old incident\'s, judged on its own 5-minute window', () => {
    // An incident at step b, long over. A new outage at steps 1000..1008 (100%), two clean steps, then
    // one step at 20x (1011): page-fast fires again there, its 1h window full of the new outage.
    const s = constantSeries(START, step, 1100, 1000, (i) => (i === b || (i >= 1000 && i <= 1008) ? 1000 : i === 1011 ? 20 : 0));
    const alerts = replayAlerts(slo, s).filter((a) => a.alert === 'page-fast');
    expect(alerts.map((a) => a.from)).toEqual([e(b), e(1000), e(1011)]);
    const inc = makeIncident({ id: 'old', started_at: isoOf(e(b) - step), resolved_at: isoOf(e(b)) });
    const r = relateAlerts(slo, s, alerts, [inc], stepEnd(s, 1099));
    expect(r.alertsWithoutIncident.map((a) => a.from)).toEqual([e(1000), e(1011)]);
  });

  it('with no data at all, no incident is listed', () => {
    const { asOf } = outages();
    const gaps = constantSeries(START, step, 1100, 1000, () => null);
    const inc = makeIncident({ id: 'a', started_at: isoOf(e(b)), resolved_at: isoOf(e(b + 6)) });
    expect(relateAlerts(slo, gaps, [], [inc], asOf).incidents).toEqual([]);
  });

  it('an incident that starts exactly at asOf is listed, open and not alerted, with no time elapsed', () => {
    const { s, alerts, asOf } = outages();
    const now = makeIncident({ id: 'now', status: 'investigating', started_at: isoOf(asOf), resolved_at: undefined });
    expect(relateAlerts(slo, s, alerts, [now], asOf).incidents).toEqual([
      { incident: 'now', severity: 'SEV2', startedAt: asOf, endedAt: asOf, alerted: false, paged: false, firstAlert: null, firstFiredAt: null, leadSeconds: null },
    ]);
  });

  it('an incident with no alert anywhere near it was not alerted', () => {
    const { s, alerts, asOf } = outages();
    const quiet = makeIncident({ id: 'quiet', started_at: isoOf(e(500)), resolved_at: isoOf(e(510)) });
    expect(relateAlerts(slo, s, alerts, [quiet], asOf).incidents[0]).toMatchObject({ alerted: false, paged: false, firstFiredAt: null });
  });
});

describe("an SLO's own alerts (alerting.alerts, OpenSLO conditions)", () => {
  const own = (a: Record<string, unknown>) => makeSlo({ objective: 97, window: '28d', alerting: { alerts: [{ name: 'own', severity: 'page', window: '5m', burn_rate: 1, ...a }] } });
  // 1,008 bad of 2,500 against 97% is exactly 13.44x, which floating point puts at 13.440000000000001.
  const series = (bad: (i: number) => number | null, n = 6) => constantSeries(START, step, n, 2500, bad);
  const fired = (a: Record<string, unknown>, bad: (i: number) => number | null, n = 6) => replayAlerts(own(a), series(bad, n)).map((x) => [(x.from - START) / step, (x.to - START) / step, x.open]);

  it('replace the four defaults: one window, no short window, the comparison and hold as written', () => {
    expect(alertPlan(own({ op: 'gte', burn_rate: 2, window: '90m', for: '7m' }), step)).toEqual([
      { alert: 'own', severity: 'page', op: 'gte', threshold: 2, budgetShare: (2 * 5400) / (28 * 86400), longSeconds: 5400, shortSeconds: null, longSteps: 18, shortSteps: null, forSeconds: 420, forSteps: 2 },
    ]);
  });

  it('a lookback window is rounded to whole steps, at least one: 7m is 1 step, 8m 2, 1m 1', () => {
    expect(['7m', '8m', '1m'].map((w) => alertPlan(own({ burn_rate: 1, window: w }), step)[0]!.longSteps)).toEqual([1, 2, 1]);
  });

  it('at a burn of exactly the threshold (13.44x, within 1e-9): gte and lte fire, gt and lt do not', () => {
    const at = (op: string) => fired({ op, burn_rate: 13.44 }, () => 1008).length > 0;
    expect(['gt', 'gte', 'lt', 'lte'].map(at)).toEqual([false, true, false, true]);
  });

  it('just off the threshold: 1,009 bad (13.453x) fires gt and gte; 1,007 (13.427x) fires lt and lte', () => {
    const at = (op: string, bad: number) => fired({ op, burn_rate: 13.44 }, () => bad).length > 0;
    expect(['gt', 'gte', 'lt', 'lte'].map((op) => [at(op, 1009), at(op, 1007)])).toEqual([[true, false], [true, false], [false, true], [false, true]]);
  });

  it('a step without events has no burn rate and fires no comparison, not even lt', () => {
    expect(fired({ op: 'lt', burn_rate: 1 }, (i) => (i === 2 ? null : 0))).toEqual([[0, 2, false], [3, 5, true]]);
  });

  it('with for: 10m (2 steps) a condition true from step 1 fires at step 3, the first step after the hold', () => {
    expect(fired({ op: 'gt', burn_rate: 10, for: '10m' }, (i) => (i >= 1 ? 1500 : 0))).toEqual([[3, 5, true]]);
  });

  it('a break restarts the hold: true at steps 0-1, false at 2, true at 3-5 with for: 10m fires only at step 5', () => {
    expect(fired({ op: 'gt', burn_rate: 10, for: '10m' }, (i) => (i === 2 ? 0 : 1500))).toEqual([[5, 5, true]]);
  });

  it('for rounds up to whole steps: for: 1m at 5-minute steps holds one step', () => {
    expect(alertPlan(own({ burn_rate: 10, for: '1m' }), step)[0]!.forSteps).toBe(1);
    expect(fired({ op: 'gt', burn_rate: 10, for: '1m' }, (i) => (i >= 1 ? 1500 : 0))).toEqual([[2, 5, true]]);
  });

  it('are listed in their order: ties at the same step by the order written', () => {
    const slo = makeSlo({ alerting: { alerts: [{ name: 'b-ticket', severity: 'ticket', burn_rate: 1, window: '1h' }, { name: 'a-page', severity: 'page', burn_rate: 1, window: '5m' }] } });
    expect(replayAlerts(slo, constantSeries(START, step, 3, 1000, () => 500)).map((a) => [a.alert, a.severity])).toEqual([['b-ticket', 'ticket'], ['a-page', 'page']]);
  });
});

/**
 * The replay as its comment defines it, step by step from whole burn-rate series (burnRateSeries),
 * with none of replayAlerts' shortcuts (no division skipped, no step passed over).
 */
function replayByDefinition(slo: AlertSlo, series: Series, asOf?: number): AlertInterval[] {
  const n = asOf === undefined ? series.length : Math.min(series.length, Math.max(0, Math.floor((asOf - series.start) / series.step) + 1));
  const plan = alertPlan(slo, series.step);
  const out: AlertInterval[] = [];
  for (const p of plan) {
    const fires = burnCompares(p.op, p.threshold);
    const long = burnRateSeries(series, slo.objective, p.longSteps);
    const short = p.shortSteps === null ? null : burnRateSeries(series, slo.objective, p.shortSteps);
    let held = 0;
    let begin = -1;
    let peak = 0;
    for (let i = 0; i <= n; i++) {
      held = i < n && (short === null || fires(short[i]!)) && fires(long[i]!) ? held + 1 : 0;
      if (held > p.forSteps) {
        peak = begin < 0 ? long[i]! : Math.max(peak, long[i]!);
        if (begin < 0) begin = i;
      } else if (begin >= 0) {
        const open = i === n;
        const { alert, severity, op, threshold, longSteps, shortSteps } = p;
        out.push({ alert, severity, from: stepEnd(series, begin), to: stepEnd(series, open ? n - 1 : i), peakBurnRate: peak, open, op, threshold, longSteps, shortSteps });
        begin = -1;
      }
    }
  }
  const order = plan.map((p) => p.alert);
  return out.sort((a, b) => a.from - b.from || order.indexOf(a.alert) - order.indexOf(b.alert));
}

describe('replayAlerts against its definition', () => {
  // A step: no data, or total events and bad ones: none, a trickle, a burst, or a share that puts
  // a one-step window exactly at a default threshold of a 99.9% SLO (1,440 of 100,000 is 14.4x).
  const point = fc.option(
    fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.constant(0)),
      fc.integer({ min: 1, max: 2000 }).chain((t) => fc.tuple(fc.constant(t), fc.integer({ min: 0, max: Math.ceil(t / 100) }))),
      fc.integer({ min: 1, max: 2000 }).chain((t) => fc.tuple(fc.constant(t), fc.integer({ min: 0, max: t }))),
      fc.constantFrom<[number, number]>([100_000, 1_440], [100_000, 600], [100_000, 300], [100_000, 100], [1000.5, 3.25]),
    ),
    { nil: null, freq: 8 },
  );
  const ownAlert = fc.record({
    op: fc.constantFrom('gt', 'gte', 'lt', 'lte'),
    burn_rate: fc.constantFrom(0.5, 1, 6, 14.4),
    window: fc.constantFrom('5m', '30m', '1h', '6h'),
    for: fc.constantFrom(undefined, '5m', '15m', '1h'),
  });
  const alerting = fc.oneof(
    fc.record({ page_fast: fc.constantFrom(undefined, false), ticket_slow: fc.constantFrom(undefined, false, 2) }),
    fc.array(ownAlert, { minLength: 1, maxLength: 3 }).map((as) => ({ alerts: as.map((a, i) => ({ name: `own-${i}`, severity: 'page', ...(a.for ? a : { op: a.op, burn_rate: a.burn_rate, window: a.window }) })) })),
  );

  it('fires the same intervals, with the same peaks to the bit, on random series, SLOs and report times', () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 0, maxLength: 400 }),
        fc.constantFrom(300, 3600),
        fc.constantFrom(99.9, 99, 95.5, 99.95),
        alerting,
        fc.option(fc.integer({ min: -3, max: 420 }), { nil: undefined }),
        (pts, step, objective, alerting, asOfStep) => {
          const slo = makeSlo({ objective, alerting } as Parameters<typeof makeSlo>[0]);
          const series = buildSeries({ start: START, step, series: { total: pts.map((p) => p?.[0] ?? null), bad: pts.map((p) => p?.[1] ?? null) } });
          const asOf = asOfStep === undefined ? undefined : START + asOfStep * step;
          expect(replayAlerts(slo, series, asOf)).toEqual(replayByDefinition(slo, series, asOf));
        },
      ),
      { seed: 29, numRuns: 400 },
    );
  });
});
