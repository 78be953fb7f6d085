/** The overview's view model: attention first, SLOs worst first, and the 30-day sparklines. */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/site/model.ts';
import { ATTENTION_PER_GROUP, attention, pagingAlert, sortByStatus, sparkPath, sparkline } from '../../src/site/overview.ts';
import { PROJECT } from '../helpers/build.ts';

describe('sparkPath', () => {
  it('draws [100%, 50%, 0%] from the top left to the bottom right of a 100 × 24 box, and clamps an overspent budget to the floor', () => {
    expect(sparkPath([1, 0.5, 0])).toBe('M0,2 L50,12 L100,22');
    expect(sparkPath([1, -2])).toBe('M0,2 L100,22');
  });
  it('lifts the pen over a day without a figure, and draws nothing for fewer than two points', () => {
    expect(sparkPath([1, null, 0.5, 0.5])).toBe('M0,2 M66.7,12 L100,12');
    expect(sparkPath([0.5])).toBe('');
  });
});

describe('the overview of the sample', async () => {
  const site = await buildModel(PROJECT, {}, { history: false });

  it('lists ongoing incidents first, then SLOs paging now, red and yellow SLOs, then overdue action items', () => {
    const kinds = attention(site, '/').map((a) => a.kind);
    const order = ['incident', 'paging', 'red', 'yellow', 'actions', 'runbook'];
    expect(kinds).toEqual([...kinds].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(kinds).toContain('incident');
    expect(kinds).toContain('red');
    expect(kinds).toContain('actions');
    const paging = site.slos.filter((v) => v.report?.alerts.some((a) => a.open && a.severity === 'page'));
    // (The sample has none: the cases are built below.)
    const reds = site.slos.filter((v) => v.report?.status === 'red' && !paging.includes(v)).length;
    expect(kinds.filter((k) => k === 'paging')).toHaveLength(paging.length);
    expect(kinds.filter((k) => k === 'red')).toHaveLength(reds);
  });

  it('puts an SLO whose page alert fires at the report time right after the incidents, highest burn first, and not again among the red ones', () => {
    const red = site.slos.filter((v) => v.report?.status === 'red');
    expect(red.length).toBeGreaterThan(0);
    const firing = (v: (typeof red)[number], peak: number) => ({
      ...v,
      report: { ...v.report!, alerts: [...v.report!.alerts, { alert: 'page-fast' as const, severity: 'page' as const, from: '2026-11-14T23:10:00.000Z', to: '2026-11-15T00:00:00.000Z', peakBurnRate: peak, open: true, incidents: [] }] },
    });
    const green = site.slos.find((v) => v.report?.status === 'green')!;
    const slos = site.slos.map((v) => (v === red[0] ? firing(v, 20.5) : v === green ? firing(v, 47.94) : v));
    const list = attention({ ...site, slos }, '/');
    const incidents = list.filter((a) => a.kind === 'incident').length;
    expect(list.slice(incidents, incidents + 2)).toEqual([
      { kind: 'paging', label: green.slo.name, url: `/slos/${green.slo.id}/`, note: expect.stringMatching(/^page-fast alert firing since 2026-11-14 23:10 UTC, 47\.9× burn at its peak$/) },
      { kind: 'paging', label: red[0]!.slo.name, url: `/slos/${red[0]!.slo.id}/`, note: expect.stringMatching(/20\.5× burn at its peak$/) },
    ]);
    expect(list.filter((a) => a.label === red[0]!.slo.name)).toHaveLength(1);
    // Still firing at the last step of data that ended before the report time: said so, after those firing now, even at a higher burn.
    const endingAt = (v: (typeof red)[number], to: number, peak: number) => ({
      ...v,
      report: { ...v.report!, alerts: [{ alert: 'page-fast' as const, severity: 'page' as const, from: '2026-11-13T20:00:00.000Z', to: new Date(to * 1000).toISOString(), peakBurnRate: peak, open: true, incidents: [] }] },
    });
    const step = green.series!.step;
    const ended = attention({ ...site, slos: site.slos.map((v) => (v === green ? endingAt(v, site.asOf - step - 1, 99) : v === red[0] ? endingAt(v, site.asOf - step, 5) : v)) }, '/').filter((a) => a.kind === 'paging');
    expect(ended.map((a) => a.label)).toEqual([red[0]!.slo.name, green.slo.name]);
    expect(ended[0]!.note).toMatch(/^page-fast alert firing since /);
    expect(ended[1]!.note).toBe(`page-fast alert firing when its data ended, ${new Date((site.asOf - step - 1) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC (none since), 99.0× burn at its peak`);
  });

  it('names at most ATTENTION_PER_GROUP SLOs of a status, the worst, and links the rest in one line', () => {
    const red = site.slos.find((v) => v.report?.status === 'red')!;
    const many = Array.from({ length: 20 }, (_, n) => ({ ...red, slo: { ...red.slo, id: `red-${n}`, name: `Red ${n}` }, report: { ...red.report!, budget: { ...red.report!.budget, remaining: -n } } }));
    const list = attention({ ...site, slos: [...site.slos.filter((v) => v.report?.status !== 'red'), ...many] }, '/');
    const reds = list.filter((a) => a.kind === 'red');
    expect(reds.map((a) => a.label)).toEqual(['Red 19', 'Red 18', 'Red 17', 'Red 16', 'Red 15', 'Red 14', 'Red 13', 'Red 12']);
    expect(reds).toHaveLength(ATTENTION_PER_GROUP);
    const more = list[list.indexOf(reds.at(-1)!) + 1]!;
    expect(more).toEqual({ kind: 'more', label: '12 more red SLOs', url: '/#all-slos', note: 'in the table below, worst first' });
    // One more is "1 more red SLO"; the paging group is capped the same way.
    const nine = attention({ ...site, slos: [...site.slos.filter((v) => v.report?.status !== 'red'), ...many.slice(0, ATTENTION_PER_GROUP + 1)] }, '/');
    expect(nine.filter((a) => a.kind === 'more').map((a) => a.label)).toEqual(['1 more red SLO']);
    const firing = many.map((v, n) => ({ ...v, report: { ...v.report!, alerts: [{ alert: 'page-slow' as const, severity: 'page' as const, from: '2026-11-14T20:00:00.000Z', to: '2026-11-15T00:00:00.000Z', peakBurnRate: 10 + n, open: true, incidents: [] }] } }));
    const paging = attention({ ...site, slos: [...site.slos.filter((v) => v.report?.status !== 'red'), ...firing] }, '/');
    expect(paging.filter((a) => a.kind === 'paging')).toHaveLength(ATTENTION_PER_GROUP);
    expect(paging.filter((a) => a.kind === 'paging')[0]!.label).toBe('Red 19');
    expect(paging.filter((a) => a.kind === 'more').map((a) => a.label)).toEqual(['12 more SLOs with a page alert firing']);
    // The SLO tables' notes say which, by the same definition: the highest-burn page alert still firing, now or when the data ended.
    expect(pagingAlert(firing[3]!, site.asOf)).toMatchObject({ now: true, alert: { alert: 'page-slow', peakBurnRate: 13 } });
    expect(pagingAlert(firing[3]!, site.asOf + 86_400)).toMatchObject({ now: false, alert: { peakBurnRate: 13 } });
    expect(pagingAlert(red, site.asOf)).toEqual({ alert: undefined, now: false });
  });

  it('sorts the SLOs red, yellow, green, then without data, and within a status the least budget left first', () => {
    const sorted = sortByStatus(site.slos);
    const statuses = sorted.map((v) => v.report?.status ?? 'none');
    const order = ['red', 'yellow', 'green', 'none'];
    expect(statuses).toEqual([...statuses].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    // The sample's seven green SLOs have as many different budgets left: they come least first, not by name.
    const greens = sorted.filter((v) => v.report?.status === 'green').map((v) => v.report!.budget.remaining!);
    expect(greens.length).toBeGreaterThan(2);
    expect(greens).toEqual([...greens].sort((a, b) => a - b));
    expect(sorted.filter((v) => v.report?.status === 'green').map((v) => v.slo.name)).not.toEqual(sorted.filter((v) => v.report?.status === 'green').map((v) => v.slo.name).sort((a, b) => a.localeCompare(b)));
  });

  it('gives each SLO with data a sparkline of its last 30 days of budget left, ending at the headline', () => {
    const v = site.slos.find((x) => x.slo.id === 'checkout-availability')!;
    const s = sparkline(v)!;
    expect(s.path.split(/[ML]/).filter(Boolean)).toHaveLength(31);
    expect(s.label).toMatch(/^Budget left over the last 30 days: .* on 2026-10-16, .* on 2026-11-15$/);
    expect(s.label.endsWith(`${(v.report!.budget.remaining! * 100).toFixed(1).replace('-', '−')}% on 2026-11-15`)).toBe(true);
  });
});
