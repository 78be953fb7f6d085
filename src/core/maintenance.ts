/**
 * Scheduled maintenance: the window each one occupies, its state at a report time, and the series
 * an SLO with `exclude_maintenance: true` is judged on.
 *
 * Window: `[actual_start ?? planned_start, actual_end ?? planned_end)`. A maintenance that has
 * started for real but has no actual end yet runs at least to its planned end, and on to asOf if it
 * overruns.
 * State at asOf: upcoming before the window, ongoing inside it, past after it.
 */
import type { Maintenance } from '../schemas/maintenance.ts';
import type { Slo } from '../schemas/slo.ts';
import { mergeIntervals, type Interval } from './intervals.ts';
import { secondsOf } from './periods.ts';
import { buildSeries, type Series, type SeriesInput } from './series.ts';

export type MaintenanceState = 'upcoming' | 'ongoing' | 'past';

/** The window of a maintenance at asOf, Unix seconds. */
export function maintenanceInterval(m: Maintenance, asOf: number): Interval {
  const from = secondsOf(m.actual_start ?? m.planned_start);
  const planned = secondsOf(m.planned_end);
  if (m.actual_end !== undefined) return { from, to: secondsOf(m.actual_end) };
  if (m.actual_start !== undefined && secondsOf(m.actual_start) <= asOf) return { from, to: Math.max(planned, asOf) };
  return { from, to: planned };
}

/** Upcoming, ongoing or past at asOf. Planned 02:00–04:00 seen at 03:00 -> ongoing. */
export function maintenanceState(m: Maintenance, asOf: number): MaintenanceState {
  const w = maintenanceInterval(m, asOf);
  if (asOf < w.from) return 'upcoming';
  return asOf < w.to ? 'ongoing' : 'past';
}

/** The merged windows of the maintenances touching `service`, at asOf. */
export function maintenanceWindows(maintenance: readonly Maintenance[], service: string, asOf: number): Interval[] {
  return mergeIntervals(maintenance.filter((m) => m.services.includes(service)).map((m) => maintenanceInterval(m, asOf)));
}

/**
 * The series an SLO is judged on: its snapshot's columns, with its service's maintenance windows
 * emptied when it says `exclude_maintenance: true` (see buildSeries).
 */
export function sloSeries(slo: Pick<Slo, 'service' | 'exclude_maintenance'>, input: SeriesInput, maintenance: readonly Maintenance[], asOf: number): Series {
  return buildSeries(input, slo.exclude_maintenance ? maintenanceWindows(maintenance, slo.service, asOf) : []);
}
