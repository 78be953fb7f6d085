import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadContent } from '../../src/adapters/content/load.ts';
import { errorRatioExpr, runbookUrl, type AlertingRule, type RuleGroup } from '../../src/adapters/rules/prometheus-rules.ts';
import { burnRateAt, buildSeries, replayAlerts, type AlertInterval } from '../../src/core/index.ts';
import { fixture } from '../helpers/fixture.ts';
import { runScript } from './run.ts';

const exec = promisify(execFile);
const PROMTOOL = '/usr/bin/promtool';

async function promtool(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await exec(PROMTOOL, args);
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('npm run rules on the bundled sample', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sitrep-rules-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes rules that pass promtool check rules: 7 ratio recordings, 2 metadata rules and 4 alerts per SLO', async () => {
    const out = join(dir, 'slo-rules.yaml');
    const r = await runScript('rules', ['--out', out], { env: { SITREP_SITE: 'https://sre.example.com', SITREP_BASE: '/sitrep/' } });
    expect(r.code).toBe(0);
    const check = await promtool('check', 'rules', out);
    expect(check.out).toContain('SUCCESS: 130 rules found');
    expect(check.code).toBe(0);
    const groups = (parse(await readFile(out, 'utf8')) as { groups: RuleGroup[] }).groups;
    const checkout = groups.find((g) => g.name === 'sitrep-slo-checkout-availability')!;
    const records = checkout.rules.flatMap((x) => ('record' in x ? [x.record] : []));
    expect(records).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d'].map((w) => `slo:sli_error:ratio_rate${w}`).concat(['slo:objective:ratio', 'slo:error_budget:ratio']));
    const page = checkout.rules.find((x): x is AlertingRule => 'alert' in x && x.labels.sitrep_alert === 'page-fast')!;
    expect(page.labels).toMatchObject({ severity: 'page', slo: 'checkout-availability', service: 'checkout-api', runbook_url: 'https://sre.example.com/sitrep/runbooks/checkout-errors/' });
    // 99.95% over 30 days: 2% of the budget in 1h is a 14.4x burn, on an error ratio of 0.0005.
    expect(page.expr).toContain('slo:sli_error:ratio_rate1h{sloth_id="checkout-availability"}) / 0.0005 > 14.4');
    expect(page.annotations.summary).toContain('{{ printf "%.1f" $value }}x over 1h');
  });

  it('prints the rules on stdout without --out, and warns that runbook_url has no site without SITREP_SITE', async () => {
    const r = await runScript('rules', [], { env: { SITREP_SITE: '' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('runbook_url: /runbooks/checkout-errors/');
    expect(r.stderr).toContain('SITREP_SITE is not set');
  });

  it('invalid content writes no rules and exits 1 with file:line:col errors', async () => {
    const fx = await fixture({ 'content/slos/api-availability.yaml': (t) => t.replace('objective: 99.9', 'objective: 0.999') });
    const out = join(dir, 'broken.yaml');
    const r = await runScript('rules', ['--root', fx.root, '--out', out]);
    await fx.cleanup();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/content\/slos\/api-availability\.yaml:4:\d+ objective:/);
    await expect(readFile(out)).rejects.toThrow();
  });
});

describe('how the rules are written', () => {
  it('runbook_url is the runbook page under the site URL and base path, or the SLO page without a runbook', () => {
    expect(runbookUrl({ id: 'api-availability', runbook: 'api-errors' }, 'https://sre.example.com', '/sitrep/')).toBe('https://sre.example.com/sitrep/runbooks/api-errors/');
    expect(runbookUrl({ id: 'api-availability', runbook: undefined }, 'https://sre.example.com/', '/')).toBe('https://sre.example.com/slos/api-availability/');
    expect(runbookUrl({ id: 'api-availability', runbook: undefined }, undefined, 'sitrep')).toBe('/sitrep/slos/api-availability/');
  });

  it('a per_step indicator (queries that return one step\'s events) is summed over the window at 5-minute resolution', () => {
    expect(errorRatioExpr({ indicator: { kind: 'ratio', per_step: true, bad: 'job:errors:increase5m', total: 'job:requests:increase5m' } }, 3_600)).toBe(
      '(sum_over_time((job:errors:increase5m)[1h:5m]))\n/\n(sum_over_time((job:requests:increase5m)[1h:5m]))',
    );
  });

  it("a latency SLO's error ratio is 1 - (le bucket / +Inf bucket) over the window", () => {
    const expr = errorRatioExpr({ indicator: { kind: 'latency', bucket: 'http_request_duration_seconds_bucket{job="api"}', threshold: 0.3 } }, 3_600);
    expect(expr).toBe('1 - (\n  (sum(increase(http_request_duration_seconds_bucket{job="api",le="0.3"}[1h])))\n  /\n  (sum(increase(http_request_duration_seconds_bucket{job="api",le="+Inf"}[1h])))\n)');
  });
});

