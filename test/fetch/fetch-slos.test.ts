import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchSlos, type FetchOptions } from '../../src/adapters/prometheus/fetch-slos.ts';
import { readFetchStatus } from '../../src/adapters/prometheus/fetch-status.ts';
import { pointsIn, requestedRange } from '../../src/adapters/prometheus/plan.ts';
import { readSnapshot, snapshotPath } from '../../src/adapters/snapshots/store.ts';
import { fakeTransport } from '../helpers/prometheus-fake.ts';
import { slo, SLO_INPUTS } from '../helpers/prometheus-fixture.ts';

const T = Date.parse('2026-10-03T09:00:00Z');
const avail = slo(SLO_INPUTS['api-availability']!);
const latency = slo(SLO_INPUTS['api-latency']!);
/** good = 99, total = 100 per step; no data in one hour. */
const value = (query: string, t: number) => (t > T / 1000 - 5 * 3600 && t <= T / 1000 - 4 * 3600 ? undefined : query.includes('!~') || query.includes('le="0.5"') ? 99 : 100);

let root: string;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function setup(): Promise<FetchOptions> {
  root = await mkdtemp(join(tmpdir(), 'sitrep-fetch-unit-'));
  return { root, range: requestedRange(T, 90, 300), retry: { baseMs: 1, retries: 2 }, now: () => new Date(T + 60_000) };
}

describe('fetchSlos (fake server)', () => {
  it('chunks 90 days into requests of at most 11,000 points, with bounded concurrency', async () => {
    const o = await setup();
    const t = fakeTransport(value, 5);
    const ids = ['a', 'b', 'c', 'd'];
    const report = await fetchSlos(ids.map((id) => ({ ...avail, id })), t, { ...o, concurrency: 3 });
    expect(report.ok).toBe(true);
    expect(t.calls).toHaveLength(4 * 2 * 3);
    expect(Math.max(...t.calls.map((c) => pointsIn(c)))).toBe(11_000);
    expect(t.maxInFlight).toBe(3);
    const s = await readSnapshot(snapshotPath(root, 'a'));
    expect(s.series.total).toHaveLength(90 * 288);
    expect(s.series.total.filter((v) => v === null)).toHaveLength(12);
    expect(s.series.good!.at(-1)).toBe(99);
    expect(report.results[0]).toMatchObject({ points: 2 * (90 * 288 - 12), chunks: 6, chunksTotal: 6, retries: 0 });
  });

  it('keeps a failing SLO\'s last good snapshot byte-identical, writes the others, records both in fetch-status.json', async () => {
    const o = await setup();
    await fetchSlos([avail, latency], fakeTransport(value), o);
    const before = await readFile(snapshotPath(root, 'api-availability'), 'utf8');
    const t = fakeTransport(value);
    // The incremental fetch makes one request per series; the first one (availability) fails for good.
    t.script = [{ status: 422, body: { status: 'error', errorType: 'execution', error: 'too many samples' } }];
    const report = await fetchSlos([avail, latency], t, { ...o, concurrency: 1, now: () => new Date(T + 120_000) });
    expect(report.ok).toBe(false);
    expect(report.results.map((r) => r.ok)).toEqual([false, true]);
    expect(report.results[0]!.error).toMatch(/^content\/slos\/api-availability.yaml:1: SLO api-availability, series good: Prometheus rejected the query: HTTP 422 \(execution\) too many samples\n {2}query: sum\(increase/);
    expect(await readFile(snapshotPath(root, 'api-availability'), 'utf8')).toBe(before);
    const status = await readFetchStatus(root);
    expect(status.slos['api-availability']).toMatchObject({ ok: false, lastSuccess: new Date(T + 60_000).toISOString(), lastAttempt: new Date(T + 120_000).toISOString() });
    expect(status.slos['api-latency']).toMatchObject({ ok: true, lastSuccess: new Date(T + 120_000).toISOString() });

    // A run for one SLO keeps the other entries.
    await fetchSlos([latency], fakeTransport(value), o);
    expect(Object.keys((await readFetchStatus(root)).slos)).toEqual(['api-availability', 'api-latency']);
  });

  it('extends incrementally; new values win over the overlap', async () => {
    const o = await setup();
    await fetchSlos([avail], fakeTransport(value), { ...o, range: requestedRange(T - 3 * 3600_000, 90, 300) });
    const t = fakeTransport((q, ts) => (ts > T / 1000 - 3 * 3600 - 1800 ? 7 : value(q, ts)));
    const report = await fetchSlos([avail], t, o);
    expect(report.results[0]).toMatchObject({ mode: 'incremental', chunksTotal: 2 });
    expect(t.calls.map((c) => (c.end - c.start) / 3600)).toEqual([4, 4]);
    const s = await readSnapshot(snapshotPath(root, 'api-availability'));
    expect(s.start).toBe(requestedRange(T - 3 * 3600_000, 90, 300).start);
    // 7 from 3h30m before the end: the 6 steps up to the old end were 100 and are overwritten.
    expect(s.series.total.slice(-42)).toEqual(new Array(42).fill(7));
    expect(s.series.total.at(-43)).toBe(100);
  });

  it('reports partial responses as warnings, or fails the SLO with failOnWarnings', async () => {
    const o = await setup();
    const t = fakeTransport(value);
    t.warnings = ['partial response: 1 of 3 store gateways unavailable'];
    const warned = await fetchSlos([avail], t, o);
    expect(warned.results[0]!.ok).toBe(true);
    expect(warned.results[0]!.warnings).toContain('series good: Prometheus warning: partial response: 1 of 3 store gateways unavailable');
    expect((await readFetchStatus(root)).slos['api-availability']!.warnings).toHaveLength(2);
    const strict = await fetchSlos([avail], t, { ...o, failOnWarnings: true });
    expect(strict.results[0]!.error).toMatch(/warnings and --fail-on-warnings is set/);
  });

  it('writes an empty result as nulls, with a warning', async () => {
    const o = await setup();
    const report = await fetchSlos([avail], fakeTransport((q) => (q.includes('!~') ? undefined : 5)), { ...o, range: requestedRange(T, 1, 300) });
    expect(report.results[0]!.warnings).toEqual(['series good: no data at all in the fetched range (check the metric and label names)']);
    const s = await readSnapshot(snapshotPath(root, 'api-availability'));
    expect(s.series.good).toEqual(new Array(288).fill(null));
    expect(s.series.total).toEqual(new Array(288).fill(5));
  });

  it('redacts credentials from error messages', async () => {
    const o = await setup();
    const t = fakeTransport(value);
    t.script = [{ status: 400, body: 'token s3cret-tok rejected' }];
    const report = await fetchSlos([avail], t, { ...o, redact: (s) => s.replaceAll('s3cret-tok', '[REDACTED]') });
    expect(report.results[0]!.error).toContain('token [REDACTED] rejected');
    expect(await readFile(join(root, 'data', 'fetch-status.json'), 'utf8')).not.toContain('s3cret-tok');
  });
});
