/**
 * The integration tests' scenario: when things happen in the generated data, the SLOs that read
 * it, and helpers to write them as content files for the CLI.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sloSchema, type SloInput } from '../../src/schemas/slo.ts';
import type { FetchableSlo } from '../../src/adapters/prometheus/plan.ts';
import { generate, type GeneratedData } from './openmetrics-generator.ts';

const H = 3600;

export interface Scenario {
  /** As-of time of the fetches: a multiple of 300, ~15 minutes before now. */
  end: number;
  outage: [number, number];
  gap: [number, number];
  resetAt: number;
  data: GeneratedData;
}

export function scenario(nowSeconds: number): Scenario {
  const end = Math.floor((nowSeconds - 15 * 60) / 300) * 300;
  const outage: [number, number] = [end - 3 * H, end - 3 * H + 40 * 60];
  const gap: [number, number] = [end - 30 * H, end - 30 * H + 30 * 60];
  const resetAt = end - 10 * H + 120;
  // 50 hours of data so the 48 hours fetched have full windows; last scrape 5 minutes after `end`.
  const data = generate({ startMinute: end - 50 * H, endMinute: end + 300, outage, gap, resetAt });
  return { end, outage, gap, resetAt, data };
}

/** SLO inputs by file name (content/slos/<name>.yaml). */
export const SLO_INPUTS: Record<string, SloInput> = {
  'api-availability': {
    id: 'api-availability', service: 'api', name: 'API availability', objective: 99,
    indicator: {
      kind: 'ratio',
      good: 'sum(increase(http_requests_total{job="api",code!~"5.."}[{{window}}]))',
      total: 'sum(increase(http_requests_total{job="api"}[{{window}}]))',
    },
  },
  // No sum(): four series (2 instances x 2 codes) come back and are summed per step, with a warning.
  'api-errors': {
    id: 'api-errors', service: 'api', name: 'API server errors', objective: 99,
    indicator: {
      kind: 'ratio',
      bad: 'increase(http_requests_total{job="api",code=~"5.."}[{{window}}])',
      total: 'sum(increase(http_requests_total{job="api"}[{{window}}]))',
    },
  },
  'api-latency': {
    id: 'api-latency', service: 'api', name: 'API latency', objective: 95,
    indicator: { kind: 'latency', bucket: 'http_request_duration_seconds_bucket{job="api"}', threshold: 0.5 },
  },
};

/** A query with a syntax error (unclosed parenthesis). */
export const BROKEN_INPUT: SloInput = {
  id: 'api-broken', service: 'api', name: 'Broken query', objective: 99,
  indicator: {
    kind: 'ratio',
    good: 'sum(increase(http_requests_total{job="api",code!~"5.."}[{{window}}])',
    total: 'sum(increase(http_requests_total{job="api"}[{{window}}]))',
  },
};

export function slo(input: SloInput): FetchableSlo {
  return { ...sloSchema.parse(input), source: { file: `content/slos/${input.id}.yaml`, line: 1 } };
}

/** A temp project root with content/services/api.yaml and the given SLOs as YAML. */
export async function contentRoot(inputs: SloInput[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'sitrep-fetch-'));
  await mkdir(join(root, 'content', 'slos'), { recursive: true });
  await mkdir(join(root, 'content', 'services'), { recursive: true });
  await writeFile(join(root, 'content', 'services', 'api.yaml'), 'id: api\nname: API\nowner: team-api\ntier: 1\n');
  for (const input of inputs) {
    // JSON is YAML: no quoting surprises in the PromQL.
    await writeFile(join(root, 'content', 'slos', `${input.id}.yaml`), `${JSON.stringify(input, null, 2)}\n`);
  }
  return root;
}
