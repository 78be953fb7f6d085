/** The CLI without a server: exit codes, --dry-run, flag errors. */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFetchArgs } from '../../scripts/lib/fetch/args.ts';
import { runCli } from '../helpers/prometheus-cli.ts';
import { contentRoot, SLO_INPUTS } from '../helpers/prometheus-fixture.ts';

let root: string;
beforeAll(async () => {
  root = await contentRoot(Object.values(SLO_INPUTS));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('node scripts/fetch.ts', () => {
  it('explains what to set and exits 2 without PROMETHEUS_URL', async () => {
    const r = await runCli(['--root', root], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PROMETHEUS_URL is not set');
    expect(r.stderr).toContain('PROMETHEUS_BEARER_TOKEN');
  });

  it('--dry-run prints the queries and chunk ranges without contacting anything', async () => {
    const r = await runCli(['--root', root, '--dry-run', '--as-of', '2026-10-03T09:12:00Z', '--slo', 'api-latency'], { PROMETHEUS_URL: 'http://127.0.0.1:9' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('api-latency (content/slos/api-latency.yaml): full, no snapshot yet');
    expect(r.stdout).toContain('good: sum(increase(http_request_duration_seconds_bucket{job="api",le="0.5"}[5m]))');
    // 90 days ending 09:10 (09:12 aligned down): 25,920 steps in chunks of 11,000.
    expect(r.stdout).toContain('chunk 2026-07-05T09:15:00Z .. 2026-08-12T13:50:00Z step 300s (11000 points per series)');
    expect(r.stdout).toContain('chunk 2026-08-12T13:55:00Z .. 2026-09-19T18:30:00Z step 300s (11000 points per series)');
    expect(r.stdout).toContain('chunk 2026-09-19T18:35:00Z .. 2026-10-03T09:10:00Z step 300s (3920 points per series)');
    expect(r.stdout).not.toContain('api-availability');
  });

  it('exits 2 on an unknown SLO, a bad flag or bad credentials settings', async () => {
    const env = { PROMETHEUS_URL: 'http://127.0.0.1:9' };
    const unknown = await runCli(['--root', root, '--slo', 'nope'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no SLO "nope" in content/slos/ (known: api-availability, api-errors, api-latency)');
    expect((await runCli(['--root', root, '--step', 'five'], env)).code).toBe(2);
    const both = await runCli(['--root', root], { ...env, PROMETHEUS_BEARER_TOKEN: 'abc', PROMETHEUS_PASSWORD: 'zzz-pw' });
    expect(both.code).toBe(2);
    expect(both.stderr).not.toContain('zzz-pw');
  });
});

describe('node scripts/fetch.ts refuses before contacting anything', () => {
  const env = { PROMETHEUS_URL: 'http://127.0.0.1:9' };
  it('an --as-of without an offset (it would be local time), or one that does not exist', async () => {
    for (const asOf of ['2026-10-03T09:00:00', '2026-10-03', '2026-02-30T00:00:00Z']) {
      const r = await runCli(['--root', root, '--as-of', asOf], env);
      expect(r.code, asOf).toBe(2);
      expect(r.stderr).toContain(`--as-of: expected an ISO 8601 time with an offset that exists, such as 2026-10-03T09:00:00Z or 2026-10-03T11:00:00+02:00 (without one it would be read as local time), got "${asOf}"`);
    }
  });

  it('a range that would make a snapshot too large (a year of 1-second steps), with what to do', async () => {
    const r = await runCli(['--root', root, '--days', '365', '--step', '1s'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--days 365 --step 1s: 31,536,000 points per series, more than the 1,000,000 a snapshot may hold (at a 1s step that is 11.6 days): use a longer step, or fewer days');
  });

  it('a corrupt data/fetch-status.json, naming it', async () => {
    const other = await contentRoot([SLO_INPUTS['api-availability']!]);
    await mkdir(join(other, 'data'), { recursive: true });
    await writeFile(join(other, 'data', 'fetch-status.json'), '{"format": ');
    const r = await runCli(['--root', other, '--retries', '0'], env);
    await rm(other, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^sitrep fetch: data\/fetch-status.json: not valid JSON \(.*\): fix it, or delete it/m);
  });
});

describe('parseFetchArgs', () => {
  const now = new Date('2026-10-03T09:12:00Z');
  it('has the documented defaults', () => {
    expect(parseFetchArgs([], {}, now)).toMatchObject({ days: 90, step: 300, asOf: now, concurrency: 4, timeoutMs: 30_000, retries: 5, full: false, dryRun: false, slo: [] });
  });
  it('takes SITREP_AS_OF, overridden by --as-of', () => {
    expect(parseFetchArgs([], { SITREP_AS_OF: '2026-01-01T00:00:00Z' }, now).asOf.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseFetchArgs(['--as-of', '2026-02-01T00:00:00+01:00'], { SITREP_AS_OF: '2026-01-01T00:00:00Z' }, now).asOf.toISOString()).toBe('2026-01-31T23:00:00.000Z');
    expect(() => parseFetchArgs([], { SITREP_AS_OF: 'yesterday' }, now)).toThrow(/SITREP_AS_OF/);
    expect(() => parseFetchArgs([], { SITREP_AS_OF: '2026-01-01T00:00:00' }, now)).toThrow(/SITREP_AS_OF: expected an ISO 8601 time with an offset/);
  });
  it('parses durations and repeated --slo', () => {
    expect(parseFetchArgs(['--step', '1m', '--timeout', '2m', '--slo', 'a', '--slo', 'b', '--days', '7'], {}, now)).toMatchObject({ step: 60, timeoutMs: 120_000, slo: ['a', 'b'], days: 7 });
    expect(() => parseFetchArgs(['--concurrency', '0'], {}, now)).toThrow(/--concurrency/);
    expect(parseFetchArgs(['--allow-data-loss', '--max-response-mb', '8'], {}, now)).toMatchObject({ allowDataLoss: true, maxResponseBytes: 8 * 1024 * 1024 });
    expect(parseFetchArgs([], {}, now)).toMatchObject({ allowDataLoss: false, maxResponseBytes: 64 * 1024 * 1024 });
  });
});
