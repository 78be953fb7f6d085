/**
 * How each published figure is defined, written once: the site's /definitions/ page, the text
 * beside each figure and the README (a test checks that the README states each text verbatim)
 * all use these words. The formulas themselves live in src/core; these texts say what they do.
 */
import type { LifecycleMetrics } from '../core/index.ts';

export interface Definition {
  /** Anchor on the /definitions/ page. */
  id: string;
  name: string;
  text: string;
}

export const DEFINITIONS = [
  { id: 'slo-window', name: 'SLO window', text: 'A rolling window of N days is [asOf − N days, asOf). A calendar day, week, month, quarter or year runs from the start of the period (local midnight in the time zone of the SLO) to asOf; an asOf exactly on a boundary reports the period that just ended. A step belongs to a window when its end lies in (from, to].' },
  { id: 'sli', name: 'SLI', text: 'SLI = 1 − bad / counted over the window, in the unit of the budgeting method: good events / total events for occurrences, good slices / slices with traffic for timeslices, the mean per-slice ratio for ratio-timeslices. Summed from counts, never averaged from rates; with nothing counted there is no SLI (shown as —, null in the API), never 100%.' },
  { id: 'error-budget', name: 'Error budget', text: 'Allowed = (1 − objective) × counted; consumed = bad / allowed; remaining = 1 − consumed, negative once overspent. Counted and bad are events for occurrences and time slices for the slice methods, so the headline, the cards and the chart share one denominator.' },
  { id: 'budget-time', name: 'Budget as time', text: 'Allowed time = (1 − objective) × the whole window length (99.9% of 30 days is 43.2 minutes); spent time = consumed × allowed time. For a calendar window or period still running, consumed is measured against the events so far, so its spent time is what the whole window would spend if the rest went as so far, and a running month’s does not add up with the others to its quarter’s.' },
  { id: 'incident-budget', name: 'Budget spent per incident', text: 'The bad events between an incident’s start and its resolution (or the report time), as a share of its SLO’s budget in events for the period: on an SLO page the month (the quarter for an SLO over a calendar quarter), in a period report the report’s month or quarter.' },
  { id: 'incident-overlap', name: 'Overlapping incidents', text: 'Incidents that overlap in time each count the bad events of the overlap in full, so their shares of the budget can add up to more than the SLO spent.' },
  { id: 'budget-chart', name: 'Budget chart', text: 'For a rolling window, each daily point is the budget remaining of the rolling window that ends that day. For a calendar window, it is the burn-down: bad units from the start of the period to that day against the allowance of the period so far. Either way the last point is the headline budget remaining.' },
  { id: 'coverage', name: 'Coverage', text: 'Coverage = steps with data / steps the window should hold. Gaps are never counted as good, and a coverage below 100% is never displayed as 100%.' },
  { id: 'status', name: 'Status', text: 'Green while more than the policy’s green share of the budget remains (default 50%), yellow while more than its yellow share remains (default 10%), red at or below. No SLI, no status.' },
  { id: 'burn-rate', name: 'Burn rate', text: 'Burn rate = bad-event ratio over a window / (1 − objective). At 1× the budget lasts exactly the SLO window.' },
  { id: 'time-to-exhaustion', name: 'Time to exhaustion', text: 'Remaining × window length / burn rate, at the current 1h and 1d burn rates. Already exhausted when nothing is left; not at this rate when the burn rate is 0 or the budget outlasts the window (for a calendar window, the end of the period, when the budget resets); unknown without events.' },
  { id: 'alerts', name: 'Burn-rate alerts', text: 'Each alert fires while the burn rate over both its windows is above its threshold. Page when 2% of the window’s budget is spent in 1h (also over 5m) or 5% in 6h (30m); ticket when 10% is spent in 1d (2h) or in 3d (6h). Threshold = share × window length / long window: 14.4×, 6×, 3×, 1× for 30 days, 13.44×, 5.6×, 2.8×, 0.93× for 28 days. A calendar day counts as 1 day, a week as 7, a month as 30, a quarter as 90 and a year as 365. An SLO that lists alerts of its own (alerting.alerts, OpenSLO conditions) replays those instead: each over its one window, compared as written (above, at or above, below, at or below), once it has held for its hold.' },
  { id: 'mttd', name: 'MTTD', text: 'Time to detect: detected_at − started_at.' },
  { id: 'mtta', name: 'MTTA', text: 'Time to acknowledge: acknowledged_at − detected_at.' },
  { id: 'mttm', name: 'MTTM', text: 'Time to mitigate: mitigated_at − started_at.' },
  { id: 'mttr', name: 'MTTR', text: 'Time to resolve: resolved_at − started_at, resolved incidents only.' },
  { id: 'mtbf', name: 'MTBF', text: 'Operating time between failures of one service: from the end of one impact (mitigated_at, else resolved_at) to the start of the next, overlapping impacts merged; a service counts only its own incidents.' },
  { id: 'response-compliance', name: 'Response-target compliance', text: 'Met / (met + missed) among the incidents of a severity. An incident meets its target when it is acknowledged within its severity’s target, counted from detected_at (or started_at if that is missing); one without acknowledged_at has missed it while still open past its target, and is otherwise unknown and left out.' },
  { id: 'action-items', name: 'Action items', text: 'An item is a row of a postmortem’s Action items table. It is done when its status is done or wont-fix, open otherwise (open, in-progress, or no status stated); an open item is overdue once its due date has ended, from 00:00 UTC the next day, and an item without a due date is never overdue. Open counts include the overdue items.' },
] as const satisfies readonly Definition[];

export type DefinitionId = (typeof DEFINITIONS)[number]['id'];

/** The definition with this id. */
export function definition(id: DefinitionId): Definition {
  return DEFINITIONS.find((d) => d.id === id)!;
}

const METRICS = ['mttd', 'mtta', 'mttm', 'mttr', 'mtbf'] as const;

/** Rows for the Distribution component: name, definition and distribution of each incident metric. */
export function metricRows(m: Pick<LifecycleMetrics, (typeof METRICS)[number]>) {
  return METRICS.map((k) => ({ id: k, name: definition(k).name, definition: definition(k).text, d: m[k] }));
}
