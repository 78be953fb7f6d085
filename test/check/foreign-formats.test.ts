import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ContentError } from '../../src/adapters/content/errors.ts';
import { readSloDocuments, type IgnoredNote, type SloEntry } from '../../src/adapters/content/slo-formats.ts';
import { yamlDocuments } from '../../src/adapters/content/yaml-documents.ts';
import { indicatorQueries } from '../../src/adapters/prometheus/queries.ts';
import { alertPlan } from '../../src/core/alerts.ts';
import { sloWindowAt } from '../../src/core/periods.ts';
import { sloRuleGroup } from '../../src/adapters/rules/prometheus-rules.ts';
import { posOf } from '../helpers/fixture.ts';

const FOREIGN = fileURLToPath(new URL('../fixtures/foreign/', import.meta.url));

/** Read files as `content/slos/<name>` would be: every document of every file, converted together. */
async function read(files: Record<string, string>): Promise<{ slos: SloEntry[]; errors: ContentError[]; ignored: IgnoredNote[] }> {
  const errors: ContentError[] = [];
  const docs = Object.entries(files).flatMap(([file, text]) =>
    yamlDocuments(file, text).flatMap((source) => {
      errors.push(...source.errors);
      return source.errors.length ? [] : [{ source, value: source.value() }];
    }),
  );
  const ignored: IgnoredNote[] = [];
  const slos = readSloDocuments(docs, errors, ignored);
  return { slos, errors, ignored };
}

const fixtureText = (path: string) => readFile(FOREIGN + path, 'utf8');
async function readFixtures(...paths: string[]) {
  const files: Record<string, string> = {};
  for (const p of paths) files[`content/slos/${p.split('/').pop()}`] = await fixtureText(p);
  return read(files);
}
const byId = (slos: SloEntry[], id: string) => slos.find((s) => s.slo.id === id)!.slo;

