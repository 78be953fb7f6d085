/** The overview's view model: attention first, SLOs worst first, and the 30-day sparklines. */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/site/model.ts';
import { attention, sortByStatus, sparkPath, sparkline } from '../../src/site/overview.ts';
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

  it('lists ongoing incidents first, then red and yellow SLOs, then overdue action items', () => {
    const kinds = attention(site, '/').map((a) => a.kind);
    const order = ['incident', 'red', 'yellow', 'actions', 'runbook'];
    expect(kinds).toEqual([...kinds].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(kinds).toContain('incident');
    expect(kinds).toContain('red');
    expect(kinds).toContain('actions');
    const reds = site.slos.filter((v) => v.report?.status === 'red').length;
    expect(kinds.filter((k) => k === 'red')).toHaveLength(reds);
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
