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

/**
 * The wall-clock fields of instant `t` (Unix seconds) in a time zone, read from the en-US numbers `9/5/2026, 23:00:00`
 * (month, day, year, hour, minute, second: about twice as fast as `formatToParts`).
 */
function wallClock(timeZone: string, t: number): { year: number; month0: number; day: number; hour: number; minute: number; second: number } {
  const [month, day, year, hour, minute, second] = formatter(timeZone).format(new Date(t * 1000)).split(/\D+/).map(Number);
  return { year: year!, month0: month! - 1, day: day!, hour: hour!, minute: minute!, second: second! };
}

/** Offset of a zone from UTC at instant `t`, seconds: America/New_York is -18,000 in January, -14,400 in July. */
export function zoneOffset(timeZone: string, t: number): number {
  return offsetOf(wallClock(timeZone, t), t);
}

function offsetOf(w: ReturnType<typeof wallClock>, t: number): number {
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

/** The local date of instant `t` in the zone, as days since 1970-01-01 (its wall-clock seconds over 86,400, floored). */
function localDayNumber(timeZone: string, t: number): number {
  return Math.floor((t + zoneOffset(timeZone, t)) / 86_400);
}

/**
 * The first instant of local day `day` of `month0` of `year` in the zone: the first instant whose local date is that
 * day or later. That is local midnight; where midnight occurs twice (America/Havana, 1 November 2026: 00:59:59
 * daylight time goes back to 00:00) its first occurrence; where it does not occur (America/Santiago, 6 September
 * 2026: 23:59:59 on the 5th goes forward to 01:00) the instant the clocks jump, 04:00Z; and for a day a zone skips
 * entirely (Pacific/Apia, 30 December 2011) the start of the next day, so that day's period is empty and the days
 * around it still meet. Any instant's day thus runs from its start to the next day's start, without gap or overlap.
 * `guess` is the zone's offset at an instant near that day (it saves a look-up; a wrong one costs only time).
 */
function localDayStart(timeZone: string, year: number, month0: number, day: number, guess: number): number {
  const local = Date.UTC(year, month0, day) / 1000;
  // Usually midnight is `local` less the guessed offset, or less the offset in force there. It is the day's first
  // instant when the offset is the same there and a second before (the clocks read 00:00:00 after 23:59:59).
  let offset = guess;
  for (let pass = 0; pass < 2; pass++) {
    const there = zoneOffset(timeZone, local - offset);
    if (there === offset) {
      if (zoneOffset(timeZone, local - offset - 1) === offset) return local - offset;
      break;
    }
    offset = there;
  }
  // Otherwise (midnight skipped or repeated, or the clocks changing that second) search the first instant whose local
  // date is the day or later. No zone is a day or more off UTC, so that date is earlier two days before `local`, and
  // not earlier two days after it.
  const target = local / 86_400;
  let lo = local - 2 * 86_400;
  let hi = local + 2 * 86_400;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDayNumber(timeZone, mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The period of `kind` containing `t` in a time zone, from the start of its first local day to the start of the day
 * after its last (see `localDayStart`: local midnight, or the first instant of a day whose midnight the clocks skip);
 * weeks start on `weekStart` (0 = Sunday, default 1 = Monday). October 2026 in America/New_York is
 * [2026-10-01T04:00Z, 2026-11-01T04:00Z), 31 days; November runs to 2026-12-01T05:00Z, one hour
 * longer than 30 days because the clocks go back on 1 November, and that day is 25 hours long.
 */
export function zonedPeriodOf<K extends CalendarKind>(kind: K, t: number, timeZone: string, weekStart = 1): Period<K> {
  const w = wallClock(timeZone, t);
  const offset = offsetOf(w, t);
  return calendarPeriod(kind, w.year, w.month0, w.day, (y, m0, d) => localDayStart(timeZone, y, m0, d, offset), weekStart);
}
