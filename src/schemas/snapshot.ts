import { z } from 'zod';

/**
 * A Prometheus snapshot for one SLO: `data/snapshots/<slo-id>.json`. Columnar, so 1,000 SLOs
 * x 90 days x 5-minute steps load in seconds.
 *
 * Step i ends at `start + i * step` (Unix seconds) and holds the events counted in the interval
 * `(t - step, t]`, i.e. what `increase(x[<step>])` evaluates to at `t`. `null` marks a step with
 * no data (a scrape gap, a missing series): never stored as 0, so gaps are not counted as good.
 * Either `good` or `bad` is present, alongside `total`, per the SLO's indicator.
 */
export const SNAPSHOT_FORMAT = 'sitrep-snapshot/v1';

export const snapshotHeaderSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  /** Id of the SLO in content/. */
  slo: z.string().min(1),
  /** Seconds between points (default 300). */
  step: z.number().int().positive(),
  /** Unix seconds of the end of the first step. */
  start: z.number().int(),
  /** The PromQL as sent, after `{{window}}` substitution, by series name. */
  queries: z.record(z.string(), z.string()),
  /** When the data was last fetched successfully (ISO 8601). */
  fetchedAt: z.iso.datetime({ offset: true }),
  /** Who wrote it: `sitrep fetch`, or the sample generator with its seed. */
  generator: z.string().optional(),
  series: z.record(z.string(), z.unknown()),
});

/** A column: one value per step, `null` where the step has no data. */
export type Column = (number | null)[];

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  slo: string;
  step: number;
  start: number;
  queries: Record<string, string>;
  fetchedAt: string;
  generator?: string;
  series: { total: Column; good?: Column; bad?: Column };
}
