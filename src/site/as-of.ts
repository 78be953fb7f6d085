import type { Snapshot } from '../schemas/snapshot.ts';

/** Where the report time came from, shown on every page. */
export type AsOfSource = 'option' | 'data' | 'incidents';

/**
 * The report time (Unix seconds). `SITREP_AS_OF` (set by `--as-of`) wins; otherwise the end of
 * the newest snapshot ("data as of"), not the wall clock, so the bundled sample always shows full
 * windows and two builds of the same files are identical. Without snapshots: the newest incident
 * timestamp; with nothing at all, the Unix epoch is never used: the caller's `fallback`.
 */
export function resolveAsOf(
  env: string | undefined,
  snapshots: Iterable<Snapshot>,
  incidentTimes: Iterable<string>,
  fallback: number,
): { asOf: number; source: AsOfSource } {
  if (env !== undefined && env !== '') {
    const t = Date.parse(env);
    if (Number.isNaN(t) || !/(Z|[+-]\d\d:?\d\d)$/.test(env)) {
      throw new Error(`SITREP_AS_OF / --as-of: "${env}" is not an ISO 8601 time with an offset, e.g. 2026-11-01T00:00:00Z`);
    }
    return { asOf: Math.floor(t / 1000), source: 'option' };
  }
  let newest = -Infinity;
  for (const s of snapshots) newest = Math.max(newest, s.start + (s.series.total.length - 1) * s.step);
  if (Number.isFinite(newest)) return { asOf: newest, source: 'data' };
  for (const t of incidentTimes) newest = Math.max(newest, Math.floor(Date.parse(t) / 1000));
  if (Number.isFinite(newest)) return { asOf: newest, source: 'incidents' };
  return { asOf: fallback, source: 'incidents' };
}
