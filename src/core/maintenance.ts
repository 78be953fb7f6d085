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
import { buildSeries, stepRange, type Series } from './series.ts';

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
 * The series with the steps inside `windows` emptied: their good and total become 0 while the step
 * still counts as having data, so they neither spend nor earn budget and coverage is unchanged
 * (a slice made only of them is a no-traffic slice). A step is inside a window when its end lies in
 * `(from, to]` (as for SLO windows). Example: 10 steps of 1,000 events, 50 bad in step 3, and a
 * window over steps 3–4 -> 8,000 events and 0 bad, instead of 10,000 and 50.
 */
export function excludeWindows(series: Series, windows: readonly Interval[]): Series {
  if (windows.length === 0) return series;
  const good = Array.from(series.good, (g, i) => (series.present[i] ? g : null));
  const total = Array.from(series.total, (t, i) => (series.present[i] ? t : null));
  for (const w of windows) {
    const r = stepRange(series, w.from, w.to);
    for (let i = r.i0; i < r.i1; i++) {
      if (total[i] === null) continue;
      good[i] = 0;
      total[i] = 0;
    }
  }
  const out = buildSeries({ start: series.start, step: series.step, series: { total, good } });
  return { ...out, clamped: series.clamped };
}

/** The series an SLO is judged on: without its service's maintenance windows when it says `exclude_maintenance: true`. */
export function sloSeries(slo: Pick<Slo, 'service' | 'exclude_maintenance'>, series: Series, maintenance: readonly Maintenance[], asOf: number): Series {
  return slo.exclude_maintenance ? excludeWindows(series, maintenanceWindows(maintenance, slo.service, asOf)) : series;
}
