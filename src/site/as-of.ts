import type { Snapshot } from '../schemas/snapshot.ts';

/** Where the report time came from, shown on every page. */
export type AsOfSource = 'option' | 'data' | 'incidents';

const INSTANT = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,9})?)?(?:Z|([+-])(\d\d):?(\d\d))$/i;

/**
 * An ISO 8601 time with an offset, as Unix milliseconds; undefined when it has no offset (it would
 * be read as local time) or names a time that does not exist. `2026-02-30T00:00:00Z` is refused,
 * where `Date.parse` would give 2 March.
 */
export function parseInstant(text: string): number | undefined {
  const m = INSTANT.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s, , oh, om] = m.slice(1);
  const num = (v: string | undefined) => Number(v ?? 0);
  const daysInMonth = new Date(Date.UTC(num(y), num(mo), 0)).getUTCDate();
  const fields: [string | undefined, number, number][] = [[mo, 1, 12], [d, 1, daysInMonth], [h, 0, 23], [mi, 0, 59], [s, 0, 59], [oh, 0, 23], [om, 0, 59]];
  if (fields.some(([v, lo, hi]) => num(v) < lo || num(v) > hi)) return undefined;
  const t = Date.parse(text.trim());
  return Number.isNaN(t) ? undefined : t;
}

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
    const t = parseInstant(env);
    if (t === undefined) {
      throw new Error(`SITREP_AS_OF / --as-of: "${env.slice(0, 60)}" is not an ISO 8601 time with an offset that exists, e.g. 2026-11-01T00:00:00Z`);
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
