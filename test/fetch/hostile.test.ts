/**
 * The fetch against broken and hostile servers: real HTTP servers on 127.0.0.1 (see
 * test/helpers/hostile-server.ts) that echo credentials, answer nothing where data existed, send
 * samples twice, send far more than was asked, or redirect.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectionFromEnv } from '../../src/adapters/prometheus/connection.ts';
import { fetchSlos } from '../../src/adapters/prometheus/fetch-slos.ts';
import { requestedRange } from '../../src/adapters/prometheus/plan.ts';
import { httpTransport } from '../../src/adapters/prometheus/transport.ts';
import { readSnapshot, snapshotPath } from '../../src/adapters/snapshots/store.ts';
import { matrix, requestedSteps, startHostile, type HostileAnswer, type HostileServer, type SeenRequest } from '../helpers/hostile-server.ts';
import { buildSite } from '../helpers/build.ts';
import { runCli } from '../helpers/prometheus-cli.ts';
import { contentRoot, slo, SLO_INPUTS } from '../helpers/prometheus-fixture.ts';

const AS_OF = '2026-10-03T09:00:00Z';
const avail = slo(SLO_INPUTS['api-availability']!);

/** A well-behaved answer: good 99 and total 100 at every step asked for. */
function steady(req: SeenRequest): HostileAnswer {
  const v = req.params.get('query')!.includes('!~') ? 99 : 100;
  return matrix([{ metric: {}, values: requestedSteps(req).map((t) => [t, v]) }]);
}

/** Every 8-character piece of a secret: none may appear in any output. */
function fragments(secret: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i++) out.push(secret.slice(i, i + 8));
  return out;
}

let server: HostileServer;
let root: string;
const roots: string[] = [];

beforeAll(async () => {
  server = await startHostile(steady);
});
afterAll(async () => {
  await server.close();
  for (const r of roots) await rm(r, { recursive: true, force: true });
});
beforeEach(async () => {
  server.answer = steady;
  server.requests.length = 0;
  root = await contentRoot([SLO_INPUTS['api-availability']!]);
  roots.push(root);
});

const cli = (extra: string[], env: Record<string, string> = {}) =>
  runCli(['--root', root, '--as-of', AS_OF, '--days', '1', '--retries', '0', ...extra], { PROMETHEUS_URL: server.url, ...env });
// The CLI tests run `node scripts/fetch.ts` one to three times: seconds alone, more on a loaded machine.
const statusText = () => readFile(join(root, 'data', 'fetch-status.json'), 'utf8');