describe('Sloth files as Sloth writes them', () => {
  it('a rate() query of the getting-started example is sent as a per-second rate times the step', async () => {
    const { slos, errors } = await readFixtures('sloth/getting-started.yml');
    expect(errors).toEqual([]);
    const slo = byId(slos, 'myservice-requests-availability');
    expect(slo).toMatchObject({ objective: 99.9, window: '30d', service: 'myservice' });
    expect(indicatorQueries(slo.indicator, 300)).toEqual({
      bad: '(sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[5m]))) * 300',
      total: '(sum(rate(http_request_duration_seconds_count{job="myservice"}[5m]))) * 300',
    });
  });

  it('the Kubernetes CRD (camelCase keys under spec) reads the same as prometheus/v1', async () => {
    const { slos, errors } = await readFixtures('sloth/k8s-getting-started.yml');
    expect(errors).toEqual([]);
    const slo = byId(slos, 'myservice-requests-availability');
    expect(slo).toMatchObject({ objective: 99.9, window: '30d', source: { format: 'sloth', line: posOf(await fixtureText('sloth/k8s-getting-started.yml'), '- name').line } });
    expect(indicatorQueries(slo.indicator, 60).bad).toBe('(sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[1m]))) * 60');
  });

  it('a multi-document file gives the SLOs of every document, positioned in the whole file', async () => {
    const text = await fixtureText('sloth/multifile.yml');
    const { slos, errors } = await readFixtures('sloth/multifile.yml');
    expect(errors).toEqual([]);
    expect(slos.map((s) => [s.slo.id, s.slo.objective, s.slo.source.line])).toEqual([
      ['myservice-requests-availability', 99.9, posOf(text, '- name').line],
      ['myservice2-requests-availability', 99.99, posOf(text, '- name', 2).line],
    ]);
  });

  it('alerts disabled in the alerting block are not replayed; the others keep their defaults', async () => {
    const { slos, errors } = await readFixtures('sloth/no-alerts.yml', 'sloth/getting-started.yml');
    expect(errors).toEqual([]);
    expect(alertPlan(byId(slos, 'myapp-http-availability'), 300)).toEqual([]);
    expect(alertPlan(byId(slos, 'myservice-requests-availability'), 300).map((a) => [a.alert, a.threshold])).toEqual([
      ['page-fast', 14.4], ['page-slow', 6], ['ticket-fast', 3], ['ticket-slow', 1],
    ]);
  });

  it('disabled alerts are not written as Prometheus rules either', async () => {
    const { slos } = await readFixtures('sloth/no-alerts.yml', 'sloth/getting-started.yml');
    const alerts = (id: string) => sloRuleGroup(byId(slos, id), 'https://x/').rules.filter((r) => 'alert' in r).length;
    expect([alerts('myapp-http-availability'), alerts('myservice-requests-availability')]).toEqual([0, 4]);
  });

  it('the alerting block\'s name and labels are carried into the Prometheus rules, the page and ticket labels to their alerts', async () => {
    const { slos } = await readFixtures('sloth/getting-started.yml');
    const rules = sloRuleGroup(byId(slos, 'myservice-requests-availability'), 'https://x/').rules.flatMap((r) => ('alert' in r ? [r] : []));
    expect(rules.map((r) => [r.alert, r.labels.sitrep_alert, r.labels.severity, r.labels.category, r.labels.routing_key ?? r.labels.slack_channel])).toEqual([
      ['MyServiceHighErrorRate', 'page-fast', 'pageteam', 'availability', 'myteam'],
      ['MyServiceHighErrorRate', 'page-slow', 'pageteam', 'availability', 'myteam'],
      ['MyServiceHighErrorRate', 'ticket-fast', 'slack', 'availability', '#alerts-myteam'],
      ['MyServiceHighErrorRate', 'ticket-slow', 'slack', 'availability', '#alerts-myteam'],
    ]);
  });

  it('SLO plugins and OpenSLO composite weights are listed as not used', async () => {
    const sloth = (await fixtureText('sloth/getting-started.yml')).replace('    description: "Common', '    plugins:\n      chain:\n        - id: "sloth.dev/contrib/info_labels/v1"\n    description: "Common');
    const { errors, ignored } = await read({ 'content/slos/x.yaml': sloth });
    expect(errors).toEqual([]);
    expect(ignored.map((n) => n.what)).toContain('SLO requests-availability: plugins (rule-generation plugins) are not used');
    const openslo = (await fixtureText('openslo-spec/timeslices-slo.yaml')).replaceAll('type: Any', 'type: Prometheus').replace('duration: 1m # Contracts', 'duration: 1M # Contracts')
      .replace('      target: 0.99\n', '      target: 0.99\n      compositeWeight: 2\n');
    const composite = await read({ 'content/slos/t.yaml': openslo });
    expect(composite.errors).toEqual([]);
    expect(composite.ignored.map((n) => n.what)).toContain('SLO service-availability: compositeWeight is not used (each objective is its own SLO)');
  });

  it('a disabled page alert leaves only the ticket alerts', async () => {
    const text = (await fixtureText('sloth/getting-started.yml')).replace('      page_alert:\n', '      page_alert:\n        disable: true\n');
    const { slos, errors } = await read({ 'content/slos/x.yaml': text });
    expect(errors).toEqual([]);
    expect(alertPlan(slos[0]!.slo, 300).map((a) => a.alert)).toEqual(['ticket-fast', 'ticket-slow']);
  });

  it('a raw error-ratio SLI counts one event per step, the ratio of it bad', async () => {
    const { slos, errors } = await readFixtures('sloth/raw-home-wifi.yml');
    expect(errors).toEqual([]);
    const q = indicatorQueries(byId(slos, 'home-wifi-wifi-client-satisfaction').indicator, 300);
    expect(q.bad).toContain('1 - (\n  sum(sum_over_time(unifipoller_client_satisfaction_ratio[5m]))');
    expect(q.total).toBe(`(${q.bad}) * 0 + 1`);
  });

  it('label values that are numbers or booleans are accepted (labels are metadata)', async () => {
    const text = (await fixtureText('sloth/getting-started.yml')).replace('tier: "2"', 'tier: 2\n  critical: true');
    const { errors } = await read({ 'content/slos/x.yaml': text });
    expect(errors).toEqual([]);
  });

  it('a plugin SLI is one error that names the plugin', async () => {
    const text = await fixtureText('sloth/plugin-getting-started.yml');
    const { slos, errors } = await read({ 'content/slos/p.yaml': text });
    expect(slos).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ line: posOf(text, 'id: "getting_started').line, field: 'slos.0.sli.plugin', message: expect.stringMatching(/Sloth SLI plugin \(getting_started_availability\).*events \(error_query and total_query\)/) }),
    ]);
  });

  it('a misspelt Sloth key is an error with a "did you mean" hint', async () => {
    const text = (await fixtureText('sloth/getting-started.yml')).replace('error_query:', 'error_querry:');
    const { errors } = await read({ 'content/slos/x.yaml': text });
    expect(errors).toEqual([
      expect.objectContaining({ field: 'slos.0.sli.events.error_query', message: 'is required' }),
      expect.objectContaining({ line: posOf(text, 'error_querry').line, field: 'slos.0.sli.events.error_querry', message: 'unknown field (did you mean "error_query"?)' }),
    ]);
  });
});

