/**
 * Integration tests of the fetch against a REAL Prometheus (backfilled with promtool) started
 * once for the file. See test/helpers/prometheus-fixture.ts for the scenario.
 *
 * Tolerance. Each step's value is `increase(x[5m])`: Prometheus takes the samples inside the
 * window (here 5, at 17s past each minute, spanning 240s) and extrapolates their delta to the
 * 300s window. So no step counts exactly the events of its window: the events between one
 * window's last sample and the next window's first (60s) are estimated as a quarter of the
 * window's 240s delta. The estimate is unbiased, and its error is about one minute's traffic
 * noise per step (the generator's counts vary +-20% a minute): ~20 requests per step, ~400 over
 * the 288 steps of a day of ~357k requests, i.e. ~0.1% (measured: 0.12%; hourly sums are off by
 * up to ~1%). Where the rate jumps (outage start/end, restart) a step is off by a fraction of a
 * minute's jump. We assert 0.5% (~4 standard deviations) on totals and good events, 3% on the
 * ~2.5k bad events of the day (measured: 0.07%), and 5e-4 absolute on the SLI (a fraction: 0.05
 * percentage points, a twentieth of a 99% objective's budget; measured: 3e-6 and 2.3e-5).
 * Prometheus's own single 24h evaluation extrapolates once over the day; it agrees with the
 * step sums to 2.5e-6 (availability) and 1.5e-5 (latency) on the SLI and 0.08% on bad events,
 * and is held to the same bounds. Over the whole 48h the step sums miss the events hidden in the
 * scrape gap and match truth minus those to 0.15%. The data are deterministic (seeded, placed
 * relative to the as-of time), so these numbers do not change from run to run.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSlos, type FetchOptions } from '../../src/adapters/prometheus/fetch-slos.ts';
import { requestedRange } from '../../src/adapters/prometheus/plan.ts';
import { abortableSleep } from '../../src/adapters/prometheus/retry.ts';
import { indicatorQueries } from '../../src/adapters/prometheus/queries.ts';
import { httpTransport } from '../../src/adapters/prometheus/transport.ts';
import { connectionFromEnv } from '../../src/adapters/prometheus/connection.ts';
import { readSnapshot, snapshotPath } from '../../src/adapters/snapshots/store.ts';
import type { Column, Snapshot } from '../../src/schemas/snapshot.ts';
import { instantQuery, startPrometheus, type PrometheusServer } from '../helpers/prometheus-server.ts';
import { SCRAPE_OFFSET, truth } from '../helpers/openmetrics-generator.ts';
import { BROKEN_INPUT, contentRoot, scenario, slo, SLO_INPUTS, type Scenario } from '../helpers/prometheus-fixture.ts';
import { startProxy, type ProxyControl } from '../helpers/prometheus-proxy.ts';
import { runCli } from '../helpers/prometheus-cli.ts';

const TOL = { events: 0.005, bad: 0.03, sli: 5e-4 };
const DAY = 86400;

let server: PrometheusServer;
let sc: Scenario;
const roots: string[] = [];

beforeAll(async () => {
  sc = scenario(Math.floor(Date.now() / 1000));
  server = await startPrometheus(sc.data.openMetrics);
});

afterAll(async () => {
  await server?.stop();
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

async function root(): Promise<string> {
  const r = await contentRoot([]);
  roots.push(r);
  return r;
}

function options(r: string, asOf: number, extra: Partial<FetchOptions> = {}): FetchOptions {
  return { root: r, range: requestedRange(asOf * 1000, 2, 300), maxPoints: 200, retry: { baseMs: 10 }, ...extra };
}

const direct = () => httpTransport(connectionFromEnv({ PROMETHEUS_URL: server.url })!);
const slos = () => Object.values(SLO_INPUTS).map(slo);

/** Sum of a column over the steps ending in (from, to]. */
function sumOver(s: Snapshot, col: Column, from: number, to: number): number {
  let sum = 0;
  col.forEach((v, i) => {
    const t = s.start + i * s.step;
    if (t > from && t <= to && v !== null) sum += v;
  });
  return sum;
}

const rel = (got: number, want: number) => Math.abs(got - want) / want;