/**
 * A burn fed into promtool: 600 requests a minute, scraped every 10 s; from minute 60 on, 5% of
 * them fail (a 50x burn against 99.9%). The same counts, per minute, go through the engine's
 * replay; promtool must fire exactly the alerts the replay has firing one minute before and at the
 * minute page-fast first fires.
 */
describe('promtool test rules: the page alert fires when the engine replay says', () => {
  it('a 5% error burn against 99.9% fires page-fast at the replayed minute, and not the minute before', async () => {
    const fx = await fixture();
    const rulesFile = join(fx.root, 'rules.yaml');
    const r = await runScript('rules', ['--root', fx.root, '--out', rulesFile], { env: { SITREP_SITE: 'https://sre.example.com' } });
    expect(r.code).toBe(0);

    // Engine side: per-minute counts, step i ending at 60 (i + 1) s.
    const { content } = await loadContent(fx.root);
    const slo = content.slos[0]!;
    const minutes = 120;
    const t0 = 60;
    const total = Array.from({ length: minutes }, () => 600);
    const good = Array.from({ length: minutes }, (_, i) => (i + 1 > t0 ? 570 : 600));
    const series = buildSeries({ start: 60, step: 60, series: { total, good } });
    const replay = replayAlerts(slo, series);
    const page = replay.find((a) => a.alert === 'page-fast')!;
    // 1h at 5% errors passes 14.4 x 0.1% = 1.44% after 17.28 minutes of burn: the step ending at minute 78.
    expect(page.from).toBe((t0 + 18) * 60);

    // Prometheus side: counters every 10 s (samples 0..720), good from 100,000 and bad from 1,000.
    const samples = minutes * 6;
    const goodValues = `100000+100x${t0 * 6} ${100000 + t0 * 600 + 95}+95x${samples - t0 * 6 - 1}`;
    const badValues = `1000+0x${t0 * 6} 1005+5x${samples - t0 * 6 - 1}`;
    const group = (parse(await readFile(rulesFile, 'utf8')) as { groups: RuleGroup[] }).groups[0]!;
    const rule = (name: string) => group.rules.find((x): x is AlertingRule => 'alert' in x && x.labels.sitrep_alert === name)!;
    const firing = (at: number) =>
      replay
        .filter((a: AlertInterval) => a.from <= at && (at < a.to || (a.open && at <= a.to)))
        .map((a) => {
          const x = rule(a.alert);
          const longSeconds = a.longSteps * 60;
          const burn = burnRateAt(series, slo.objective, longSeconds, at)!;
          return {
            exp_labels: { ...x.labels, sloth_id: slo.id, sloth_service: slo.service, sloth_slo: slo.id } as Record<string, string>,
            exp_annotations: { ...x.annotations, summary: x.annotations.summary.replace('{{ printf "%.1f" $value }}', burn.toFixed(1)) },
          };
        });
    const before = firing(page.from - 60);
    const at = firing(page.from);
    expect(before.map((a) => a.exp_labels.sitrep_alert)).not.toContain('page-fast');
    expect(at.map((a) => a.exp_labels.sitrep_alert)).toContain('page-fast');
    const test = {
      rule_files: [rulesFile],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '10s',
          input_series: [
            { series: 'http_requests_total{job="api",code="200"}', values: goodValues },
            { series: 'http_requests_total{job="api",code="500"}', values: badValues },
          ],
          alert_rule_test: [
            { eval_time: `${(page.from - 60) / 60}m`, alertname: 'ErrorBudgetBurn', exp_alerts: before },
            { eval_time: `${page.from / 60}m`, alertname: 'ErrorBudgetBurn', exp_alerts: at },
          ],
        },
      ],
    };
    const testFile = join(fx.root, 'rules.test.yaml');
    await writeFile(testFile, stringify(test, { lineWidth: 0 }));
    const result = await promtool('test', 'rules', testFile);
    await fx.cleanup();
    expect(result.out).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });
});

