import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshot } from '../../src/adapters/snapshots/store.ts';
import type { Snapshot } from '../../src/schemas/snapshot.ts';
import { buildSloReport } from '../../src/core/index.ts';
import { readSampleContent } from '../../scripts/lib/sample/content.ts';
import { DEFAULT_SEED, END, START, STEP } from '../../scripts/lib/sample/profiles.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
// The pinned Node 22 (strips TypeScript natively); the shell's `node` may be older.
const node = join(root, 'node_modules', '.bin', 'node');
const committed = join(root, 'data', 'snapshots');

let out: string;
let other: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'sitrep-sample-'));
  other = await mkdtemp(join(tmpdir(), 'sitrep-sample-seed-'));
  await Promise.all([
    run(node, ['scripts/generate-sample.ts', '--quiet', '--out', out], { cwd: root }),
    run(node, ['scripts/generate-sample.ts', '--quiet', '--seed', '7', '--out', other], { cwd: root }),
  ]);
});

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
  await rm(other, { recursive: true, force: true });
});

const load = (id: string) => readSnapshot(join(committed, `${id}.json`));
const at = (iso: string) => Date.parse(iso) / 1000;

/** Bad and total events over the step ends in (from, to]. */
function sum(s: Snapshot, from: number, to: number): { bad: number; total: number } {
  let bad = 0;
  let total = 0;
  for (let i = 0; i < s.series.total.length; i++) {
    const t = s.start + i * s.step;
    const n = s.series.total[i];
    if (t <= from || t > to || n === null || n === undefined) continue;
    total += n;
    bad += s.series.bad ? s.series.bad[i]! : n - s.series.good![i]!;
  }
  return { bad, total };
}
const ratio = (x: { bad: number; total: number }) => x.bad / x.total;

