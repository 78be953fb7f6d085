/**
 * Response-target compliance: was each incident acknowledged within its severity's target?
 *
 * Clock start: `detected_at`, or `started_at` when detected_at is missing.
 * Deadline: start + target for duration targets; for `next-business-day`, the END (24:00 UTC) of
 * the first weekday (Mon–Fri, UTC, no holidays) strictly after the start's UTC date.
 * Met: acknowledged_at <= deadline. Missed: acknowledged after it, or not acknowledged while the
 * incident is still open and asOf is past the deadline. Unknown: not acknowledged and either still
 * within the deadline, or closed without an acknowledged_at on record; also a severity with no
 * configured level.
 */
import type { Incident } from '../schemas/incident.ts';
import type { Severity, SeverityConfig } from '../schemas/severity.ts';
import { SEVERITIES } from '../schemas/severity.ts';
import { incidentTimes, isUnresolved } from './incident-span.ts';
import { DAY } from './periods.ts';

/**
 * End of the next business day after `t`, Unix seconds (= 00:00 UTC of the day after it).
 * Detected Fri 2026-10-02 15:00Z -> next business day Mon 10-05 -> deadline 2026-10-06T00:00Z.
 * Detected Sat or Sun -> Monday's end too; Mon 10:00 -> end of Tuesday.
 */
export function nextBusinessDayDeadline(t: number): number {
  let day = Math.floor(t / DAY) + 1;
  // 1970-01-01 was a Thursday: weekday (0 = Sunday) of day d is (d + 4) mod 7.
  while ((day + 4) % 7 === 0 || (day + 4) % 7 === 6) day++;
  return (day + 1) * DAY;
}

export type ResponseOutcome = 'met' | 'missed' | 'unknown';

/** Outcome of one incident against the severity config, at asOf (Unix seconds). */
export function responseOutcome(incident: Incident, config: SeverityConfig, asOf: number): ResponseOutcome {
  const level = config.levels.find((l) => l.id === incident.severity);
  if (level === undefined) return 'unknown';
  const t = incidentTimes(incident);
  const start = t.detected_at ?? t.started_at;
  const deadline = level.response === 'next-business-day' ? nextBusinessDayDeadline(start) : start + level.response.seconds;
  if (t.acknowledged_at !== undefined) return t.acknowledged_at <= deadline ? 'met' : 'missed';
  return isUnresolved(incident) && asOf > deadline ? 'missed' : 'unknown';
}

export interface ResponseTally {
  /** The target as configured ('15m', 'next-business-day'), or null when the severity has none. */
  target: string | null;
  count: number;
  met: number;
  missed: number;
  unknown: number;
}

/** Tally of response outcomes per severity, always with all four severities. */
export function responseTargets(incidents: readonly Incident[], config: SeverityConfig, asOf: number): Record<Severity, ResponseTally> {
  const out = {} as Record<Severity, ResponseTally>;
  for (const s of SEVERITIES) {
    const level = config.levels.find((l) => l.id === s);
    const target = level === undefined ? null : level.response === 'next-business-day' ? 'next-business-day' : level.response.text;
    out[s] = { target, count: 0, met: 0, missed: 0, unknown: 0 };
  }
  for (const i of incidents) {
    const t = out[i.severity];
    t.count++;
    t[responseOutcome(i, config, asOf)]++;
  }
  return out;
}

/**
 * Share of the incidents with a known outcome that met their target: met / (met + missed); null
 * when none is known. Unknown outcomes (not acknowledged, target still running) are left out:
 * 6 met, 2 missed and 1 unknown -> 0.75.
 */
export function responseCompliance(t: Pick<ResponseTally, 'met' | 'missed'>): number | null {
  return t.met + t.missed === 0 ? null : t.met / (t.met + t.missed);
}
