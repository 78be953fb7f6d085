/**
 * `npm run fetch` against a REAL Prometheus (test/helpers/prometheus-server.ts) fetches an SLO whose time slices
 * the configured step does not divide at the largest step that does, so `check` accepts the snapshot and each
 * slice is whole steps. The data and tolerances are those of prometheus-real.test.ts (its header explains them);
 * 4-minute windows hold 4 of the minute scrapes instead of 5, so the day's sum is held to 1% instead of 0.5%.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content/load.ts';
import { readSnapshot, snapshotPath } from '../../src/adapters/snapshots/store.ts';
import type { SloInput } from '../../src/schemas/slo.ts';
import { truth } from '../helpers/openmetrics-generator.ts';
import { runCli } from '../helpers/prometheus-cli.ts';
import { contentRoot, scenario, SLO_INPUTS, type Scenario } from '../helpers/prometheus-fixture.ts';
import { startPrometheus, type PrometheusServer } from '../helpers/prometheus-server.ts';

const DAY = 86_400;
let server: PrometheusServer;
let sc: Scenario;
let root: string;

const SLICED: SloInput = { ...SLO_INPUTS['api-availability']!, id: 'api-slices', name: 'API availability in 4-minute slices', budgeting: { method: 'timeslices', slice: '4m', slice_target: 95 } };

beforeAll(async () => {
  sc = scenario(Math.floor(Date.now() / 1000));
  server = await startPrometheus(sc.data.openMetrics);
  root = await contentRoot([SLICED, SLO_INPUTS['api-availability']!]);
});

afterAll(async () => {
  await server?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('npm run fetch with time slices the step does not divide', () => {
  it('fetches 4-minute slices at --step 5m in 4-minute steps, says so, and check accepts the snapshot', async () => {
    const res = await runCli(['--root', root, '--as-of', new Date(sc.end * 1000).toISOString(), '--days', '1', '--step', '5m'], { PROMETHEUS_URL: server.url });
    expect(res.code, res.stderr + res.stdout).toBe(0);
    expect(res.stderr).toContain('api-slices: full, no snapshot yet (step 240s, not 300s: the largest that divides its 4m time slices)\n');
    expect(res.stderr).toContain('api-availability: full, no snapshot yet\n');

    const sliced = await readSnapshot(snapshotPath(root, 'api-slices'));
    expect(sliced.step).toBe(240);
    expect(sliced.queries.total).toBe('sum(increase(http_requests_total{job="api"}[4m]))');
    expect(sliced.start % 240).toBe(0);
    expect((await readSnapshot(snapshotPath(root, 'api-availability'))).step).toBe(300);

    // The 4-minute steps count the day's requests as Prometheus sees them.
    const last = sliced.start + (sliced.series.total.length - 1) * 240;
    let total = 0;
    sliced.series.total.forEach((v, i) => {
      const t = sliced.start + i * 240;
      if (t > last - DAY && v !== null) total += v;
    });
    const want = truth(sc.data, last - DAY, last, {});
    expect(Math.abs(total - want) / want).toBeLessThan(0.01);

    const { errors } = await loadContent(root);
    expect(errors).toEqual([]);
  });
});
