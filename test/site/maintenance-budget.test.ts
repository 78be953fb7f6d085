/**
 * `exclude_maintenance: true` on the sample's storefront-latency SLO: its budget ignores the steps
 * inside the storefront CDN migration (2026-10-18 02:00–04:30 UTC, actual times), checked by an
 * independent sum over the snapshot file.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/site/model.ts';
import { PROJECT, readJson } from '../helpers/build.ts';

interface Snap { start: number; step: number; series: { total: (number | null)[]; good: (number | null)[] } }

const sec = (iso: string) => Date.parse(iso) / 1000;

describe('exclude_maintenance on the bundled sample', () => {
  it('storefront-latency leaves out the 30 steps of the CDN migration: 9,432 events and 39 bad fewer', async () => {
    const site = await buildModel(PROJECT, { SITREP_AS_OF: '' });
    const view = site.slos.find((v) => v.slo.id === 'storefront-latency')!;
    expect(view.slo.exclude_maintenance).toBe(true);
    const snap = await readJson<Snap>(join(PROJECT, 'data/snapshots/storefront-latency.json'));
    const to = site.asOf;
    const from = to - 28 * 86_400;
    const maintenance = { from: sec('2026-10-18T02:00:00Z'), to: sec('2026-10-18T04:30:00Z') };
    let good = 0;
    let total = 0;
    let inside = 0;
    let insideBad = 0;
    let present = 0;
    snap.series.total.forEach((t, i) => {
      const end = snap.start + i * snap.step;
      const g = snap.series.good[i];
      if (end <= from || end > to || t === null || g === null || g === undefined) return;
      present++;
      if (end > maintenance.from && end <= maintenance.to) {
        inside += t;
        insideBad += t - g;
        return;
      }
      total += t;
      good += g;
    });
    expect([inside, insideBad]).toEqual([9432, 39]);
    const r = view.report!;
    expect(r.total).toBe(total);
    expect(r.good).toBeCloseTo(good, 6);
    expect(r.budget.allowed).toBeCloseTo(0.01 * total, 6);
    expect(r.budget.consumed).toBeCloseTo((total - good) / (0.01 * total), 9);
    // Coverage is unchanged by the exclusion: the excluded steps still count as steps with data.
    expect(r.coverage).toBeCloseTo(present / (28 * 288), 12);
  });
});
