import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const F = 'test/fixtures/foreign';

async function importFiles(...args: string[]) {
  try {
    const r = await run(process.execPath, ['scripts/import.ts', ...args], { env: { ...process.env, GITHUB_ACTIONS: '' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('npm run import', () => {
  it('explains a Sloth file: window, objective, the queries as fetched, the alerts, and what is not used', async () => {
    const r = await importFiles('--step', '1m', `${F}/sloth/getting-started.yml`, `${F}/sloth/no-alerts.yml`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${F}/sloth/getting-started.yml:9 myservice-requests-availability (Sloth)`);
    expect(r.stdout).toContain('  objective  99.9%\n  window     rolling 30d\n  budgeting  occurrences\n  queries    as fetched at 1m steps:');
    expect(r.stdout).toContain('    total  (sum(rate(http_request_duration_seconds_count{job="myservice"}[1m]))) * 60');
    expect(r.stdout).toContain('  alerts     page-fast above 14.4x over 1h and 5m; page-slow above 6x over 6h and 30m; ticket-fast above 3x over 1d and 2h; ticket-slow above 1x over 3d and 6h');
    expect(r.stdout).toContain('  alerts     none; off: page-fast, page-slow, ticket-fast, ticket-slow');
    expect(r.stdout).toContain(`Read but not used:\n  ${F}/sloth/getting-started.yml:4 service myservice: labels are not used`);
  });

  it('explains OpenSLO alert policies: each condition as replayed, with its severity, window and hold, and where it came from', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sitrep-import-'));
    const slo = join(dir, 'web.yaml');
    await writeFile(slo, `apiVersion: openslo/v1
kind: SLO
metadata: { name: web }
spec:
  service: web
  indicator:
    metadata: { name: web-errors }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{code=~"5.."}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: http_requests_total } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
  alertPolicies: [high-priority]
`);
    const r = await importFiles(slo, `${F}/openslo-go-sdk/alert_policies.yaml`, `${F}/openslo-go-sdk/alert_conditions.yaml`, `${F}/openslo-go-sdk/alert_notification_targets.yaml`);
    await rm(dir, { recursive: true, force: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  alerts     memory-usage-breach (page) above 2x over 1h (12 steps), held 5m (1 step)\n             from high-priority / memory-usage-breach: severity page, burn rate gt 2 over 1h, alertAfter 5m\n');
  });

  it('explains the OpenSLO Go SDK example SLO: a New York calendar week from Saturday (the weekday of its startTime), its 1m slices fetched at 1m steps, alerting as 7 days', async () => {
    const r = await importFiles(`${F}/openslo-go-sdk/slos.yaml`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  window     calendar week from saturday (America/New_York)\n');
    expect(r.stdout).toContain('  budgeting  timeslices, 1m slices, good at 95%\n  queries    as fetched at 1m steps (not 5m: the largest step that divides its 1m time slices):\n');
    expect(r.stdout).toContain('    total  sum(increase((sum(http_requests{k8s_cluster="prod",component="web"}))[1m:]))');
    expect(r.stdout).toContain('  alerts     page-fast above 3.36x over 1h and 5m;');
    expect(r.stdout).toContain(`  ${F}/openslo-go-sdk/slos.yaml:35 SLO web-availability: calendar.startTime 2022-01-01 12:00:00: its time of day 12:00:00 (sitrep's calendar weeks start at local midnight) is not used`);
  });

  it('prints the errors as check does and exits 1', async () => {
    const r = await importFiles(`${F}/openslo-spec/timeslices-slo.yaml`, `${F}/slo-generator/slo_prom_metrics_availability_ratio.yaml`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('No SLOs found.');
    expect(r.stderr).toContain(`${F}/openslo-spec/timeslices-slo.yaml:27:17 spec.timeWindow.0.duration: sitrep reads calendar windows of one day (1d), week (1w or 7d), month (1M), quarter (1Q or 3M) or year (1Y or 12M), not 1m (m is minutes; a month is 1M)`);
    expect(r.stderr).toContain(`${F}/slo-generator/slo_prom_metrics_availability_ratio.yaml:1:1 this is a google/slo-generator config`);
    expect(r.stderr).toMatch(/✗ 3 errors/);
  });

  it('exits 2 with the usage when no file is named', async () => {
    const r = await importFiles();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Usage: npm run import -- \[--step 5m\] FILE\.\.\./);
  });
});
