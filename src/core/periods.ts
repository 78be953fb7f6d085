/**
 * Calendar periods and SLO windows in UTC (no DST: every day is 86,400 seconds).
 * All times are Unix seconds; every period is half-open `[from, to)`.
 */
import type { CalendarKind, SloWindow, Weekday } from '../schemas/slo.ts';
import { isCalendarWindow, rollingWindowSeconds, WEEKDAYS } from '../schemas/slo.ts';
import { boundedMemo } from './memo.ts';
import { zonedPeriodOf } from './zoned-periods.ts';

export const DAY = 86_400;
/** The 30-day reference window of the Google SRE workbook alert windows. */
export const THIRTY_DAYS = 30 * DAY;

/** The periods of the period reports. */
export type PeriodKind = 'month' | 'quarter';
export type { CalendarKind, Weekday };

/**
 * A calendar period `[from, to)` in Unix seconds, keyed `2026-10` (month), `2026-Q4` (quarter), `2026` (year),
 * `2026-11-01` (day) or `2026-10-26/P1W` (the week starting on that date, in ISO 8601 interval notation).
 */
export interface Period<K extends CalendarKind = PeriodKind> {
  kind: K;
  key: string;
  from: number;
  to: number;
}

const utc = (year: number, month0: number, day = 1): number => Date.UTC(year, month0, day) / 1000;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * The period of `kind` containing the local date `year`-`month0`-`day`, with `start(y, m0, d)` the instant its
 * local midnight begins (UTC or a time zone; out-of-range days roll over, as in `Date.UTC`). Weeks start on
 * `weekStart` (0 = Sunday .. 6 = Saturday). Shared by the UTC periods below and the zoned ones.
 */
export function calendarPeriod<K extends CalendarKind>(
  kind: K, year: number, month0: number, day: number, start: (y: number, m0: number, d: number) => number, weekStart = 1,
): Period<K> {
  const make = (key: string, y: number, m0: number, d: number, next: [number, number, number]): Period<K> => ({ kind, key, from: start(y, m0, d), to: start(...next) });
  switch (kind) {
    case 'day':
      return make(`${year}-${pad2(month0 + 1)}-${pad2(day)}`, year, month0, day, [year, month0, day + 1]);
    case 'week': {
      const back = (new Date(Date.UTC(year, month0, day)).getUTCDay() - weekStart + 7) % 7;
      const first = new Date(Date.UTC(year, month0, day - back));
      const [y, m0, d] = [first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()];
      return make(`${y}-${pad2(m0 + 1)}-${pad2(d)}/P1W`, y, m0, d, [y, m0, d + 7]);
    }
    case 'month':
      return make(`${year}-${pad2(month0 + 1)}`, year, month0, 1, [year, month0 + 1, 1]);
    case 'quarter': {
      const q = Math.floor(month0 / 3);
      return make(`${year}-Q${q + 1}`, year, q * 3, 1, [year, q * 3 + 3, 1]);
    }
    default:
      return make(String(year), year, 0, 1, [year + 1, 0, 1]);
  }
}

/** Days in a UTC calendar month (month 1..12): 28, 29 (leap February), 30 or 31. */
export function daysInMonth(year: number, month: number): number {
  return (utc(year, month) - utc(year, month - 1)) / DAY;
}

/** The UTC calendar month containing `t` (seconds), e.g. 2026-02 is [2026-02-01, 2026-03-01) = 28 days. */
export function monthOf(t: number): Period {
  const d = new Date(t * 1000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return { kind: 'month', key: `${y}-${String(m + 1).padStart(2, '0')}`, from: utc(y, m), to: utc(y, m + 1) };
}

/** The UTC calendar quarter containing `t` (seconds): Q1 = Jan–Mar, ..., Q4 = Oct–Dec (Q4 is 92 days). */
export function quarterOf(t: number): Period {
  const d = new Date(t * 1000);
  const y = d.getUTCFullYear();
  const q = Math.floor(d.getUTCMonth() / 3);
  return { kind: 'quarter', key: `${y}-Q${q + 1}`, from: utc(y, q * 3), to: utc(y, q * 3 + 3) };
}

/** The UTC period of `kind` containing `t`; weeks start on `weekStart` (0 = Sunday, default 1 = Monday). */
export function periodOf<K extends CalendarKind>(kind: K, t: number, weekStart = 1): Period<K> {
  if (kind === 'month') return monthOf(t) as Period<K>;
  if (kind === 'quarter') return quarterOf(t) as Period<K>;
  const d = new Date(t * 1000);
  return calendarPeriod(kind, d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), utc, weekStart);
}

/**
 * The periods of one kind overlapping `[from, to)`, oldest first, each whole (not clipped).
 * E.g. months over [2026-01-15, 2026-03-02) -> 2026-01, 2026-02, 2026-03. Empty when to <= from.
 */
