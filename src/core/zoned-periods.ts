/**
 * Calendar months and quarters in an IANA time zone, for SLOs whose calendar window is not UTC
 * (OpenSLO `calendar.timeZone`). Pure: the zone rules come from the runtime's Intl data, not the clock.
 */
import type { Period, PeriodKind } from './periods.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of instant `t` (Unix seconds) in a time zone. */
function wallClock(timeZone: string, t: number): { year: number; month0: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(t * 1000)).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year!, month0: parts.month! - 1, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** Offset of a zone from UTC at instant `t`, seconds: America/New_York is -18,000 in January, -14,400 in July. */
export function zoneOffset(timeZone: string, t: number): number {
  const w = wallClock(timeZone, t);
  return Date.UTC(w.year, w.month0, w.day, w.hour, w.minute, w.second) / 1000 - t;
}

/** Whether the runtime knows a time zone name (`America/New_York` yes, `Mars/Olympus` no). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The instant local midnight starts the first day of `month0` of `year` in the zone (two passes settle DST). */
function localMonthStart(timeZone: string, year: number, month0: number): number {
  const local = Date.UTC(year, month0, 1) / 1000;
  const guess = local - zoneOffset(timeZone, local);
  return local - zoneOffset(timeZone, guess);
}

/**
 * The month or quarter containing `t` in a time zone. October 2026 in America/New_York is
 * [2026-10-01T04:00Z, 2026-11-01T04:00Z), 31 days; November runs to 2026-12-01T05:00Z, one hour
 * longer than 30 days because the clocks go back on 1 November.
 */
export function zonedPeriodOf(kind: PeriodKind, t: number, timeZone: string): Period {
  const w = wallClock(timeZone, t);
  const first = kind === 'month' ? w.month0 : Math.floor(w.month0 / 3) * 3;
  const span = kind === 'month' ? 1 : 3;
  const key = kind === 'month' ? `${w.year}-${String(w.month0 + 1).padStart(2, '0')}` : `${w.year}-Q${first / 3 + 1}`;
  return { kind, key, from: localMonthStart(timeZone, w.year, first), to: localMonthStart(timeZone, w.year, first + span) };
}