describe('OpenSLO v1 files as the spec and the Go SDK write them', () => {
  it('YAML lists of Services, SLIs, DataSources, alert policies, conditions and targets are read without error', async () => {
    const { slos, errors } = await readFixtures(
      'openslo-go-sdk/services.yaml', 'openslo-go-sdk/slis.yaml', 'openslo-go-sdk/data_sources.yaml', 'openslo-go-sdk/alert_policies.yaml',
      'openslo-go-sdk/alert_conditions.yaml', 'openslo-go-sdk/alert_notification_targets.yaml', 'openslo-go-sdk/two_documents.yaml',
    );
    expect(errors).toEqual([]);
    expect(slos).toEqual([]);
  });

  it('the SDK example SLO is a New York calendar week from Saturday, the weekday of its startTime; the time of day is listed as not used', async () => {
    const text = await fixtureText('openslo-go-sdk/slos.yaml');
    const { slos, errors, ignored } = await read({ 'content/slos/slos.yaml': text });
    expect(errors).toEqual([]);
    const slo = byId(slos, 'web-availability');
    // startTime 2022-01-01 is a Saturday.
    expect(slo).toMatchObject({ window: 'week', week_start: 'saturday', time_zone: 'America/New_York' });
    // Wednesday 4 November 2026: the week began on Saturday 31 October at New York midnight (EDT) and ends on
    // Saturday 7 November at midnight EST, an hour over 7 days.
    const w = sloWindowAt(slo.window, Date.parse('2026-11-04T12:00:00Z') / 1000, slo.time_zone, slo.week_start);
    expect([w.from, w.lengthSeconds]).toEqual([Date.parse('2026-10-31T04:00:00Z') / 1000, 7 * 86_400 + 3_600]);
    expect(alertPlan(slo, 60).map((p) => p.threshold)).toEqual([3.36, 1.4, 0.7, 0.7 / 3].map((x) => expect.closeTo(x, 12)));
    expect(ignored).toContainEqual({ file: 'content/slos/slos.yaml', line: posOf(text, 'startTime').line, what: "SLO web-availability: calendar.startTime 2022-01-01 12:00:00: its time of day 12:00:00 (sitrep's calendar weeks start at local midnight) is not used" });
  });

  it('the SDK example SLO over a calendar month keeps its time zone: a New York month', async () => {
    const text = (await fixtureText('openslo-go-sdk/slos.yaml')).replace('duration: 1w', 'duration: 1M');
    const { slos, errors } = await read({ 'content/slos/slos.yaml': text });
    expect(errors).toEqual([]);
    expect(slos[0]!.slo).toMatchObject({ window: 'month', time_zone: 'America/New_York' });
    const bad = text.replace('America/New_York', 'America/New_Yrok');
    expect((await read({ 'content/slos/slos.yaml': bad })).errors).toEqual([expect.objectContaining({ field: '0.spec.timeWindow.0.calendar.timeZone', message: 'America/New_Yrok is not an IANA time zone, e.g. America/New_York or UTC' })]);
  });

  it('the SDK example SLO in UTC over a calendar month: counter queries become increases per step, 1m slices at 95%', async () => {
    const text = (await fixtureText('openslo-go-sdk/slos.yaml')).replace('America/New_York', 'UTC').replace('duration: 1w', 'duration: 1M');
    const { slos, errors } = await read({ 'content/slos/slos.yaml': text });
    expect(errors).toEqual([]);
    const slo = byId(slos, 'web-availability');
    expect(slo).toMatchObject({ window: 'month', objective: 99.5, budgeting: { method: 'timeslices', slice: { seconds: 60 }, slice_target: 95 } });
    expect(indicatorQueries(slo.indicator, 60)).toEqual({
      good: 'sum(increase((sum(http_requests{k8s_cluster="prod",component="web",code=~"2xx|4xx"}))[1m:]))',
      total: 'sum(increase((sum(http_requests{k8s_cluster="prod",component="web"}))[1m:]))',
    });
  });

  it('the spec examples name a metric source of type Any, which is refused as not Prometheus-compatible', async () => {
    const text = await fixtureText('openslo-spec/ratio-timeslices.yaml');
    const { slos, errors } = await read({ 'content/slos/r.yaml': text });
    expect(slos).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ line: posOf(text, 'type: Any').line, field: 'spec.indicator.spec.ratioMetric.good.metricSource.type', message: expect.stringMatching(/is Any: sitrep fetches from Prometheus-compatible sources only/) }),
    ]);
  });

  it('the spec\'s two-objective example gives one error per problem: its 1-minute calendar window, and the shared indicator\'s source once', async () => {
    const text = await fixtureText('openslo-spec/timeslices-slo.yaml');
    const { errors } = await read({ 'content/slos/t.yaml': text });
    expect(errors[0]!.message).toMatch(/, not 1m \(m is minutes; a month is 1M\): use one of those, or a rolling window of 1m/);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [posOf(text, 'duration: 1m').line, 'spec.timeWindow.0.duration'],
      [posOf(text, 'type: Any').line, 'spec.indicator.spec.ratioMetric.good.metricSource.type'],
    ]);
  });

  it('a thresholdMetric (the spec\'s search-latency example): each value is one event, good when it is below the objective\'s value', async () => {
    const text = (await fixtureText('openslo-spec/occurences-slo.yaml')).replace('type: Any', 'type: Prometheus').replace('query: Any', 'query: search_latency_ms{job="shop"}');
    const { slos, errors } = await read({ 'content/slos/s.yaml': text });
    expect(errors).toEqual([]);
    expect(slos[0]!.slo).toMatchObject({ id: 'search-slo', objective: 99, window: '2w', indicator: { per_step: true } });
    expect(indicatorQueries(slos[0]!.slo.indicator, 300)).toEqual({ good: 'sum((search_latency_ms{job="shop"}) < bool 500)', total: 'count(search_latency_ms{job="shop"})' });
    const noOp = text.replace('      op: lt\n', '');
    expect((await read({ 'content/slos/s.yaml': noOp })).errors).toEqual([expect.objectContaining({ field: 'spec.objectives.0', message: 'a thresholdMetric objective needs op (lt, lte, gt, gte) and value' })]);
  });

  it('two objectives become two SLOs, each with its own target and slices', async () => {
    const text = (await fixtureText('openslo-spec/timeslices-slo.yaml')).replaceAll('type: Any', 'type: Prometheus').replaceAll('query: Any', 'query: up{job="web"}')
      .replace('duration: 1m # Contracts', 'duration: 1M # Contracts');
    const { slos, errors } = await read({ 'content/slos/t.yaml': text });
    expect(errors).toEqual([]);
    expect(slos.map((s) => [s.slo.id, s.slo.objective, s.slo.window, s.slo.budgeting.slice.seconds])).toEqual([
      ['service-availability-internal-objective', 99.5, 'month', 60],
      ['service-availability-sla', 99, 'month', 60],
    ]);
    expect(slos[0]!.slo.time_zone).toBe('America/New_York');
    // counter is not set: the query is sent as written and each step's value is its count.
    expect(slos[0]!.slo.indicator).toMatchObject({ good: 'up{job="web"}', per_step: true });
  });

  it('indicatorRef, metricSourceRef and alert policies resolve across files; their burn-rate conditions, as written, replace the defaults', async () => {
    const slo = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout
spec:
  service: shop
  indicatorRef: checkout-sli
  timeWindow:
    - duration: 28d
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.9
  alertPolicies:
    - fast-burn
    - alertPolicyRef: slow-burn
`;
    const others = `---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-sli
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource:
        metricSourceRef: prom
        spec:
          query: http_requests_total{code=~"5.."}
    total:
      metricSource:
        metricSourceRef: prom
        spec:
          query: http_requests_total
---
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prom
spec:
  type: Prometheus
  connectionDetails:
    url: http://prometheus:9090
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata:
  name: fast-burn
spec:
  conditions:
    - kind: AlertCondition
      metadata:
        name: fast
      spec:
        severity: page
        condition: { kind: burnrate, op: gt, threshold: 10, lookbackWindow: 1h, alertAfter: 5m }
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata:
  name: slow-burn
spec:
  conditions:
    - conditionRef: slow
---
apiVersion: openslo/v1
kind: AlertCondition
metadata:
  name: slow
spec:
  severity: ticket
  condition: { kind: burnrate, op: gte, threshold: 2, lookbackWindow: 1d }
`;
    const { slos, errors, ignored } = await read({ 'content/slos/checkout.yaml': slo, 'content/slos/shared.yaml': others });
    expect(errors).toEqual([]);
    const s = byId(slos, 'checkout');
    expect(s).toMatchObject({ window: '28d', objective: 99.9 });
    expect(indicatorQueries(s.indicator, 300)).toEqual({ bad: 'sum(increase(http_requests_total{code=~"5.."}[5m]))', total: 'sum(increase(http_requests_total[5m]))' });
    expect(alertPlan(s, 300).map((a) => [a.alert, a.severity, a.op, a.threshold, a.longSeconds, a.shortSeconds, a.forSeconds, a.forSteps])).toEqual([
      ['fast', 'page', 'gt', 10, 3600, null, 300, 1],
      ['slow', 'ticket', 'gte', 2, 86400, null, 0, 0],
    ]);
    expect(ignored.map((n) => `${n.file}:${n.line} ${n.what}`)).toEqual([
      'content/slos/shared.yaml:21 DataSource prom: gives its type to the queries whose metricSourceRef names it; its connectionDetails are not used (the fetch reads PROMETHEUS_URL)',
      'content/slos/shared.yaml:34 AlertPolicy fast-burn: notificationTargets and alertWhen* are not used; its burn-rate conditions are replayed',
      'content/slos/shared.yaml:47 AlertPolicy slow-burn: notificationTargets and alertWhen* are not used; its burn-rate conditions are replayed',
    ]);
  });

  it('an indicatorRef naming no SLI is an error with a "did you mean" hint', async () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata: { name: a }
spec:
  service: shop
  indicatorRef: checkout-slj
  timeWindow: [{ duration: 7d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
---
apiVersion: openslo/v1
kind: SLI
metadata: { name: checkout-sli }
spec:
  ratioMetric:
    good: { metricSource: { type: Prometheus, spec: { query: 'x' } } }
    total: { metricSource: { type: Prometheus, spec: { query: 'y' } } }
`;
    const { errors } = await read({ 'content/slos/a.yaml': text });
    expect(errors).toEqual([expect.objectContaining({ line: 6, field: 'spec.indicatorRef', message: 'no OpenSLO SLI is named "checkout-slj" in content/slos/ (did you mean "checkout-sli"?)' })]);
  });

  it('an SLO whose SLI is broken gives the SLI\'s error only, not a second one for the reference', async () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata: { name: a }
spec:
  service: shop
  indicatorRef: checkout-sli
  timeWindow: [{ duration: 7d }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
---
apiVersion: openslo/v1
kind: SLI
metadata: { name: checkout-sli }
spec:
  ratioMetric:
    countr: true
    good: { metricSource: { type: Prometheus, spec: { query: 'x' } } }
    total: { metricSource: { type: Prometheus, spec: { query: 'y' } } }
`;
    const { slos, errors } = await read({ 'content/slos/a.yaml': text });
    expect(slos).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ line: 16, field: 'spec.ratioMetric.countr', message: 'unknown field (did you mean "counter"?)' })]);
  });

  it('a misspelt OpenSLO key is an error with a "did you mean" hint', async () => {
    const text = (await fixtureText('openslo-spec/occurences-slo.yaml')).replace('target: 0.99', 'targetPercentage: 99');
    const { errors } = await read({ 'content/slos/o.yaml': text });
    expect(errors).toContainEqual(expect.objectContaining({ line: posOf(text, 'targetPercentage').line, field: 'spec.objectives.0.targetPercentage', message: 'unknown field (did you mean "targetPercent"?)' }));
  });
});

describe('OpenSLO time windows', () => {
  const slo = (window: string, extra = '') => `apiVersion: openslo/v1
kind: SLO
metadata: { name: a }
spec:
  service: shop
  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { type: Prometheus, spec: { query: 'sum(increase(ok[{{window}}]))' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'sum(increase(all[{{window}}]))' } } }
  timeWindow: [${window}]
  budgetingMethod: Timeslices
  objectives: [{ target: 0.99, timeSliceTarget: 0.9${extra} }]
`;
  it.each([
    ['{ duration: 28d }', '28d'],
    ['{ duration: 4w, isRolling: true }', '4w'],
    ['{ duration: 120m }', '2h'],
    ['{ duration: 1M, calendar: { startTime: "2022-01-01 00:00:00", timeZone: UTC } }', 'month'],
    ['{ duration: 1Q, isRolling: false, calendar: { startTime: "2022-01-01 00:00:00", timeZone: Etc/UTC } }', 'quarter'],
    ['{ duration: 3M, calendar: { startTime: "2022-04-01 00:00:00", timeZone: UTC } }', 'quarter'],
    ['{ duration: 1d, calendar: { startTime: "2022-01-01 00:00:00", timeZone: UTC } }', 'day'],
    ['{ duration: 24h, isRolling: false }', 'day'],
    ['{ duration: 7d, calendar: { startTime: "2022-01-03 00:00:00", timeZone: UTC } }', 'week'],
    ['{ duration: 1Y, calendar: { startTime: "2022-01-01 00:00:00", timeZone: UTC } }', 'year'],
    ['{ duration: 12M, isRolling: false }', 'year'],
  ])('%s is read as the window %s (isRolling defaults to false only with a calendar)', async (w, expected) => {
    const { slos, errors, ignored } = await read({ 'content/slos/a.yaml': slo(w) });
    expect(errors).toEqual([]);
    expect(slos[0]!.slo.window).toBe(expected);
    expect(ignored).toEqual([]);
  });

  it.each([
    ['2022-01-03 00:00:00', 'monday'],
    ['2022-01-02 00:00:00', 'sunday'],
    ['2023-03-15 00:00:00', 'wednesday'],
  ])('a calendar week whose startTime is %s starts on %s', async (start, weekday) => {
    const { slos, errors } = await read({ 'content/slos/a.yaml': slo(`{ duration: 1w, calendar: { startTime: "${start}", timeZone: UTC } }`) });
    expect(errors).toEqual([]);
    expect(slos[0]!.slo).toMatchObject({ window: 'week', week_start: weekday });
  });

  it('a calendar week without a calendar starts on Monday; a New York day is computed in New York', async () => {
    const week = (await read({ 'content/slos/a.yaml': slo('{ duration: 1w, isRolling: false }') })).slos[0]!.slo;
    expect(week.week_start).toBeUndefined();
    expect(sloWindowAt(week.window, Date.parse('2026-11-04T12:00:00Z') / 1000, week.time_zone, week.week_start).from).toBe(Date.parse('2026-11-02T00:00:00Z') / 1000);
    const day = (await read({ 'content/slos/a.yaml': slo('{ duration: 1d, calendar: { startTime: "2022-01-01 00:00:00", timeZone: America/New_York } }') })).slos[0]!.slo;
    expect(sloWindowAt(day.window, Date.parse('2026-11-01T20:00:00Z') / 1000, day.time_zone)).toMatchObject({ from: Date.parse('2026-11-01T04:00:00Z') / 1000, lengthSeconds: 25 * 3_600 });
  });

  it('a month start other than the 1st is listed as not used', async () => {
    const { ignored } = await read({ 'content/slos/a.yaml': slo('{ duration: 1M, calendar: { startTime: "2022-01-21 12:30:00", timeZone: UTC } }') });
    expect(ignored.map((n) => n.what)).toEqual([
      "SLO a: calendar.startTime 2022-01-21 12:30:00: its time of day 12:30:00 (sitrep's calendar months start at local midnight) and its date as a month start (sitrep's months start on the calendar's, the 1st) is not used",
    ]);
  });

  it.each([
    ['{ duration: 1M }', /rolling window of 1M has no fixed length/],
    ['{ duration: 2w, isRolling: false, calendar: { startTime: "2022-01-01 00:00:00", timeZone: UTC } }', /^sitrep reads calendar windows of one day \(1d\), week \(1w or 7d\), month \(1M\), quarter \(1Q or 3M\) or year \(1Y or 12M\), not 2w: use one of those, or a rolling window of 2w \(isRolling: true\)$/],
    ['{ duration: 2M, calendar: { startTime: "2022-01-01 00:00:00", timeZone: UTC } }', /not 2M: use one of those$/],
    ['{ duration: 1w, calendar: { startTime: "next monday", timeZone: UTC } }', /^must be a date with a time, as the spec writes it: 2022-01-01 12:00:00$/],
  ])('%s is refused with the reason', async (w, message) => {
    const { errors } = await read({ 'content/slos/a.yaml': slo(w) });
    expect(errors).toEqual([expect.objectContaining({ message: expect.stringMatching(message) })]);
  });

  it('a numeric timeSliceWindow is minutes, as the spec defines it', async () => {
    const { slos, errors } = await read({ 'content/slos/a.yaml': slo('{ duration: 28d }', ', timeSliceWindow: 2') });
    expect(errors).toEqual([]);
    expect(slos[0]!.slo.budgeting.slice).toEqual({ text: '2m', seconds: 120 });
  });
});

describe('Pyrra ServiceLevelObjectives', () => {
  it('a ratio SLO: counters as increases per step, the target string as the objective, the namespace as the service', async () => {
    const { slos, errors } = await readFixtures('pyrra/prometheus-http.yaml');
    expect(errors).toEqual([]);
    const slo = byId(slos, 'prometheus-api-query');
    expect(slo).toMatchObject({ service: 'monitoring', objective: 99, window: '7d', source: { format: 'pyrra', line: 1 } });
    expect(indicatorQueries(slo.indicator, 300)).toEqual({
      bad: 'sum(increase(prometheus_http_requests_total{handler="/api/v1/query",code=~"5.."}[5m]))',
      total: 'sum(increase(prometheus_http_requests_total{handler="/api/v1/query"}[5m]))',
    });
  });

  it('a latency SLO: the success bucket is good, the _count the total; without a namespace the service comes from sitrep.dev/service', async () => {
    const text = (await fixtureText('pyrra/caddy-response-latency.yaml')).replace('  name: caddy-response-latency\n', '  name: caddy-response-latency\n  annotations:\n    sitrep.dev/service: caddy\n');
    const { slos, errors } = await read({ 'content/slos/c.yaml': text });
    expect(errors).toEqual([]);
    expect(slos[0]!.slo).toMatchObject({ service: 'caddy', objective: 90, window: '4w' });
    expect(indicatorQueries(slos[0]!.slo.indicator, 60)).toEqual({
      good: 'sum(increase(caddy_http_response_duration_seconds_bucket{job="caddy",handler="subroute",code!~"5..",le="0.05"}[1m]))',
      total: 'sum(increase(caddy_http_response_duration_seconds_count{job="caddy",handler="subroute",code!~"5.."}[1m]))',
    });
  });

  it('the latency example as it is names no service, and the error says what to add', async () => {
    const text = await fixtureText('pyrra/caddy-response-latency.yaml');
    const { errors } = await read({ 'content/slos/c.yaml': text });
    expect(errors).toEqual([expect.objectContaining({ line: 4, field: 'metadata', message: expect.stringMatching(/names no service: add the annotation sitrep.dev\/service/) })]);
  });

  it('a bool_gauge counts each sample, good when it is 1; alerting disabled turns the alerts off', async () => {
    const text = (await fixtureText('pyrra/prometheus-http.yaml')).replace(/  indicator:\n[\s\S]*$/, '  alerting:\n    disabled: true\n  indicator:\n    bool_gauge:\n      metric: probe_success{job="web"}\n');
    const { slos, errors } = await read({ 'content/slos/p.yaml': text });
    expect(errors).toEqual([]);
    expect(indicatorQueries(slos[0]!.slo.indicator, 300)).toEqual({ good: 'sum(sum_over_time(probe_success{job="web"}[5m]))', total: 'sum(count_over_time(probe_success{job="web"}[5m]))' });
    expect(alertPlan(slos[0]!.slo, 300)).toEqual([]);
  });

  it('grouping (one SLO per label value) is refused rather than read as one SLO over all groups', async () => {
    const text = (await fixtureText('pyrra/prometheus-http.yaml')).replace('        metric: prometheus_http_requests_total{handler="/api/v1/query"}\n', '        metric: prometheus_http_requests_total{handler="/api/v1/query"}\n      grouping: [handler]\n');
    expect((await read({ 'content/slos/p.yaml': text })).errors).toEqual([expect.objectContaining({ field: 'spec.indicator.ratio.grouping', message: expect.stringMatching(/^grouping makes one SLO per value of handler/) })]);
  });

  it('latencyNative is refused at its field, and a misspelt key gets a hint', async () => {
    const native = (await fixtureText('pyrra/prometheus-http.yaml')).replace(/  indicator:\n[\s\S]*$/, '  indicator:\n    latencyNative:\n      latency: 1s\n      total:\n        metric: x\n');
    expect((await read({ 'content/slos/p.yaml': native })).errors).toEqual([expect.objectContaining({ line: posOf(native, 'latency: 1s').line, field: 'spec.indicator.latencyNative', message: expect.stringMatching(/latencyNative \(native histograms\) is not read/) })]);
    const typo = (await fixtureText('pyrra/prometheus-http.yaml')).replace('  window: 7d', '  windw: 7d');
    expect((await read({ 'content/slos/p.yaml': typo })).errors).toContainEqual(expect.objectContaining({ field: 'spec.windw', message: 'unknown field (did you mean "window"?)' }));
  });
});

describe('sitrep\'s own format', () => {
  it('per_step: true accepts queries without {{window}}, and an alert set to false is off', async () => {
    const text = `id: a\nservice: shop\nname: A\nobjective: 99\nindicator:\n  kind: ratio\n  per_step: true\n  bad: job:errors:increase5m\n  total: job:requests:increase5m\nalerting:\n  page_fast: false\n`;
    const { slos, errors } = await read({ 'content/slos/a.yaml': text });
    expect(errors).toEqual([]);
    expect(indicatorQueries(slos[0]!.slo.indicator, 300)).toEqual({ bad: 'job:errors:increase5m', total: 'job:requests:increase5m' });
    expect(alertPlan(slos[0]!.slo, 300).map((a) => a.alert)).toEqual(['page-slow', 'ticket-fast', 'ticket-slow']);
  });

  it('alerting.alerts lists alerts of its own, as OpenSLO conditions say them, replayed instead of the four defaults', async () => {
    const text = `id: a\nservice: shop\nname: A\nobjective: 99.9\nindicator:\n  kind: ratio\n  bad: sum(increase(x[{{window}}]))\n  total: sum(increase(y[{{window}}]))\nalerting:\n  alerts:\n    - { name: fast, severity: page, op: gte, burn_rate: 10, window: 1h, for: 5m }\n    - { name: slow, severity: ticket, burn_rate: 2, window: 1d }\n`;
    const { slos, errors } = await read({ 'content/slos/a.yaml': text });
    expect(errors).toEqual([]);
    expect(alertPlan(slos[0]!.slo, 300).map((a) => [a.alert, a.severity, a.op, a.threshold, a.longSeconds, a.shortSeconds, a.forSeconds])).toEqual([
      ['fast', 'page', 'gte', 10, 3600, null, 300],
      ['slow', 'ticket', 'gt', 2, 86400, null, 0],
    ]);
  });

  it('alerting.alerts beside a default threshold, a name used twice, or an unknown op or severity, is an error at its field', async () => {
    const base = `id: a\nservice: shop\nname: A\nobjective: 99.9\nindicator:\n  kind: ratio\n  bad: sum(increase(x[{{window}}]))\n  total: sum(increase(y[{{window}}]))\nalerting:\n  page_fast: 10\n  alerts:\n    - { name: fast, severity: page, op: ge, burn_rate: 10, window: 1h }\n    - { name: fast, severity: pager, burn_rate: 2, window: 1d }\n`;
    const { errors } = await read({ 'content/slos/a.yaml': base });
    expect(errors.map((e) => [e.line, e.field, e.message])).toEqual([
      [12, 'alerting.alerts.0.op', 'must be one of gt, gte, lt, lte, got "ge"'],
      [13, 'alerting.alerts.1.severity', 'must be page or ticket, got "pager"'],
    ]);
    const fixed = base.replace('op: ge,', 'op: gte,').replace('pager', 'ticket');
    expect((await read({ 'content/slos/a.yaml': fixed })).errors.map((e) => [e.line, e.field, e.message])).toEqual([
      [13, 'alerting.alerts.1.name', 'is used twice: each alert needs its own name'],
      [10, 'alerting.page_fast', 'alerts replaces the four default alerts: remove page_fast, or add it to alerts'],
    ]);
  });

  it('a file with no document, or only empty ones, is an error; an empty document beside others is not', async () => {
    const { errors } = await read({ 'content/slos/e.yaml': '# nothing yet\n', 'content/slos/f.yaml': '---\n---\n' });
    expect(errors.map((e) => [e.file, e.line, e.message.slice(0, 12)])).toEqual([['content/slos/e.yaml', 1, 'holds no SLO'], ['content/slos/f.yaml', 1, 'holds no SLO']]);
    const text = `---\n${await fixtureText('sloth/no-alerts.yml')}---\n`;
    expect((await read({ 'content/slos/g.yaml': text })).errors).toEqual([]);
  });

  it('a misspelt key of a sitrep SLO, nested in a defaulted block too, gets a "did you mean" hint', async () => {
    const text = `id: a\nservice: shop\nname: A\nobjectiv: 99\nindicator:\n  kind: ratio\n  bad: sum(increase(x[{{window}}]))\n  total: sum(increase(y[{{window}}]))\nbudgeting:\n  methd: timeslices\n`;
    const { errors } = await read({ 'content/slos/a.yaml': text });
    expect(errors).toContainEqual(expect.objectContaining({ line: 4, field: 'objectiv', message: 'unknown field (did you mean "objective"?)' }));
    expect(errors).toContainEqual(expect.objectContaining({ line: 10, field: 'budgeting.methd', message: 'unknown field (did you mean "method"?)' }));
  });

  it('time_zone goes with a calendar window only, and must be an IANA name', async () => {
    const slo = (extra: string) => `id: a\nservice: shop\nname: A\nobjective: 99\n${extra}indicator:\n  kind: ratio\n  bad: sum(increase(x[{{window}}]))\n  total: sum(increase(y[{{window}}]))\n`;
    expect((await read({ 'content/slos/a.yaml': slo('window: month\ntime_zone: Europe/Berlin\n') })).errors).toEqual([]);
    expect((await read({ 'content/slos/a.yaml': slo('window: 30d\ntime_zone: Europe/Berlin\n') })).errors).toEqual([expect.objectContaining({ line: 6, field: 'time_zone', message: 'only a calendar window (day, week, month, quarter or year) has a time zone' })]);
    expect((await read({ 'content/slos/a.yaml': slo('window: month\ntime_zone: Europe/Berlim\n') })).errors).toEqual([expect.objectContaining({ line: 6, field: 'time_zone', message: expect.stringMatching(/must be an IANA time zone/) })]);
  });

  it('without per_step, a query without {{window}} is still an error', async () => {
    const { errors } = await read({ 'content/slos/a.yaml': `id: a\nservice: shop\nname: A\nobjective: 99\nindicator:\n  kind: ratio\n  bad: x\n  total: sum(increase(y[{{window}}]))\n` });
    expect(errors).toEqual([expect.objectContaining({ line: 7, field: 'indicator.bad', message: expect.stringMatching(/must contain the \{\{window\}\} placeholder/) })]);
  });
});

describe('formats sitrep does not read', () => {
  it('an OpenSLO v1alpha file (Sloth\'s OpenSLO example) is refused naming its version', async () => {
    const text = await fixtureText('sloth/openslo-getting-started.yml');
    const { errors } = await read({ 'content/slos/o.yaml': text });
    expect(errors).toEqual([expect.objectContaining({ line: posOf(text, 'openslo/v1alpha').line, field: 'apiVersion', message: expect.stringMatching(/this object is openslo\/v1alpha: rewrite it as openslo\/v1/) })]);
  });

  it('a slo-generator v1 config (slo_name and backend) gets the same one error', async () => {
    const { errors } = await read({ 'content/slos/g.yaml': 'service_name: prom\nfeature_name: metrics\nslo_name: availability\nbackend:\n  class: Prometheus\n  method: good_bad_ratio\n' });
    expect(errors).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/google\/slo-generator config/) })]);
  });

  it('a slo-generator v2 config gets one error naming the format and what to do', async () => {
    const { slos, errors } = await readFixtures('slo-generator/slo_prom_metrics_availability_ratio.yaml');
    expect(slos).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ line: 1, column: 1, message: expect.stringMatching(/google\/slo-generator config, which sitrep does not read: .*filter_valid queries as bad \(or good\) and total/) })]);
  });
});
