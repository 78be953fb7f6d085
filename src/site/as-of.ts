import { INCIDENT_TIMESTAMPS, type Incident } from '../schemas/incident.ts';
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

/** Why there is no report time: nothing to take it from, and sitrep never reads the clock for it. */
export class NoReportTimeError extends Error {}

/** `SITREP_AS_OF` / `--as-of` as Unix seconds; undefined when unset; throws when it is not a valid time. */
export function parseAsOfOption(env: string | undefined): number | undefined {
  if (env === undefined || env === '') return undefined;
  const t = parseInstant(env);
  if (t === undefined) {
    throw new Error(`SITREP_AS_OF / --as-of: "${env.slice(0, 60)}" is not an ISO 8601 time with an offset that exists, e.g. 2026-11-01T00:00:00Z`);
  }
  return Math.floor(t / 1000);
}

/** Every time an incident file states: lifecycle timestamps and status updates. */
export function incidentTimes(incidents: Iterable<Incident>): string[] {
  const out: string[] = [];
  for (const i of incidents) {
    for (const k of INCIDENT_TIMESTAMPS) if (i[k] !== undefined) out.push(i[k]!);
    for (const u of i.updates) out.push(u.at);
  }
  return out;
}

function newestTime(times: Iterable<string>): number {
  let newest = -Infinity;
  for (const t of times) newest = Math.max(newest, Math.floor(Date.parse(t) / 1000));
  return newest;
}

/**
 * The report time (Unix seconds). `SITREP_AS_OF` (set by `--as-of`) wins; otherwise the end of
 * the newest snapshot ("data as of"), not the wall clock, so the bundled sample always shows full
 * windows and two builds of the same files are identical. Without snapshots: the newest incident
 * time. With neither, a NoReportTimeError: the report time never falls back to the clock.
 */
export function resolveAsOf(env: string | undefined, snapshots: Iterable<Snapshot>, times: Iterable<string>): { asOf: number; source: AsOfSource } {
  const option = parseAsOfOption(env);
  if (option !== undefined) return { asOf: option, source: 'option' };
  let newest = -Infinity;
  for (const s of snapshots) newest = Math.max(newest, s.start + (s.series.total.length - 1) * s.step);
  if (Number.isFinite(newest)) return { asOf: newest, source: 'data' };
  newest = newestTime(times);
  if (Number.isFinite(newest)) return { asOf: newest, source: 'incidents' };
  throw new NoReportTimeError(
    'no report time: there is no snapshot in data/snapshots/ and no incident in content/incidents/ to take it from, and sitrep never uses the clock for it; give one with --as-of (or SITREP_AS_OF), e.g. --as-of 2026-11-01T00:00:00Z',
  );
}

/**
 * Up to when incidents are shown. With `--as-of`, the report time: the report shows what was known
 * then. Without it, the report time is the end of the data, and the incident files may be newer
 * (a lagging nightly fetch, an incident open right now): they are shown up to their newest time,
 * so no incident is left out. E.g. data to 09:00, an open SEV1 started 09:40: shown, as ongoing.
 */
export function incidentHorizon(asOf: number, source: AsOfSource, times: Iterable<string>): number {
  return source === 'option' ? asOf : Math.max(asOf, newestTime(times));
}