describe("an SLO's own alerts (alerting.alerts) as Prometheus rules", () => {
  const ALERTS = `alerting:
  alerts:
    - { name: fast-burn, severity: page, op: gte, burn_rate: 14.4, window: 1h, for: 5m }
    - { name: too-quiet, severity: ticket, op: lt, burn_rate: 1, window: 30m, for: 10m }
`;

  it('each is one rule over its own window with its comparison and for:, and promtool check rules passes', async () => {
    const fx = await fixture({ 'content/slos/api-availability.yaml': (t) => t + ALERTS });
    const out = join(fx.root, 'rules.yaml');
    const r = await runScript('rules', ['--root', fx.root, '--out', out], { env: { SITREP_SITE: 'https://sre.example.com' } });
    expect(r.code).toBe(0);
    const check = await promtool('check', 'rules', out);
    const group = (parse(await readFile(out, 'utf8')) as { groups: RuleGroup[] }).groups[0]!;
    await fx.cleanup();
    expect(check.out).toContain('SUCCESS: 6 rules found');
    expect(group.rules.flatMap((x) => ('record' in x ? [x.record] : []))).toEqual(['slo:sli_error:ratio_rate30m', 'slo:sli_error:ratio_rate1h', 'slo:objective:ratio', 'slo:error_budget:ratio']);
    const alerts = group.rules.filter((x): x is AlertingRule => 'alert' in x);
    expect(alerts.map((a) => [a.labels.sitrep_alert, a.labels.severity, a.labels.long, a.labels.short, a.for, a.expr])).toEqual([
      ['fast-burn', 'page', '1h', undefined, '5m', '(max without (sloth_window) (slo:sli_error:ratio_rate1h{sloth_id="api-availability"}) / 0.001 >= 14.4)'],
      ['too-quiet', 'ticket', '30m', undefined, '10m', '(max without (sloth_window) (slo:sli_error:ratio_rate30m{sloth_id="api-availability"}) / 0.001 < 1)'],
    ]);
    expect(alerts[0]!.annotations.summary).toBe('API availability: error budget burning at {{ printf "%.1f" $value }}x over 1h (fast-burn: at or above 14.4x over 1h for 5m)');
  });

  it('promtool test rules: fast-burn (gte 14.4x over 1h, for 5m) fires 5 minutes after the replayed condition, at the replayed minute and not the one before; too-quiet fires before the burn', async () => {
    const fx = await fixture({ 'content/slos/api-availability.yaml': (t) => t + ALERTS });
    const rulesFile = join(fx.root, 'rules.yaml');
    const r = await runScript('rules', ['--root', fx.root, '--out', rulesFile], { env: { SITREP_SITE: 'https://sre.example.com' } });
    expect(r.code).toBe(0);
    const { content } = await loadContent(fx.root);
    const slo = content.slos[0]!;
    const minutes = 120;
    const t0 = 60;
    const total = Array.from({ length: minutes }, () => 600);
    const good = Array.from({ length: minutes }, (_, i) => (i + 1 > t0 ? 570 : 600));
    const series = buildSeries({ start: 60, step: 60, series: { total, good } });
    const replay = replayAlerts(slo, series);
    const fast = replay.find((a) => a.alert === 'fast-burn')!;
    // The 1h burn reaches 14.4x at minute 78 (as page-fast above); held 5 minutes, it fires at 83.
    expect(fast.from).toBe((t0 + 18 + 5) * 60);
    const quiet = replay.find((a) => a.alert === 'too-quiet')!;
    // Below 1x from the first minute with data (minute 1), held 10 minutes: minute 11, until the burst's first minute.
    expect([quiet.from, quiet.to]).toEqual([11 * 60, (t0 + 1) * 60]);

    const samples = minutes * 6;
    const goodValues = `100000+100x${t0 * 6} ${100000 + t0 * 600 + 95}+95x${samples - t0 * 6 - 1}`;
    const badValues = `1000+0x${t0 * 6} 1005+5x${samples - t0 * 6 - 1}`;
    const group = (parse(await readFile(rulesFile, 'utf8')) as { groups: RuleGroup[] }).groups[0]!;
    const rule = (name: string) => group.rules.find((x): x is AlertingRule => 'alert' in x && x.labels.sitrep_alert === name)!;
    const firing = (at: number) =>
      replay
        .filter((a: AlertInterval) => a.from <= at && (at < a.to || (a.open && at <= a.to)))
        .map((a) => {
          const x = rule(a.alert);
          const burn = burnRateAt(series, slo.objective, a.longSteps * 60, at)!;
          return {
            exp_labels: { ...x.labels, sloth_id: slo.id, sloth_service: slo.service, sloth_slo: slo.id } as Record<string, string>,
            exp_annotations: { ...x.annotations, summary: x.annotations.summary.replace('{{ printf "%.1f" $value }}', burn.toFixed(1)) },
          };
        });
    const names = (at: number) => firing(at).map((a) => a.exp_labels.sitrep_alert);
    expect([names(30 * 60), names(fast.from - 60), names(fast.from)]).toEqual([['too-quiet'], [], ['fast-burn']]);
    const test = {
      rule_files: [rulesFile],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '10s',
          input_series: [
            { series: 'http_requests_total{job="api",code="200"}', values: goodValues },
            { series: 'http_requests_total{job="api",code="500"}', values: badValues },
          ],
          alert_rule_test: [30 * 60, fast.from - 60, fast.from].map((at) => ({ eval_time: `${at / 60}m`, alertname: 'ErrorBudgetBurn', exp_alerts: firing(at) })),
        },
      ],
    };
    const testFile = join(fx.root, 'rules.test.yaml');
    await writeFile(testFile, stringify(test, { lineWidth: 0 }));
    const result = await promtool('test', 'rules', testFile);
    await fx.cleanup();
    expect(result.out).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });
});
