import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content/load.ts';
import { resolveAsOf } from '../../src/site/as-of.ts';
import { burn, duration, pct } from '../../src/site/format.ts';
import { buildModel, queriesChanged } from '../../src/site/model.ts';
import { sloJson, slosJson } from '../../src/site/api.ts';
import { MINIMAL } from '../helpers/fixture.ts';
import { PROJECT } from '../helpers/build.ts';
import { modelOffThread } from '../../scripts/lib/model-thread.ts';
import { SNAPSHOT_FORMAT, type Snapshot } from '../../src/schemas/snapshot.ts';

const snapshot = (queries: Record<string, string>): Snapshot => ({
  format: SNAPSHOT_FORMAT,
  slo: 'api-availability',
  step: 300,
  start: 1_790_000_100,
  queries,
  fetchedAt: '2026-10-01T00:00:00Z',
  series: { good: [1, 2], total: [1, 2] },
});

describe('the site model', () => {
  it('notices when a snapshot was fetched with other queries than the SLO now has', async () => {
    const { content } = await loadContent(MINIMAL);
    const slo = content.slos[0]!;
    const same = {
      good: 'sum(increase(http_requests_total{job="api",code!~"5.."}[5m]))',
      total: 'sum(increase(http_requests_total{job="api"}[5m]))',
    };
    expect(queriesChanged(slo, snapshot(same))).toBe(false);
    expect(queriesChanged(slo, snapshot({ ...same, total: 'sum(increase(http_requests_total[5m]))' }))).toBe(true);
    expect(queriesChanged(slo, snapshot({ bad: 'x', total: same.total }))).toBe(true);
  });

  it('an SLO without a snapshot has the same API keys as one with data, with null figures', async () => {
    const site = await buildModel(MINIMAL, { SITREP_AS_OF: '2026-11-01T00:00:00Z' });
    const [row] = slosJson(site).slos;
    expect(row).toMatchObject({ id: 'api-availability', objective: 0.999, hasData: false, sli: null, status: null, budgetRemaining: null, report: '/api/v1/slos/api-availability.json' });
    const entry = sloJson(site, site.slos[0]!);
    expect(entry).toMatchObject({ id: 'api-availability', objective: 0.999, hasData: false, sli: null, good: null, total: null, status: null, budget: null, timeToExhaustion: null });
    expect(Object.keys(entry.burnRates!)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
    expect(site.asOfSource).toBe('option');
  });

  it('the report time is the option, else the newest snapshot end, else the newest incident time', () => {
    const snap = snapshot({});
    expect(resolveAsOf('2026-10-01T00:00:00+02:00', [snap], [])).toEqual({ asOf: 1_790_805_600, source: 'option' });
    expect(resolveAsOf(undefined, [snap], ['2030-01-01T00:00:00Z'])).toEqual({ asOf: 1_790_000_400, source: 'data' });
    expect(resolveAsOf('', [], ['2026-10-01T00:00:00Z'])).toEqual({ asOf: 1_790_812_800, source: 'incidents' });
    expect(() => resolveAsOf('2026-10-01', [], [])).toThrow(/not an ISO 8601 time with an offset/);
  });

  it('formats figures for people: percentages that tell 99.9 from 99.95, durations, burn rates', () => {
    expect(pct(0.99912)).toBe('99.912%');
    expect(pct(-2.362, 1)).toBe('−236.2%');
    expect(pct(null)).toBe('—');
    expect(pct(1, 1)).toBe('100.0%');
    expect(pct(0, 1)).toBe('0.0%');
  });

  it('never shows a share below 100% as 100%, nor one above 0% as 0%', () => {
    expect(pct(0.99997, 1)).toBe('99.997%');
    expect(pct(0.9996, 1)).toBe('99.96%');
    expect(pct(0.0004, 1)).toBe('0.04%');
    expect(pct(-0.0004, 1)).toBe('−0.04%');
    expect(pct(0.999999999999, 1)).toBe('<100%');
    expect(pct(1e-12, 1)).toBe('>0%');
    expect(pct(1.000000000001, 1)).toBe('>100%');
    expect(duration(43.2 * 60)).toBe('43m 12s');
    expect(duration(5400)).toBe('1h 30m');
    expect(duration(-90)).toBe('−1m 30s');
    expect(burn(14.4)).toBe('14.4×');
    expect(burn(0.5)).toBe('0.50×');
  });

  it("the build's model thread hands over whole series, though they share buffers, equal to those computed here", { timeout: 60_000 }, async () => {
    const [off, here] = await Promise.all([modelOffThread(PROJECT), buildModel(PROJECT, process.env)]);
    if (off.kind !== 'model') throw new Error(`the model thread failed: ${JSON.stringify(off)}`);
    const series = off.model.slos.map((v) => v.series).filter((x) => x !== null);
    expect(series.length).toBeGreaterThan(3);
    // All moved at once: the arrays carved out of one buffer arrive whole, none emptied on the way.
    expect(new Set(series.map((x) => x.goodSum.buffer)).size).toBeLessThan(series.length);
    for (const x of series) expect([x.goodSum.length, x.totalSum.length, x.presentSum.length]).toEqual([x.length + 1, x.length + 1, x.length + 1]);
    expect(off.model.slos.map((v) => v.series)).toEqual(here.slos.map((v) => v.series));
    expect(off.model.slos.map((v) => v.report)).toEqual(here.slos.map((v) => v.report));
  });
});
