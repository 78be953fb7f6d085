/**
 * The incident-metrics page (/metrics/): MTTD, MTTA, MTTM, MTTR and MTBF as distributions (count,
 * median, p90, a strip plot of every sample), trends per month and per severity, and response-target
 * compliance per severity, each with its definition. The figures are the site model's (src/core);
 * this only lays them out. Pure; no Astro.
 */
import { lifecycleSamples, responseCompliance, type Distribution, type LifecycleMetrics } from '../core/index.ts';
import { SEVERITIES, type Severity } from '../schemas/severity.ts';
import { stripSpec } from '../charts/strip.ts';
import { definition } from './definitions.ts';
import { duration, pct } from './format.ts';
import { periodLabel } from './reports.ts';
import { monthOf, secondsOf } from '../core/index.ts';
import type { SiteModel } from './model.ts';
import type { TopLevelSpec } from 'vega-lite';

export const METRIC_IDS = ['mttd', 'mtta', 'mttm', 'mttr', 'mtbf'] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export interface MetricSection {
  id: MetricId;
  name: string;
  definition: string;
  d: Distribution;
  /** "12 samples: median 4m, p90 18m 30s" (no samples: "no samples yet"). */
  summary: string;
  spec: TopLevelSpec;
}

export interface TrendCell {
  count: number;
  median: string;
  p90: string;
}

export interface TrendRow {
  key: string;
  label: string;
  count: number;
  cells: Record<MetricId, TrendCell>;
}

export interface TargetRow {
  severity: Severity;
  target: string;
  count: number;
  met: number;
  missed: number;
  unknown: number;
  /** met / (met + missed); unknown outcomes are left out. */
  compliance: string;
}

export interface MetricsView {
  count: number;
  unresolved: number;
  sections: MetricSection[];
  byMonth: TrendRow[];
  bySeverity: TrendRow[];
  targets: TargetRow[];
}

const cells = (m: LifecycleMetrics): Record<MetricId, TrendCell> =>
  Object.fromEntries(METRIC_IDS.map((k) => [k, { count: m[k].count, median: duration(m[k].median), p90: duration(m[k].p90) }])) as Record<MetricId, TrendCell>;

export function metricsView(site: SiteModel): MetricsView {
  const m = site.metrics;
  const samples = lifecycleSamples(site.content.incidents);
  return {
    count: m.count,
    unresolved: m.unresolved.length,
    sections: METRIC_IDS.map((id) => ({
      id,
      name: definition(id).name,
      definition: definition(id).text,
      d: m[id],
      summary: m[id].count ? `${m[id].count} sample${m[id].count === 1 ? '' : 's'}: median ${duration(m[id].median)}, p90 ${duration(m[id].p90)}` : 'no samples yet',
      spec: stripSpec(samples[id], m[id].median, m[id].p90, `${definition(id).name}: ${m[id].count} samples on a log scale in minutes, median ${duration(m[id].median)}, p90 ${duration(m[id].p90)}`),
    })),
    byMonth: Object.entries(m.byMonth)
      .sort(([a], [b]) => b.localeCompare(a))
      .map(([key, g]) => ({ key, label: periodLabel(monthOf(secondsOf(`${key}-01T00:00:00Z`))), count: g.count, cells: cells(g) })),
    bySeverity: SEVERITIES.map((s) => ({ key: s, label: s, count: m.bySeverity[s].count, cells: cells(m.bySeverity[s]) })),
    targets: SEVERITIES.map((s) => {
      const t = m.responseTargets[s];
      return { severity: s, target: t.target ?? '—', count: t.count, met: t.met, missed: t.missed, unknown: t.unknown, compliance: pct(responseCompliance(t), 1) };
    }),
  };
}
