import { describe, expect, it } from 'vitest';
import { buildSloReport, DAY } from '../core/index.ts';
import { at, constantSeries, makeIncident, makeSlo } from '../core/test-fixtures.ts';
import type { LoadedSlo } from '../adapters/content/load.ts';
import { budgetDefinition, exhaustionText, policyDecision, sloCharts, sloPage, units } from './slo-page.ts';
import { serviceNames } from './service-names.ts';

const step = 300;
const OCT = at('2026-10-01T00:00:00Z');
const NOV = at('2026-11-01T00:00:00Z');
const stepsInOct = (31 * DAY) / step;

const loaded = (over: Parameters<typeof makeSlo>[0] = {}): LoadedSlo => ({ ...makeSlo(over), source: { file: 'content/slos/x.yaml', line: 1, format: 'sitrep' } });

function viewOf(slo: LoadedSlo, bad: (i: number) => number, incidents = [makeIncident({ id: 'inc-1', title: 'Checkout down', started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T10:20:00Z' })]) {
  const series = constantSeries(OCT + step, step, stepsInOct, 1000, bad);
  const report = buildSloReport(slo, series, NOV, incidents);
  const site = { serviceName: serviceNames([{ id: 'checkout', name: 'Checkout API' }]), incidentsById: new Map(incidents.map((i) => [i.id, i])) };
  const view = { slo, report, series, fetch: null, queriesChanged: false, review: { at: null, by: null, ageDays: null, due: false }, queries: {} };
  return { page: sloPage(view, site, '/')!, report, view };
}

describe('the SLO page view model', () => {
  const first = (at('2026-10-03T10:05:00Z') - OCT) / step;
  const outage = (i: number) => (i >= first - 1 && i < first + 3 ? 1000 : 0);

  it('names the service and links incidents by title, and every alert row says which incident explains it', () => {
    const { page } = viewOf(loaded({ window: 'month' }), outage);
    expect(page.service).toEqual({ href: '/services/checkout/', text: 'Checkout API' });
    expect(page.alertRows).toHaveLength(4);
    expect(page.alertRows[0]).toMatchObject({ alert: 'Page: fast burn', from: '2026-10-03 10:05 UTC', to: '2026-10-03 10:25 UTC', lasted: '20m', incidents: [{ href: '/incidents/inc-1/', text: 'Checkout down' }] });
    expect(page.coverageRows[0]).toMatchObject({ incident: { text: 'Checkout down' }, firstAlert: 'Page: fast burn at 2026-10-03 10:05 UTC', lead: '+5m' });
  });

  it('merges an alert that re-fires within its reset time (its long window) into one row that says how often it fired', () => {
    // Two 20-minute outages 40 minutes apart: the 5m window clears between them, so page-fast stops and fires again.
    const again = first + 12;
    const twice = (i: number) => ((i >= first - 1 && i < first + 3) || (i >= again && i < again + 4) ? 1000 : 0);
    const { page, report } = viewOf(loaded({ window: 'month' }), twice);
    expect(report.alerts.filter((a) => a.alert === 'page-fast')).toHaveLength(2);
    const rows = page.alertRows.filter((a) => a.alert === 'Page: fast burn');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ from: '2026-10-03 10:05 UTC', fired: '2 times', incidents: [{ href: '/incidents/inc-1/', text: 'Checkout down' }] });
  });

  it('shows the budget cards in the unit of the declared method, with the chart ending at the headline', () => {
    const { page, report } = viewOf(loaded({ budgeting: { method: 'timeslices', slice: '5m' } }), (i) => (i % 100 === 0 ? 5 : 0));
    // 30 days = 8,640 slices of which 87 bad (every 100th step); 0.1% allows 8.64 bad slices.
    expect(page.cards.map((c) => [c.label, c.value])).toEqual([
      ['SLI (timeslices)', '98.993%'],
      ['Budget left', `−${(100 * (87 / 8.64 - 1)).toFixed(1)}%`],
      ['Bad slices', '87'],
      ['Budget as time', '43m 12s'],
      ['Exhausted in', 'already exhausted'],
    ]);
    expect(page.cards[2]!.sub).toBe('of 8.6 allowed (8,640 slices counted)');
    const spec = page.budgetChart.spec as { layer: { data: { values: { remaining: number }[] } }[] };
    expect(spec.layer[0]!.data.values.at(-1)!.remaining).toBe(report.budget.remaining);
    expect(page.methods.find((m) => m.declared)!.label).toMatch(/^Time slices/);
  });

  it('words the alert rules with their thresholds and budget shares', () => {
    const { page } = viewOf(loaded({ window: '28d' }), () => 0);
    expect(page.alertRules[0]).toBe('Page: fast burn: above 13.4× over 1h and 5m (2.0% of the budget spent in 1h)');
    expect(page.alertRows).toEqual([]);
    expect(page.cards[4]!.value).toBe('not at this rate');
  });

  it("an SLO's own alerts: rules in words with their comparison and hold, rows and chart bands named by alert, the 1h page alert's threshold line", () => {
    const slo = loaded({ window: 'month', alerting: { alerts: [{ name: 'fast-burn', severity: 'page', op: 'gte', burn_rate: 10, window: '1h', for: '10m' }, { name: 'quiet', severity: 'ticket', op: 'lt', burn_rate: 0.5, window: '6h' }] } });
    const { page, report } = viewOf(slo, outage);
    expect(page.alertRules).toEqual([
      'Page: fast-burn: at or above 10.0× over 1h, for 10m (1.4% of the budget spent in 1h)',
      'Ticket: quiet: below 0.50× over 6h (0.4% of the budget spent in 6h)',
    ]);
    // 20 minutes at 100% errors: the 1h burn is past 10x within the first step; held 2 steps, it pages at 10:15.
    const fast = page.alertRows.filter((r) => r.alert === 'Page: fast-burn');
    expect(fast.map((r) => [r.from, r.incidents.map((i) => i.text)])).toEqual([['2026-10-03 10:15 UTC', ['Checkout down']]]);
    expect(report.alertCoverage.incidents[0]).toMatchObject({ paged: true, firstAlert: 'fast-burn' });
    // quiet (below 0.5x over 6h) fires from the first step until the outage, and again once the outage has left its 6h window; a low-burn alert is never an incident's.
    expect(page.alertRows.filter((r) => r.alert === 'Ticket: quiet').map((r) => [r.from, r.incidents])).toEqual([['2026-10-01 00:05 UTC', []], ['2026-10-03 16:20 UTC', []]]);
    expect(page.coverageRows[0]!.firstAlert).toBe('Page: fast-burn at 2026-10-03 10:15 UTC');
    const spec = JSON.stringify(page.burnChart.spec);
    expect(spec).toContain('fast-burn at or above 10.0×');
    expect(spec).toContain('"alert":"Page: fast-burn"');
    expect(page.burnChart.definition).toContain('the bands are the replayed alerts (page or ticket)');
  });

  it('says so when no alert fired in the burn chart’s days, and when the budget is spent, in place of the burn rate', () => {
    const quiet = viewOf(loaded(), () => 0);
    expect(quiet.report.alerts).toEqual([]);
    expect(quiet.page.burnChart.definition).toBe('The highest 1-hour burn rate of every 6 hours; no replayed alert fired in these 30 days, the dashed marks the service\'s incidents by severity.');
    expect(quiet.page.cards.find((c) => c.figure === 'exhaustion')!.sub).toMatch(/^at the 1h burn rate/);
    const { page } = viewOf(loaded({ budgeting: { method: 'timeslices', slice: '5m' } }), (i) => (i % 100 === 0 ? 5 : 0));
    expect(page.cards.find((c) => c.figure === 'exhaustion')).toMatchObject({ value: 'already exhausted', sub: 'no budget left in this 30d window' });
    // The policy names the value at which red begins, as the budget chart's red line does.
    const { green, yellow } = quiet.view.slo.policy;
    expect(quiet.page.facts.find(([k]) => k === 'Policy')![1]).toBe(`green above ${green}% left, yellow above ${yellow}%, red at or below ${yellow}%`);
  });

  it('names a calendar week window with its first weekday and zone, and alerts as a 7-day window', () => {
    // asOf 2026-11-01T00:00Z is Saturday 31 October, 20:00 in New York: the week began at its local midnight.
    const { page, report } = viewOf(loaded({ window: 'week', week_start: 'saturday', time_zone: 'America/New_York' }), () => 0);
    expect(report.from).toBe('2026-10-31T04:00:00.000Z');
    expect(page.facts.find(([k]) => k === 'Window')![1]).toMatch(/^calendar week from saturday \(America\/New_York\) \(2026-10-31 04:00/);
    expect(page.alertRules[0]).toBe('Page: fast burn: above 3.36× over 1h and 5m (2.0% of the budget spent in 1h)');
  });

  it('says a calendar day\'s burn-down has a point per hour', () => {
    const { page, report } = viewOf(loaded({ window: 'day', time_zone: 'America/New_York' }), () => 0);
    expect(report.windowSeconds).toBe(24 * 3_600);
    expect(budgetDefinition(report)).toMatch(/^Burn-down: bad events from the start of the period to each hour, against/);
    expect(page.budgetChart.spec).toBeDefined();
  });

  it('draws ahead exactly the charts the page shows (sloCharts)', () => {
    const { page, view } = viewOf(loaded({ window: 'month' }), outage);
    expect(sloCharts(view, '/')).toEqual({ budgetChart: page.budgetChart, dailyChart: page.dailyChart, burnChart: page.burnChart });
    expect(sloCharts({ ...view, report: null }, '/')).toBeNull();
  });

  it('has nothing to lay out without a report', () => {
    const slo = loaded();
    expect(sloPage({ slo, report: null, series: null, fetch: null, queriesChanged: false, review: { at: null, by: null, ageDays: null, due: false }, queries: {} }, { serviceName: (s) => s, incidentsById: new Map() }, '/')).toBeNull();
  });
});

describe('words for figures', () => {
  it('says when the budget runs out', () => {
    expect(exhaustionText({ state: 'exhausted', seconds: null })).toBe('already exhausted');
    expect(exhaustionText({ state: 'not-at-this-rate', seconds: null })).toBe('not at this rate');
    expect(exhaustionText({ state: 'unknown', seconds: null })).toBe('unknown');
    expect(exhaustionText({ state: 'in', seconds: 9 * DAY })).toBe('9d');
  });
  it('counts whole units with separators and fractional slice-equivalents to one decimal', () => {
    expect(units(26932)).toBe('26,932');
    expect(units(8.64)).toBe('8.6');
  });
  it('defines the chart by window kind', () => {
    const rolling = viewOf(loaded(), () => 0).report;
    const month = viewOf(loaded({ window: 'month' }), () => 0).report;
    expect(budgetDefinition(rolling)).toMatch(/^Each point is the budget left in the 30d window that ends that day \(bad events/);
    expect(budgetDefinition(month)).toMatch(/^Burn-down: bad events from the start of the period/);
  });
});

describe('the SLO page in words and tables', () => {
  it('says the policy decision: which threshold the budget left is above or at', () => {
    const policy = { green: 50, yellow: 10 };
    const budget = (remaining: number) => ({ remaining }) as Parameters<typeof policyDecision>[0]['budget'];
    expect(policyDecision({ status: 'green', budget: budget(0.8) }, policy)).toBe('Green: 80.0% of the error budget is left, above the green line of 50%.');
    expect(policyDecision({ status: 'yellow', budget: budget(0.5) }, policy)).toBe('Yellow: 50.0% of the error budget is left, at or below the green line of 50% and above the red line of 10%.');
    expect(policyDecision({ status: 'red', budget: budget(-1.5) }, policy)).toBe('Red: −150.0% of the error budget is left, at or below the red line of 10%.');
    expect(policyDecision({ status: null, budget: budget(0) }, policy)).toMatch(/^No status/);
  });

  it('gives each chart a download address and its data as rows, the budget chart ending at the headline', () => {
    const { page, report } = viewOf(loaded({ window: 'month' }), () => 0);
    expect(page.budgetChart.download).toBe('/slos/checkout-availability/budget.vl.json');
    expect(page.budgetChart.rows.at(-1)).toEqual([report.budgetHistory.points.at(-1)!.t.slice(0, 10), '100.0%']);
    expect(page.dailyChart.columns).toEqual(['Day', 'SLI', 'Events']);
    expect(page.dailyChart.rows[0]).toEqual(['2026-10-01', '100.0%', '288,000']);
  });
});
