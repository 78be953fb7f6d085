/**
 * The outage tracker's day-bars: for one service, one bar per UTC day over the last `days` days
 * (the last one is the day holding asOf, so far), coloured by the worst thing that happened:
 * - `outage`: a full outage (see outage.ts) overlapped the day;
 * - `major`: a partial degradation overlapped it;
 * - `minor`: any other incident of the service overlapped it (not customer-facing, or a severity
 *   that is no outage), from started_at to resolved_at (or asOf while open);
 * - `none`: nothing.
 * Maintenance windows touching the day are listed apart, and drawn in their own colour on a day
 * with nothing worse.
 * Availability over the days = 1 - full-outage seconds / seconds from the first day's start to asOf.
 * Example: 90 days to 2026-11-15T00:00Z with one 52-minute full outage -> 1 - 3,120 / 7,776,000 =
 * 99.9599%.
 */
import type { Incident } from '../schemas/incident.ts';
import type { Maintenance } from '../schemas/maintenance.ts';
import type { SeverityConfig } from '../schemas/severity.ts';
import { incidentSpan, incidentsOfService } from './incident-span.ts';
import { intersect, mergedLength, type Interval } from './intervals.ts';
import { maintenanceInterval } from './maintenance.ts';
import { outageIntervals } from './outage.ts';
import { DAY, isoOf, secondsOf } from './periods.ts';

export const DAY_LEVELS = ['none', 'minor', 'major', 'outage'] as const;
export type DayLevel = (typeof DAY_LEVELS)[number];

export interface DayBar {
  /** UTC date, `2026-11-14`. */
  date: string;
  /** The day `[from, to)` in Unix seconds; the last bar ends at asOf. */
  from: number;
  to: number;
  level: DayLevel;
  /** Full-outage and partial-degradation minutes inside the day. */
  outageMinutes: number;
  partialMinutes: number;
  /** Ids of the service's incidents that overlapped the day, by start time. */
  incidents: string[];
  /** Ids of the maintenance windows that overlapped the day. */
  maintenance: string[];
}

export interface ServiceDays {
  service: string;
  bars: DayBar[];
  /** 1 - full-outage time / time covered by the bars; a fraction. */
  availability: number;
  outageMinutes: number;
  partialMinutes: number;
}

/** The first second of the UTC day holding `t`. */
export const dayStart = (t: number): number => Math.floor(t / DAY) * DAY;

/** The UTC days `[from, to)` of the last `days` days to asOf, the last one ending at asOf. */
export function lastDays(asOf: number, days: number): Interval[] {
  // asOf exactly at midnight: the day that just ended is the last bar.
  const last = asOf % DAY === 0 ? asOf - DAY : dayStart(asOf);
  const out: Interval[] = [];
  for (let k = days - 1; k >= 0; k--) {
    const from = last - k * DAY;
    out.push({ from, to: Math.min(from + DAY, asOf) });
  }
  return out;
}

const clipped = (spans: readonly Interval[], day: Interval): Interval[] => spans.map((s) => intersect(s, day)).filter((s): s is Interval => s !== null);

/** The bars of every service in `services` (in that order) at asOf. */
export function dayBars(
  services: readonly string[],
  incidents: readonly Incident[],
  maintenance: readonly Maintenance[],
  config: SeverityConfig,
  asOf: number,
  days = 90,
): ServiceDays[] {
  const outages = outageIntervals(incidents, config, asOf);
  const grid = lastDays(asOf, days);
  const covered = { from: grid[0]!.from, to: asOf };
  return services.map((service) => {
    const o = outages.get(service) ?? { full: [], partial: [] };
    const mine = incidentsOfService(incidents, service)
      .map((i) => ({ id: i.id, span: incidentSpan(i, asOf) }))
      .sort((a, b) => a.span.from - b.span.from || a.id.localeCompare(b.id));
    const works = maintenance.filter((m) => m.services.includes(service)).map((m) => ({ id: m.id, span: maintenanceInterval(m, asOf) }));
    const bars = grid.map((day): DayBar => {
      const full = mergedLength(clipped(o.full, day)) / 60;
      const partial = mergedLength(clipped(o.partial, day)) / 60;
      // A zero-length incident (started and resolved at once) still marks its day.
      const hit = mine.filter((x) => intersect(x.span, day) !== null || (x.span.from === x.span.to && x.span.from >= day.from && x.span.from < day.to));
      const level: DayLevel = full > 0 ? 'outage' : partial > 0 ? 'major' : hit.length > 0 ? 'minor' : 'none';
      return {
        date: isoOf(day.from).slice(0, 10),
        from: day.from,
        to: day.to,
        level,
        outageMinutes: full,
        partialMinutes: partial,
        incidents: hit.map((x) => x.id),
        maintenance: works.filter((w) => intersect(w.span, day) !== null).map((w) => w.id),
      };
    });
    const fullSeconds = mergedLength(clipped(o.full, covered));
    return {
      service,
      bars,
      availability: 1 - fullSeconds / (covered.to - covered.from),
      outageMinutes: fullSeconds / 60,
      partialMinutes: mergedLength(clipped(o.partial, covered)) / 60,
    };
  });
}

export interface CalendarDay {
  date: string;
  /** Incidents that started that UTC day, and full-outage minutes of any service (merged over services). */
  incidents: number;
  outageMinutes: number;
}

/** The last `days` UTC days to asOf (default a year), oldest first, for the calendar heatmap. */
export function incidentCalendar(incidents: readonly Incident[], config: SeverityConfig, asOf: number, days = 365): CalendarDay[] {
  const full = [...outageIntervals(incidents, config, asOf).values()].flatMap((o) => o.full);
  const starts = new Map<number, number>();
  for (const i of incidents) {
    const d = dayStart(secondsOf(i.started_at));
    starts.set(d, (starts.get(d) ?? 0) + 1);
  }
  return lastDays(asOf, days).map((day) => ({ date: isoOf(day.from).slice(0, 10), incidents: starts.get(day.from) ?? 0, outageMinutes: mergedLength(clipped(full, day)) / 60 }));
}
