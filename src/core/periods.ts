/**
 * Calendar periods and SLO windows in UTC (no DST: every day is 86,400 seconds).
 * All times are Unix seconds; every period is half-open `[from, to)`.
 */
import type { SloWindow } from '../schemas/slo.ts';
import { rollingWindowSeconds } from '../schemas/slo.ts';
import { zonedPeriodOf } from './zoned-periods.ts';

export const DAY = 86_400;
/** The 30-day reference window of the Google SRE workbook alert windows. */
export const THIRTY_DAYS = 30 * DAY;

export type PeriodKind = 'month' | 'quarter';

/** A calendar period `[from, to)` in Unix seconds, keyed `2026-10` (month) or `2026-Q4` (quarter). */
export interface Period {
  kind: PeriodKind;
  key: string;
  from: number;
  to: number;
}

const utc = (year: number, month0: number): number => Date.UTC(year, month0, 1) / 1000;

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

/** The month or quarter containing `t`. */
export function periodOf(kind: PeriodKind, t: number): Period {
  return kind === 'month' ? monthOf(t) : quarterOf(t);
}

/**
 * The periods of one kind overlapping `[from, to)`, oldest first, each whole (not clipped).
 * E.g. months over [2026-01-15, 2026-03-02) -> 2026-01, 2026-02, 2026-03. Empty when to <= from.
 */
export function periodsCovering(kind: PeriodKind, from: number, to: number): Period[] {
  const out: Period[] = [];
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
  /** The calendar period, for `month`/`quarter` windows. */
  period?: Period;
}

/**
 * The calendar period an `asOf` reports on: the one containing it, except that an `asOf` exactly on a
 * boundary reports the period that just ended (a step ending at 2026-11-01T00:00Z holds October's
 * last events, so asOf = 2026-11-01T00:00Z reports October, not an empty November).
 */
export function reportPeriodAt(kind: PeriodKind, asOf: number, timeZone?: string): Period {
  const of = (t: number) => (timeZone ? zonedPeriodOf(kind, t, timeZone) : periodOf(kind, t));
  const p = of(asOf);
  return p.from === asOf ? of(asOf - 1) : p;
}

/**
 * The evaluation window of an SLO at `asOf`: `[asOf - N, asOf)` for rolling `Nd`/`Nw`/`Nh` windows,
 * or period-to-date `[periodStart, asOf)` for calendar `month`/`quarter`, in UTC or in `timeZone`
 * (an IANA name: a New York month starts at 04:00Z or 05:00Z).
 */
export function sloWindowAt(window: SloWindow, asOf: number, timeZone?: string): SloWindowRange {
  const rolling = rollingWindowSeconds(window);
  if (rolling !== undefined) return { from: asOf - rolling, to: asOf, lengthSeconds: rolling };
  const period = reportPeriodAt(window === 'quarter' ? 'quarter' : 'month', asOf, timeZone);
  return { from: period.from, to: Math.min(asOf, period.to), lengthSeconds: period.to - period.from, period };
}

/**
 * Nominal window length in seconds used to scale alert windows: rolling length, 30 days for
 * `month`, 90 days for `quarter` (so a calendar month alerts like a 30d SLO).
 */
export function nominalWindowSeconds(window: SloWindow): number {
  if (window === 'month') return THIRTY_DAYS;
  if (window === 'quarter') return 90 * DAY;
  const s = rollingWindowSeconds(window);
  if (s === undefined) throw new Error(`not an SLO window: ${window}`);
  return s;
}

/** ISO 8601 UTC text of Unix seconds, e.g. 1790985600 -> 2026-10-03T00:00:00.000Z. */
export function isoOf(t: number): string {
  return new Date(t * 1000).toISOString();
}

/** Unix seconds of an ISO 8601 timestamp with offset; throws on malformed text. */
export function secondsOf(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO 8601 timestamp: ${iso}`);
  return ms / 1000;
}