export function periodsCovering<K extends CalendarKind>(kind: K, from: number, to: number): Period<K>[] {
  const out: Period<K>[] = [];
  if (!(to > from)) return out;
  let p = periodOf(kind, from);
  while (p.from < to) {
    out.push(p);
    p = periodOf(kind, p.to);
  }
  return out;
}

/** The window an SLO is evaluated over at `asOf`. */
export interface SloWindowRange {
  /** Window start, Unix seconds (inclusive). */
  from: number;
  /** Window end = asOf, Unix seconds. */
  to: number;
  /**
   * Full window length in seconds, the base of the time-equivalent budget: the rolling length,
   * or the whole calendar month/quarter even while it is still running.
   */
  lengthSeconds: number;
  /** The calendar period, for calendar windows (`day`, `week`, `month`, `quarter`, `year`). */
  period?: Period<CalendarKind>;
}

/**
 * The calendar period an `asOf` reports on: the one containing it, except that an `asOf` exactly on a
 * boundary reports the period that just ended (a step ending at 2026-11-01T00:00Z holds October's
 * last events, so asOf = 2026-11-01T00:00Z reports October, not an empty November).
 */
export function reportPeriodAt<K extends CalendarKind>(kind: K, asOf: number, timeZone?: string, weekStart = 1): Period<K> {
  const of = (t: number) => (timeZone ? zonedPeriodOf(kind, t, timeZone, weekStart) : periodOf(kind, t, weekStart));
  const p = of(asOf);
  return p.from === asOf ? of(asOf - 1) : p;
}

/**
 * The evaluation window of an SLO at `asOf`: `[asOf - N, asOf)` for rolling `Nd`/`Nw`/`Nh` windows,
 * or period-to-date `[periodStart, asOf)` for calendar `day`/`week`/`month`/`quarter`/`year`, in UTC or in
 * `timeZone` (an IANA name: a New York month starts at 04:00Z or 05:00Z; the New York day of 1 November 2026
 * is 25 hours long), weeks starting on `weekStart` (default Monday).
 */
export function sloWindowAt(window: SloWindow, asOf: number, timeZone?: string, weekStart: Weekday = 'monday'): SloWindowRange {
  const rolling = rollingWindowSeconds(window);
  if (rolling !== undefined) return { from: asOf - rolling, to: asOf, lengthSeconds: rolling };
  if (!isCalendarWindow(window)) throw new Error(`not an SLO window: ${window}`);
  const period = reportPeriodAt(window, asOf, timeZone, WEEKDAYS.indexOf(weekStart));
  return { from: period.from, to: Math.min(asOf, period.to), lengthSeconds: period.to - period.from, period };
}

/** Nominal lengths of the calendar windows: a month alerts like a 30d SLO, a year like 365d. */
const NOMINAL: Record<CalendarKind, number> = { day: DAY, week: 7 * DAY, month: THIRTY_DAYS, quarter: 90 * DAY, year: 365 * DAY };

/**
 * Nominal window length in seconds used to scale alert windows: the rolling length, or for a calendar
 * window 1, 7, 30, 90 or 365 days (`day`, `week`, `month`, `quarter`, `year`), whatever its clock changes.
 */
export function nominalWindowSeconds(window: SloWindow): number {
  if (isCalendarWindow(window)) return NOMINAL[window];
  const s = rollingWindowSeconds(window);
  if (s === undefined) throw new Error(`not an SLO window: ${window}`);
  return s;
}

/**
 * An SLO window in words: `rolling 30d`, `calendar month (UTC)`, `calendar week from saturday (America/New_York)`.
 */
export function windowText(window: SloWindow, timeZone = 'UTC', weekStart: Weekday = 'monday'): string {
  if (!isCalendarWindow(window)) return `rolling ${window}`;
  return `calendar ${window}${window === 'week' ? ` from ${weekStart}` : ''} (${timeZone})`;
}

/** Timestamps kept at most by the memos of isoOf and secondsOf (about 10 MB each); a memo starts over beyond that. */
const MAX_PARSED = 200_000;

/**
 * ISO 8601 UTC text of Unix seconds, e.g. 1790985600 -> 2026-10-03T00:00:00.000Z. Memoized like
 * secondsOf (at most 200,000 times kept): a thousand SLO reports write the same step ends and
 * midnights.
 */
export const isoOf: (t: number) => string = boundedMemo((t: number) => new Date(t * 1000).toISOString(), MAX_PARSED);

/**
 * Unix seconds of an ISO 8601 timestamp with offset; throws on malformed text. Memoized: a
 * thousand SLOs times the period reports ask for the same incident times again and again, and a
 * Map lookup costs a tenth of Date.parse.
 */
export const secondsOf: (iso: string) => number = boundedMemo((iso: string) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO 8601 timestamp: ${iso}`);
  return ms / 1000;
}, MAX_PARSED);