describe('generate-sample', () => {
  it('regenerates byte-identical snapshots from the content and the default seed', async () => {
    const names = (await readdir(committed)).filter((n) => n.endsWith('.json')).sort();
    expect((await readdir(join(out, 'data', 'snapshots'))).sort()).toEqual(names);
    for (const name of names) {
      const [a, b] = await Promise.all([readFile(join(committed, name), 'utf8'), readFile(join(out, 'data', 'snapshots', name), 'utf8')]);
      expect(b === a, `${name} differs from a fresh regeneration`).toBe(true);
    }
  });

  it('writes one valid snapshot per SLO, including the OpenSLO and Sloth ones', async () => {
    const slos = (await readSampleContent(root)).slos;
    const names = (await readdir(committed)).filter((n) => n.endsWith('.json')).sort();
    expect(names).toEqual(slos.map((s) => `${s.id}.json`).sort());
    expect(names).toContain('search-query-success.json');
    expect(names).toContain('identity-login.json');
    for (const slo of slos) {
      const s = await load(slo.id);
      expect(s.step).toBe(STEP);
      expect(s.generator).toBe(`generate-sample seed=${DEFAULT_SEED}`);
      expect(s.fetchedAt).toBe('2026-11-15T00:00:00Z');
      expect(s.start + (s.series.total.length - 1) * s.step).toBe(END);
      expect(Object.keys(s.queries).sort()).toEqual(Object.keys(s.series).sort());
      for (const col of Object.values(s.series)) expect(col!.every((v) => v === null || (Number.isInteger(v) && v >= 0))).toBe(true);
    }
  });

  it('starts the young SLO at its launch and every other SLO on 2026-05-01', async () => {
    expect((await load('checkout-availability')).start).toBe(START + STEP);
    const young = await load('payments-pay-by-bank');
    expect(young.start).toBeGreaterThan(END - 7 * 7 * 86400);
    expect(young.start).toBeLessThan(END - 5 * 7 * 86400);
  });

  it('marks scrape gaps with null in both series, never 0', async () => {
    // Prometheus itself was down for 9 steps from 2026-08-02T01:40Z: every SLO has the gap.
    for (const id of ['storefront-availability', 'checkout-availability', 'identity-admin-api']) {
      const s = await load(id);
      const i = (at('2026-08-02T01:45:00Z') - s.start) / s.step;
      for (let k = 0; k < 9; k++) {
        expect(s.series.total[i + k]).toBeNull();
        expect((s.series.good ?? s.series.bad)![i + k]).toBeNull();
      }
      expect(s.series.total[i + 9]).not.toBeNull();
      // Good/bad are null exactly where total is.
      const other = (s.series.good ?? s.series.bad)!;
      expect(other.every((v, j) => (v === null) === (s.series.total[j] === null))).toBe(true);
    }
  });

  it('gives the low-traffic admin API many steps with zero events (0, not null)', async () => {
    const s = await load('identity-admin-api');
    const zeros = s.series.total.filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(s.series.total.length / 3);
    expect(Math.max(...s.series.total.map((v) => v ?? 0))).toBeLessThan(20);
  });

  it('raises the bad ratio during incidents, far above the week before', async () => {
    const incidents = (await readSampleContent(root)).incidents;
    const cases: [string, string][] = [
      ['2026-10-27-checkout-db-failover', 'checkout-availability'],
      ['2026-07-24-storefront-cache-stampede', 'storefront-availability'],
      ['2026-08-19-identity-signing-cert-expiry', 'identity-login'],
      ['2026-09-03-storefront-latency-gc-pauses', 'storefront-latency'],
      ['2026-10-13-payments-pay-by-bank-gateway-errors', 'payments-pay-by-bank'],
    ];
    for (const [incidentId, sloId] of cases) {
      const inc = incidents.find((i) => i.id === incidentId)!;
      const s = await load(sloId);
      const from = at(inc.started_at);
      const to = at(inc.mitigated_at!);
      const during = ratio(sum(s, from, to));
      const before = ratio(sum(s, Math.max(s.start, from - 7 * 86400), from - 3600));
      expect(during, `${incidentId} on ${sloId}`).toBeGreaterThan(10 * before);
    }
    // A SEV1 with "about half of orders failing" really shows about half failing.
    const db = incidents.find((i) => i.id === '2026-10-27-checkout-db-failover')!;
    const r = ratio(sum(await load('checkout-availability'), at(db.started_at) + 300, at(db.mitigated_at!) - 300));
    expect(r).toBeGreaterThan(0.3);
    expect(r).toBeLessThan(0.7);
  });

  it('has a bad period that no incident covers', async () => {
    const incidents = (await readSampleContent(root)).incidents;
    const from = at('2026-10-28T12:00:00Z');
    const to = at('2026-10-28T13:00:00Z');
    const s = await load('storefront-latency');
    expect(ratio(sum(s, from, to))).toBeGreaterThan(0.05);
    expect(incidents.filter((i) => i.services.includes('storefront') && at(i.started_at) < to && at(i.resolved_at ?? '2026-11-15T00:00:00Z') > from)).toEqual([]);
  });

  it("ends, by sitrep's own engine, with checkout availability red and the rest a mix of yellow and mostly green", async () => {
    const statuses: Record<string, string | null> = {};
    const { slos, incidents } = await readSampleContent(root);
    for (const slo of slos) statuses[slo.id] = buildSloReport(slo, await load(slo.id), END, incidents).status;
    expect(statuses['checkout-availability']).toBe('red');
    const count = (c: string) => Object.values(statuses).filter((v) => v === c).length;
    expect(count('yellow')).toBeGreaterThanOrEqual(1);
    expect(count('green')).toBeGreaterThan(Object.keys(statuses).length / 2);
  });

  it('refuses to replace a fetched snapshot with synthetic data, unless forced', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sitrep-sample-guard-'));
    try {
      await mkdir(join(dir, 'data', 'snapshots'), { recursive: true });
      const real = join(dir, 'data', 'snapshots', 'checkout-availability.json');
      const text = (await readFile(join(committed, 'checkout-availability.json'), 'utf8')).replace(/"generator": "[^"]*"/, '"generator": "sitrep fetch"');
      await writeFile(real, text);
      const refused = await run(node, ['scripts/generate-sample.ts', '--quiet', '--out', dir], { cwd: root }).catch((e: { code: number; stderr: string }) => e);
      expect((refused as { code: number }).code).toBe(1);
      expect((refused as { stderr: string }).stderr).toMatch(/holds snapshots not written by the sample generator \(checkout-availability.json\)/);
      expect(await readFile(real, 'utf8')).toBe(text);
      await run(node, ['scripts/generate-sample.ts', '--quiet', '--force', '--out', dir], { cwd: root });
      expect((await readSnapshot(real)).generator).toBe(`generate-sample seed=${DEFAULT_SEED}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('uses the seed: another seed gives other numbers for the same story', async () => {
    const a = await load('storefront-availability');
    const b = await readSnapshot(join(other, 'data', 'snapshots', 'storefront-availability.json'));
    expect(b.generator).toBe('generate-sample seed=7');
    expect(b.series.total.length).toBe(a.series.total.length);
    expect(b.series.total).not.toEqual(a.series.total);
  });
});