describe('credentials in error bodies', { timeout: 120_000 }, () => {
  it('a proxy that echoes the Authorization header near byte 200 leaks no part of the token', async () => {
    const token = 'tok-7f3a9c1e5b2d4a6f8e0c';
    server.answer = (req) => ({
      status: 502,
      headers: { 'Content-Type': 'text/html' },
      body: `<html><body>${'x'.repeat(155)} Authorization: ${String(req.headers.authorization)} (upstream down)</body></html>`,
    });
    const r = await cli([], { PROMETHEUS_BEARER_TOKEN: token });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('HTTP 502: <html><body>xxx');
    expect(r.stdout).toContain('Authorization: Bearer [REDACTED]');
    // The built site shows the failure (the SLO is stale), redacted too.
    const site = await buildSite(['--root', root, '--as-of', AS_OF]);
    roots.push(site.out);
    expect(site.code, site.stderr).toBe(0);
    const page = await readFile(join(site.out, 'slos', 'api-availability', 'index.html'), 'utf8');
    expect(page).toContain('Authorization: Bearer [REDACTED]');
    const api = await readFile(join(site.out, 'api', 'v1', 'slos', 'api-availability.json'), 'utf8');
    // The SLO's API file carries the failure too (redacted), so the check below has something to miss.
    expect(api).toContain('Authorization: Bearer [REDACTED]');
    for (const text of [r.stdout, r.stderr, await statusText(), page, api, await readFile(join(site.out, 'api', 'v1', 'slos.json'), 'utf8')]) {
      for (const piece of fragments(token)) expect(text).not.toContain(piece);
    }
  }, 120_000);

  it('never shows a 401 page, which may echo the credentials HTML-escaped', async () => {
    const token = `s3cr&t<to>k"'-9d8c7b6a`;
    const escaped = token.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    server.answer = () => ({ status: 401, headers: { 'Content-Type': 'text/html' }, body: `<p>Bearer ${escaped} is not valid here</p>` });
    const r = await cli([], { PROMETHEUS_BEARER_TOKEN: token });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('HTTP 401 Unauthorized: the server refused the credentials');
    expect(r.stdout).not.toContain('is not valid here');
    for (const text of [r.stdout, r.stderr, await statusText()]) {
      expect(text).not.toContain(escaped);
      expect(text).not.toContain('9d8c7b6a');
    }
  });

  it('redacts a token echoed HTML- or JSON-escaped, or cut short, in any other error', async () => {
    const token = `s3cr&t<to>k"'-9d8c7b6a`;
    const html = token.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#x27;');
    // Go's encoding/json writes & < > as \u0026 \u003c \u003e.
    const json = JSON.stringify({ status: 'error', errorType: 'internal', error: `token ${token} / ${html} / ${token.slice(0, 12)}` }).replace(/&/g, '\\u0026').replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
    server.answer = () => ({ status: 500, body: json });
    const r = await cli([], { PROMETHEUS_BEARER_TOKEN: token });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('HTTP 500: (internal) token [REDACTED] / [REDACTED] / [REDACTED]');
    for (const text of [r.stdout, r.stderr, await statusText()]) {
      for (const piece of [...fragments(token), html, '9d8c7b6a', 's3cr&t<t']) expect(text).not.toContain(piece);
    }
  });
});

