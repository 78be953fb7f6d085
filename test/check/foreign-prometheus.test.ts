/**
 * The queries sitrep derives from foreign SLO files, evaluated by a real Prometheus over synthetic
 * data: a counter that grows by 0.01 a second for 30 days.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSloDocuments } from '../../src/adapters/content/slo-formats.ts';
import { yamlDocuments } from '../../src/adapters/content/yaml-documents.ts';
import { indicatorQueries } from '../../src/adapters/prometheus/queries.ts';
import type { ContentError } from '../../src/adapters/content/errors.ts';
import { instantQuery, startPrometheus, type PrometheusServer } from '../helpers/prometheus-server.ts';

const END = Date.UTC(2026, 9, 1) / 1000; // 2026-10-01T00:00Z
const DAYS = 30;

/** One sample every 2 minutes from 31 days before END to 10 minutes after it: +1.2 each, 0.01 a second. */
function counterData(): string {
  const lines = ['# TYPE http_request_duration_seconds_count counter'];
  const start = END - (DAYS + 1) * 86400;
  for (let t = start; t <= END + 600; t += 120) lines.push(`http_request_duration_seconds_count{job="myservice"} ${(((t - start) / 120) * 1.2).toFixed(1)} ${t}`);
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

let prom: PrometheusServer;
beforeAll(async () => {
  prom = await startPrometheus(counterData());
}, 120_000);
afterAll(async () => prom?.stop());

async function sloFrom(path: string) {
  const text = await readFile(new URL(`../fixtures/foreign/${path}`, import.meta.url), 'utf8');
  const errors: ContentError[] = [];
  const slos = readSloDocuments(yamlDocuments(path, text).map((source) => ({ source, value: source.value() })), errors);
  expect(errors).toEqual([]);
  return slos[0]!.slo;
}

describe('Sloth rate() queries against a real Prometheus', () => {
  it('0.01 requests a second over 30 days of 5-minute steps count 25,920 events, not 86.4', async () => {
    const slo = await sloFrom('sloth/getting-started.yml');
    const { total } = indicatorQueries(slo.indicator, 300);
    // The sum of the per-step values the fetch would store, over the 8,640 steps of 30 days (END - 30d excluded).
    const events = await instantQuery(prom.url, `sum_over_time((${total})[${DAYS * 86400 - 1}s:5m])`, END);
    expect(events).toBeCloseTo(25_920, 6);
    const perStep = await instantQuery(prom.url, total!, END);
    expect(perStep).toBeCloseTo(3, 9);
  });

  it('an OpenSLO counter: true query on a bare counter counts the same events', async () => {
    const text = (await readFile(new URL('../fixtures/foreign/openslo-go-sdk/slos.yaml', import.meta.url), 'utf8'))
      .replace('America/New_York', 'UTC').replace('duration: 1w', 'duration: 1M')
      .replace('sum(http_requests{k8s_cluster="prod",component="web"})', 'http_request_duration_seconds_count{job="myservice"}');
    const errors: ContentError[] = [];
    const [entry] = readSloDocuments(yamlDocuments('slos.yaml', text).map((source) => ({ source, value: source.value() })), errors);
    expect(errors).toEqual([]);
    const { total } = indicatorQueries(entry!.slo.indicator, 300);
    expect(total).toBe('sum(increase(http_request_duration_seconds_count{job="myservice"}[5m]))');
    expect(await instantQuery(prom.url, `sum_over_time((${total})[${DAYS * 86400 - 1}s:5m])`, END)).toBeCloseTo(25_920, 6);
  });
});
