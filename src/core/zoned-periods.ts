/**
 * Calendar days, weeks, months, quarters and years in an IANA time zone, for SLOs whose calendar window is
 * not UTC (OpenSLO `calendar.timeZone`). Pure: the zone rules come from the runtime's Intl data, not the clock.
 */
import { calendarPeriod, type CalendarKind, type Period } from './periods.ts';

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

/** The instant local midnight starts day `day` of `month0` of `year` in the zone (two passes settle DST). */
function localDayStart(timeZone: string, year: number, month0: number, day: number): number {
  const local = Date.UTC(year, month0, day) / 1000;
  const guess = local - zoneOffset(timeZone, local);
  return local - zoneOffset(timeZone, guess);
}

/**
 * The period of `kind` containing `t` in a time zone, from local midnight to local midnight; weeks start on
 * `weekStart` (0 = Sunday, default 1 = Monday). October 2026 in America/New_York is
 * [2026-10-01T04:00Z, 2026-11-01T04:00Z), 31 days; November runs to 2026-12-01T05:00Z, one hour
 * longer than 30 days because the clocks go back on 1 November, and that day is 25 hours long.
 */
export function zonedPeriodOf<K extends CalendarKind>(kind: K, t: number, timeZone: string, weekStart = 1): Period<K> {
  const w = wallClock(timeZone, t);
  return calendarPeriod(kind, w.year, w.month0, w.day, (y, m0, d) => localDayStart(timeZone, y, m0, d), weekStart);
}
