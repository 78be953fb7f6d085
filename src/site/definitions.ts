import type { LifecycleMetrics } from '../core/index.ts';

/** How each incident metric is measured; every page that shows one states it. */
export const METRIC_DEFINITIONS = {
  mttd: ['MTTD', 'time to detect: detected_at − started_at'],
  mtta: ['MTTA', 'time to acknowledge: acknowledged_at − detected_at'],
  mttm: ['MTTM', 'time to mitigate: mitigated_at − started_at'],
  mttr: ['MTTR', 'time to resolve: resolved_at − started_at (resolved incidents only)'],
  mtbf: ['MTBF', 'time between the starts of consecutive incidents on a service'],
} as const;

/** Rows for the Distribution component. */
export function metricRows(m: Pick<LifecycleMetrics, 'mttd' | 'mtta' | 'mttm' | 'mttr' | 'mtbf'>) {
  return (Object.keys(METRIC_DEFINITIONS) as (keyof typeof METRIC_DEFINITIONS)[]).map((k) => ({
    name: METRIC_DEFINITIONS[k][0],
    definition: METRIC_DEFINITIONS[k][1],
    d: m[k],
  }));
}
