/**
 * The OpenSLO Go SDK's alert policies and conditions (test/fixtures/foreign/openslo-go-sdk/,
 * unchanged), replayed as written on a synthetic snapshot: which condition fires when.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ContentError } from '../../src/adapters/content/errors.ts';
import { readSloDocuments, type IgnoredNote } from '../../src/adapters/content/slo-formats.ts';
import { yamlDocuments } from '../../src/adapters/content/yaml-documents.ts';
import { alertPlan, buildSeries, replayAlerts, stepEnd } from '../../src/core/index.ts';
import { explain } from '../../scripts/lib/import/explain.ts';

const FOREIGN = fileURLToPath(new URL('../fixtures/foreign/openslo-go-sdk/', import.meta.url));

/** An SLO of ours that names the SDK's three policies, and a fourth policy for its standalone latency-too-high condition. */
const SLO = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: web-availability
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
  alertPolicies: [high-priority, low-priority, medium-priority, warn-on-latency]
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: { name: warn-on-latency }
spec:
  conditions: [{ conditionRef: latency-too-high }]
`;

async function readSdk(slo: string) {
  const files: Record<string, string> = { 'content/slos/web.yaml': slo };
  for (const f of ['alert_policies.yaml', 'alert_conditions.yaml', 'alert_notification_targets.yaml']) files[`content/slos/${f}`] = await readFile(FOREIGN + f, 'utf8');
  const errors: ContentError[] = [];
  const docs = Object.entries(files).flatMap(([file, text]) => yamlDocuments(file, text).map((source) => ({ source, value: source.value() })));
  const ignored: IgnoredNote[] = [];
  const slos = readSloDocuments(docs, errors, ignored);
  return { slos, errors, ignored };
}

describe('the OpenSLO Go SDK alert conditions, replayed as written', () => {
  it('each condition is one alert with its name, op, threshold, lookback, alertAfter and severity (warning is a ticket); a condition in two policies is one alert', async () => {
    const { slos, errors, ignored } = await readSdk(SLO);
    expect(errors).toEqual([]);
    const slo = slos[0]!.slo;
    expect(alertPlan(slo, 300).map((p) => [p.alert, p.severity, p.op, p.threshold, p.longSeconds, p.longSteps, p.shortSeconds, p.forSeconds, p.forSteps])).toEqual([
      ['memory-usage-breach', 'page', 'gt', 2, 3600, 12, null, 300, 1],
      ['cpu-usage-breach', 'page', 'lte', 2, 3600, 12, null, 300, 1],
      ['latency-too-high', 'ticket', 'gt', 200, 86400, 288, null, 1800, 6],
    ]);
    expect(ignored.map((n) => n.what)).toContain('SLO web-availability, condition cpu-usage-breach: also in policy low-priority, replayed once');
  });

  it('on a synthetic snapshot: cpu-usage-breach (lte 2x) holds from the start and fires after 5m; memory-usage-breach (gt 2x) fires 5m after the 1h burn passes 2x; latency-too-high never', async () => {
    const slo = (await readSdk(SLO)).slos[0]!.slo;
    // 5-minute steps of 1,000 events: a quiet day (no errors), then 3 bad a step (a 3x burn against 99.9%).
    const quiet = 288;
    const n = quiet + 36;
    const series = buildSeries({ start: 0, step: 300, series: { total: Array.from({ length: n }, () => 1000), good: Array.from({ length: n }, (_, i) => (i < quiet ? 1000 : 997)) } });
    const alerts = replayAlerts(slo, series);
    // After k burst steps the 1h burn is 3k/12 = k/4: exactly 2x at k = 8 (lte holds, gt does not), above from k = 9.
    expect(alerts.map((a) => [a.alert, a.severity, (a.from - stepEnd(series, quiet - 1)) / 300, a.open ? 'open' : (a.to - stepEnd(series, quiet - 1)) / 300])).toEqual([
      // True from the first step; held 5m (1 step) fires at the second; false from k = 9.
      ['cpu-usage-breach', 'page', -(quiet - 2), 9],
      // True from k = 9, held one step: fires at k = 10, still firing at the end.
      ['memory-usage-breach', 'page', 10, 'open'],
    ]);
    expect(alerts[0]!.from).toBe(stepEnd(series, 1));
  });

  it('an unknown severity is an error that lists the mapping; a lookback in months is refused', async () => {
    const text = SLO.replace('conditions: [{ conditionRef: latency-too-high }]', `conditions:
    - kind: AlertCondition
      metadata: { name: odd }
      spec: { severity: sometimes, condition: { kind: burnrate, op: gt, threshold: 1, lookbackWindow: 1h } }
    - kind: AlertCondition
      metadata: { name: monthly }
      spec: { severity: page, condition: { kind: burnrate, op: gt, threshold: 1, lookbackWindow: 1M } }`);
    const { errors } = await readSdk(text);
    expect(errors.map((e) => e.message)).toEqual([
      'policy warn-on-latency, condition odd (1): severity sometimes is neither a page (page, critical, high, urgent, emergency, sev1, sev2, p0, p1) nor a ticket (ticket, warning, warn, medium, low, minor, info, sev3, sev4, p2, p3)',
      'policy warn-on-latency, condition monthly (2): lookbackWindow 1M must be a fixed length above 0, e.g. 1h or 6h',
    ]);
  });

  it('npm run import lists each alert as replayed and the condition it came from, severity and alertAfter as written', async () => {
    const { slos, ignored } = await readSdk(SLO);
    const text = explain(slos, ignored, 300);
    expect(text).toContain(
      '  alerts     memory-usage-breach (page) above 2x over 1h (12 steps), held 5m (1 step); cpu-usage-breach (page) at or below 2x over 1h (12 steps), held 5m (1 step); latency-too-high (ticket) above 200x over 1d (288 steps), held 30m (6 steps)',
    );
    expect(text).toContain('             from high-priority / memory-usage-breach: severity page, burn rate gt 2 over 1h, alertAfter 5m');
    expect(text).toContain('             from warn-on-latency / latency-too-high: severity warning (as ticket), burn rate gt 200 over 1d, alertAfter 30m');
  });
});