describe('fetch against a real Prometheus', () => {
  let full: Record<string, Snapshot>;
  let fullRoot: string;

  beforeAll(async () => {
    fullRoot = await root();
    const report = await fetchSlos(slos(), direct(), options(fullRoot, sc.end));
    expect(report.results.map((r) => [r.id, r.ok, r.error])).toEqual(slos().map((s) => [s.id, true, undefined]));
    full = {};
    for (const s of slos()) full[s.id] = await readSnapshot(snapshotPath(fullRoot, s.id));
  });

  it('matches the ground truth and Prometheus over the last 24h', async () => {
    const from = sc.end - DAY;
    const to = sc.end;
    const a = full['api-availability']!;
    const good = sumOver(a, a.series.good!, from, to);
    const total = sumOver(a, a.series.total, from, to);
    const tGood = truth(sc.data, from, to, { codes: ['200', '404'] });
    const tTotal = truth(sc.data, from, to, {});
    const e = full['api-errors']!;
    const bad = sumOver(e, e.series.bad!, from, to);
    const tBad = truth(sc.data, from, to, { codes: ['500', '503'] });
    const l = full['api-latency']!;
    const lGood = sumOver(l, l.series.good!, from, to);
    const lTotal = sumOver(l, l.series.total, from, to);
    const tlGood = truth(sc.data, from, to, { le: '0.5' });
    expect(rel(good, tGood)).toBeLessThan(TOL.events);
    expect(rel(total, tTotal)).toBeLessThan(TOL.events);
    expect(rel(bad, tBad)).toBeLessThan(TOL.bad);
    expect(rel(lGood, tlGood)).toBeLessThan(TOL.events);
    expect(rel(lTotal, tTotal)).toBeLessThan(TOL.events);
    expect(Math.abs(good / total - tGood / tTotal)).toBeLessThan(TOL.sli);
    expect(Math.abs(lGood / lTotal - tlGood / tTotal)).toBeLessThan(TOL.sli);

    // Prometheus's own evaluation of the same SLI over the same window, at the end time.
    for (const [id, sli] of [['api-availability', good / total], ['api-latency', lGood / lTotal]] as const) {
      const q = indicatorQueries(slo(SLO_INPUTS[id]!).indicator, DAY);
      const promSli = await instantQuery(server.url, `(${q.good}) / (${q.total})`, to);
      expect(Math.abs(sli - promSli!)).toBeLessThan(TOL.sli);
    }
    const q = indicatorQueries(slo(SLO_INPUTS['api-errors']!).indicator, DAY);
    const promBad = await instantQuery(server.url, `sum(${q.bad})`, to);
    expect(rel(bad, promBad!)).toBeLessThan(TOL.bad);
  });

  it('stores null, never 0, for the steps in the scrape gap; the gap events are not counted', () => {
    const a = full['api-availability']!;
    const scrapes = sc.data.intervals.filter((iv) => iv.scraped).map((iv) => iv.t);
    let nulls = 0;
    a.series.total.forEach((v, i) => {
      const t = a.start + i * a.step;
      const inWindow = scrapes.filter((s) => s >= t - 300 && s <= t).length;
      if (inWindow < 2) {
        nulls++;
        for (const s of Object.values(full)) for (const col of Object.values(s.series)) expect(col![i]).toBeNull();
      } else {
        expect(v).toBeGreaterThan(0);
      }
    });
    expect(nulls).toBeGreaterThanOrEqual(5);
    // Over the whole range: the truth minus the events between the last sample before the gap and the first after it.
    const from = a.start - a.step;
    const lost = truth(sc.data, sc.gap[0] - 60 + SCRAPE_OFFSET, sc.gap[1] + SCRAPE_OFFSET, {});
    const total = sumOver(a, a.series.total, from, sc.end);
    expect(rel(total, truth(sc.data, from, sc.end, {}) - lost)).toBeLessThan(TOL.events);
  });

  it('writes the snapshot format: 576 steps of 5m ending at the as-of time, with the queries sent', async () => {
    const a = full['api-availability']!;
    expect(a.step).toBe(300);
    expect(a.series.total).toHaveLength(576);
    expect(a.start + 575 * 300).toBe(sc.end);
    expect(a.queries).toEqual(indicatorQueries(slo(SLO_INPUTS['api-availability']!).indicator, 300));
    expect(a.generator).toBe('sitrep fetch');
    const status = JSON.parse(await readFile(`${fullRoot}/data/fetch-status.json`, 'utf8'));
    expect(status.slos['api-availability']).toMatchObject({ ok: true, lastSuccess: a.fetchedAt, dataEnd: new Date(sc.end * 1000).toISOString() });
    expect(status.slos['api-errors'].warnings.join('\n')).toMatch(/returned 4 series; summed per step/);
  });

  it('an incremental fetch gives the same numbers as a full one', async () => {
    const r = await root();
    const first = await fetchSlos(slos(), direct(), options(r, sc.end - 6 * 3600));
    expect(first.ok).toBe(true);
    const second = await fetchSlos(slos(), direct(), options(r, sc.end));
    expect(second.ok).toBe(true);
    for (const res of second.results) {
      expect(res.mode).toBe('incremental');
      // 6h new + 1h overlap = 85 steps: one chunk per series instead of 3.
      expect(res.chunksTotal).toBe(2);
    }
    for (const s of slos()) {
      const inc = await readSnapshot(snapshotPath(r, s.id));
      const ref = full[s.id]!;
      // The incremental snapshot keeps 6h more history at the start (72 steps).
      expect(inc.start).toBe(ref.start - 6 * 3600);
      for (const [name, col] of Object.entries(ref.series)) {
        expect(inc.series[name as 'total']!.slice(72)).toEqual(col);
        // Data start 50h before the end: the first 48 of those steps have no samples (null), the rest do.
        const head = inc.series[name as 'total']!.slice(0, 72);
        expect(head.slice(0, 48).every((v) => v === null)).toBe(true);
        expect(head.slice(48).every((v) => v !== null && v >= 0)).toBe(true);
      }
    }
  });

  describe('through a fault-injecting proxy', () => {
    let proxy: ProxyControl;
    beforeAll(async () => {
      proxy = await startProxy(server.url);
    });
    afterAll(async () => {
      await proxy?.close();
    });
    const viaProxy = (env: Record<string, string> = {}) => httpTransport(connectionFromEnv({ PROMETHEUS_URL: proxy.url, ...env })!);

    it('retries 500s and 429 (honouring Retry-After) and gets the same result', async () => {
      const r = await root();
      proxy.failNext = 3;
      const report = await fetchSlos([slo(SLO_INPUTS['api-availability']!)], viaProxy(), options(r, sc.end, { concurrency: 1 }));
      expect(report.results[0]).toMatchObject({ ok: true, retries: 3, chunks: 6, chunksTotal: 6 });
      expect((await readSnapshot(snapshotPath(r, 'api-availability'))).series).toEqual(full['api-availability']!.series);

      proxy.throttleNext = 1;
      const waits: number[] = [];
      const sleep = (ms: number, signal?: AbortSignal) => {
        waits.push(ms);
        return abortableSleep(ms, signal);
      };
      const again = await fetchSlos([slo(SLO_INPUTS['api-latency']!)], viaProxy(), options(r, sc.end, { concurrency: 1, retry: { baseMs: 10, sleep } }));
      expect(again.results[0]).toMatchObject({ ok: true, retries: 1 });
      // The 429's `Retry-After: 1` sets the one wait: 1,000 ms, not the 10 ms backoff.
      expect(waits).toEqual([1000]);
      expect((await readSnapshot(snapshotPath(r, 'api-latency'))).series).toEqual(full['api-latency']!.series);
    });

    it('fails a query with a syntax error with the SLO file and Prometheus\'s message, and still writes the others', async () => {
      const r = await root();
      proxy.log.length = 0;
      const report = await fetchSlos([slo(BROKEN_INPUT), slo(SLO_INPUTS['api-availability']!)], viaProxy(), options(r, sc.end));
      const [broken, ok] = report.results;
      expect(report.ok).toBe(false);
      expect(ok!.ok).toBe(true);
      expect(broken!.ok).toBe(false);
      expect(broken!.retries).toBe(0);
      expect(broken!.error).toContain('content/slos/api-broken.yaml');
      expect(broken!.error).toMatch(/HTTP 400 \(bad_data\) .*parse error/);
      expect(broken!.error).toContain(BROKEN_INPUT.indicator.kind === 'ratio' ? BROKEN_INPUT.indicator.good!.replace('{{window}}', '5m') : '');
      expect(proxy.log.filter((l) => l.status === 400).length).toBeGreaterThanOrEqual(1);
      const status = JSON.parse(await readFile(join(r, 'data', 'fetch-status.json'), 'utf8'));
      expect(status.slos['api-broken']).toMatchObject({ ok: false, lastSuccess: null });
      expect(status.slos['api-availability'].ok).toBe(true);
      await expect(readFile(snapshotPath(r, 'api-broken'))).rejects.toThrow(/ENOENT/);
    });

    describe('the CLI (node scripts/fetch.ts)', () => {
      const TOKEN = 'tok-7f3a9c1e5b2d4a6f8e0c';
      let r: string;
      const cliArgs = () => ['--root', r, '--as-of', new Date(sc.end * 1000).toISOString(), '--days', '2', '--retries', '1'];
      async function dataFiles(dir: string): Promise<string> {
        const out: string[] = [];
        for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
          if (e.isFile()) out.push(await readFile(join(e.parentPath, e.name), 'utf8'));
        }
        return out.join('\n');
      }

      beforeAll(async () => {
        r = await contentRoot([...Object.values(SLO_INPUTS), BROKEN_INPUT]);
        roots.push(r);
      });

      it('fetches with a bearer token that appears in no file, stdout or stderr; exits 1 for the broken SLO', async () => {
        proxy.requireAuth = `Bearer ${TOKEN}`;
        const res = await runCli(cliArgs(), { PROMETHEUS_URL: proxy.url, PROMETHEUS_BEARER_TOKEN: TOKEN });
        proxy.requireAuth = undefined;
        expect(res.code, res.stderr).toBe(1);
        expect(res.stdout).toMatch(/api-availability\s+ok/);
        expect(res.stdout).toMatch(/api-broken\s+FAILED/);
        expect(res.stdout).toContain('3 of 4 SLOs fetched, 1 failed');
        // The line of the broken query (`"good": …` of the JSON-as-YAML file), not line 1.
        expect(res.stdout).toContain('content/slos/api-broken.yaml:8: SLO api-broken, series good: Prometheus rejected the query: HTTP 400 (bad_data)');
        expect(res.stderr).toContain('bearer token');
        for (const s of slos()) expect((await readSnapshot(snapshotPath(r, s.id))).series).toEqual(full[s.id]!.series);
        const files = await dataFiles(join(r, 'data'));
        expect(files).toContain('api-availability');
        for (const text of [files, res.stdout, res.stderr]) {
          expect(text).not.toContain(TOKEN);
          expect(text).not.toContain(TOKEN.slice(4, 16));
        }
      });

      it('takes basic auth from URL userinfo and never prints the password, even when rejected', async () => {
        const pass = 'pw-Secret-4242';
        proxy.requireAuth = `Basic ${Buffer.from(`alice:${pass}`).toString('base64')}`;
        const url = proxy.url.replace('http://', `http://alice:${pass}@`);
        const ok = await runCli([...cliArgs(), '--slo', 'api-availability'], { PROMETHEUS_URL: url });
        const bad = await runCli([...cliArgs(), '--slo', 'api-latency'], { PROMETHEUS_URL: url.replace(pass, `${pass}x`) });
        proxy.requireAuth = undefined;
        expect(ok.code, ok.stderr).toBe(0);
        expect(bad.code).toBe(1);
        expect(bad.stdout).toContain('HTTP 401 Unauthorized: the server refused the credentials');
        expect(bad.stdout).not.toContain('missing or wrong credentials');
        const files = await dataFiles(join(r, 'data'));
        for (const text of [files, ok.stdout, ok.stderr, bad.stdout, bad.stderr]) expect(text).not.toContain(pass);
      });

      it('leaves the last good snapshots byte-identical when interrupted mid-fetch (SIGINT), exit 130', async () => {
        const before = await Promise.all(slos().map((s) => readFile(snapshotPath(r, s.id), 'utf8')));
        proxy.hang = true;
        const seen = proxy.received;
        const res = await runCli([...cliArgs(), '--full'], { PROMETHEUS_URL: proxy.url }, (proc) => {
          const poll = setInterval(() => {
            if (proxy.received > seen) {
              clearInterval(poll);
              proc.kill('SIGINT');
            }
          }, 20);
        });
        proxy.hang = false;
        expect(res.code, res.stderr).toBe(130);
        expect(res.stdout).toContain('interrupted');
        const after = await Promise.all(slos().map((s) => readFile(snapshotPath(r, s.id), 'utf8')));
        expect(after).toEqual(before);
      });

      it('leaves the last good snapshots byte-identical and exits 1 when the server stays down', async () => {
        const before = await Promise.all(slos().map((s) => readFile(snapshotPath(r, s.id), 'utf8')));
        const fetchedAt = JSON.parse(before[0]!).fetchedAt;
        proxy.down = true;
        const res = await runCli(cliArgs(), { PROMETHEUS_URL: proxy.url });
        proxy.down = false;
        expect(res.code).toBe(1);
        expect(res.stdout).toContain('0 of 4 SLOs fetched, 4 failed');
        expect(res.stdout).toMatch(/gave up after 2 attempts: HTTP 503/);
        const after = await Promise.all(slos().map((s) => readFile(snapshotPath(r, s.id), 'utf8')));
        expect(after).toEqual(before);
        const status = JSON.parse(await readFile(join(r, 'data', 'fetch-status.json'), 'utf8'));
        expect(status.slos['api-availability']).toMatchObject({ ok: false, lastSuccess: fetchedAt, dataEnd: new Date(sc.end * 1000).toISOString() });
        expect(status.slos['api-availability'].error).toMatch(/gave up after 2 attempts/);
      });
    });
  });
});