describe('an answer with no data where the snapshot has data', { timeout: 120_000 }, () => {
  it('fails the SLO and keeps its snapshot byte-identical; --allow-data-loss lets it through', async () => {
    expect((await cli([])).code).toBe(0);
    const before = await readFile(snapshotPath(root, 'api-availability'), 'utf8');
    const lastSuccess = JSON.parse(await statusText()).slos['api-availability'].lastSuccess;
    // A wrong tenant, or a shorter retention: an empty matrix, status success.
    server.answer = () => matrix([]);
    const r = await cli(['--full']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('0 of 1 SLOs fetched, 1 failed');
    expect(r.stdout).toMatch(/series good: Prometheus answered no data over .*, where the snapshot holds 288 values .*: the snapshot is kept as it was; pass --allow-data-loss/);
    expect(await readFile(snapshotPath(root, 'api-availability'), 'utf8')).toBe(before);
    expect(JSON.parse(await statusText()).slos['api-availability']).toMatchObject({ ok: false, lastSuccess });

    const allowed = await cli(['--full', '--allow-data-loss']);
    expect(allowed.code, allowed.stdout).toBe(0);
    expect((await readSnapshot(snapshotPath(root, 'api-availability'))).series.total).toEqual(new Array(288).fill(null));
  });

  it('keeps known values at the steps the answer has no data for, and says so', async () => {
    expect((await cli([])).code).toBe(0);
    // Retention shorter than the range: the first 100 steps come back empty.
    server.answer = (req) => {
      const a = steady(req);
      const body = JSON.parse(a.body as string);
      body.data.result[0].values = body.data.result[0].values.slice(100);
      return { status: 200, body: JSON.stringify(body) };
    };
    const r = await cli(['--full']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stderr).toContain('series total: no data in the answer for 100 steps that hold values in the snapshot: the known values are kept');
    expect((await readSnapshot(snapshotPath(root, 'api-availability'))).series.total).toEqual(new Array(288).fill(100));
  });
});

describe('repeated samples', { timeout: 120_000 }, () => {
  it('counts a sample sent twice once, with a warning', async () => {
    server.answer = (req) => {
      const a = JSON.parse(steady(req).body as string);
      const s = a.data.result[0];
      a.data.result = [{ ...s, values: s.values.flatMap((v: unknown) => [v, v]) }, s];
      return { status: 200, body: JSON.stringify(a) };
    };
    const r = await cli([]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stderr).toContain('series total: 576 duplicate samples (same series, time and value) dropped');
    const snap = await readSnapshot(snapshotPath(root, 'api-availability'));
    expect(snap.series.total).toEqual(new Array(288).fill(100));
    expect(snap.series.good).toEqual(new Array(288).fill(99));
  });

  it('refuses two different values for one series and time, and writes nothing', async () => {
    server.answer = (req) => {
      const steps = requestedSteps(req);
      return matrix([{ metric: { job: 'api' }, values: [...steps.map((t): [number, number] => [t, 100]), [steps[5]!, 250]] }]);
    };
    const r = await cli([]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the answer holds two different values ("100" and "250") for the same series {job="api"} at 2026-10-02T09:30:00.000Z: refusing it');
    await expect(readFile(snapshotPath(root, 'api-availability'))).rejects.toThrow(/ENOENT/);
  });
});

describe('answers larger than the request can return', () => {
  const options = () => ({ root, range: requestedRange(Date.parse(AS_OF), 1, 300), retry: { retries: 0 } });
  const transport = () => httpTransport(connectionFromEnv({ PROMETHEUS_URL: server.url })!);

  it('stops reading an answer over the size limit and fails the SLO clearly', async () => {
    // 200 MB of samples, produced as they are sent: the client must hang up long before the end.
    server.answer = () => ({
      status: 200,
      body: (function* () {
        yield '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[';
        const row = '[1759482000,"1"],'.repeat(64 * 1024);
        for (let i = 0; i < 200 * 1024 * 1024 / row.length; i++) yield row;
        yield '[1759482000,"1"]]}]}}';
      })(),
    });
    const report = await fetchSlos([avail], transport(), { ...options(), maxResponseBytes: 1024 * 1024 });
    expect(report.results[0]!.ok).toBe(false);
    expect(report.results[0]!.error).toContain('the answer is larger than 1 MB: stopped reading it (asked for 288 points per series): refusing it');
    expect(server.bytesWritten).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a series with more samples than the request has steps', async () => {
    // 10 times the 288 steps asked for, every 30 seconds.
    server.answer = (req) => matrix([{ values: requestedSteps(req).flatMap((t) => Array.from({ length: 10 }, (_, k): [number, number] => [t + 30 * k, 1])) }]);
    const report = await fetchSlos([avail], transport(), options());
    expect(report.results[0]!.error).toContain('a series of the answer has 2880 samples, but the request (step 300s) can return at most 288: refusing it');
    await expect(readFile(snapshotPath(root, 'api-availability'))).rejects.toThrow(/ENOENT/);
  });
});

describe('redirects', () => {
  it('are reported, not followed: the credentials reach no other URL, not even another path of the same server', async () => {
    const elsewhere = await startHostile(steady);
    try {
      for (const location of [`${elsewhere.url}/api/v1/query_range`, '/login?next=/api/v1/query_range']) {
        server.requests.length = 0;
        server.answer = (req) => (req.path === '/api/v1/query_range' ? { status: 307, headers: { Location: location } } : steady(req));
        const conn = connectionFromEnv({ PROMETHEUS_URL: server.url, PROMETHEUS_BEARER_TOKEN: 'tok-redirect-0123456789', PROMETHEUS_HEADERS: 'X-Scope-OrgID=tenant-secret' })!;
        const report = await fetchSlos([avail], httpTransport(conn), { root, range: requestedRange(Date.parse(AS_OF), 1, 300), retry: { retries: 0 }, concurrency: 1, redact: conn.redact, redactServerText: conn.redactServerText });
        expect(report.results[0]!.error).toContain(`HTTP 307: redirected (to ${location}); set PROMETHEUS_URL to the final URL`);
        // The credentials were sent to the configured server, and only there.
        expect(server.requests.map((r) => [r.path, r.headers.authorization, r.headers['x-scope-orgid']])).toEqual([
          ['/api/v1/query_range', 'Bearer tok-redirect-0123456789', 'tenant-secret'],
        ]);
      }
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });
});
