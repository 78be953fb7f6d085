/**
 * Replay of the Google SRE workbook multi-window, multi-burn-rate alerts over a whole history, and
 * how the fired alerts line up with incidents.
 *
 * | alert       | long | short | budget spent in the long window | threshold, 30d / 28d |
 * | page-fast   | 1h   | 5m    | 2%                              | 14.4x / 13.44x       |
 * | page-slow   | 6h   | 30m   | 5%                              | 6x / 5.6x            |
 * | ticket-fast | 1d   | 2h    | 10%                             | 3x / 2.8x            |
 * | ticket-slow | 3d   | 6h    | 10%                             | 1x / 0.933x          |
 *
 * The windows are fixed; the threshold is the burn rate that spends the alert's share of the
 * window's budget within its long window: share x W / long (see ALERT_WINDOWS in the schema). An
 * alert set to `false` is left out of the plan, so it is neither replayed nor written as a rule. A
 * calendar month counts as W = 30 days and a quarter as 90. An SLO may set a fixed threshold.
 * An alert fires at a step when the burn rate over BOTH its windows is strictly above the
 * threshold (the workbook's `>`). Windows are rounded to whole steps, at least 1.
 *
 * An SLO may instead list its own alerts (`alerting.alerts`, what OpenSLO alert conditions become):
 * each one window, a comparison (gt, gte, lt, lte) and a hold (`for`, OpenSLO's alertAfter). Such an
 * alert fires at a step once its condition has held at every step for `for` (rounded up to whole
 * steps): with 5-minute steps and `for: 10m`, a condition true from the step ending 10:00 fires at
 * 10:10 if it was still true at 10:05 and 10:10. A burn rate within a relative 1e-9 of the
 * threshold counts as equal to it (floating-point noise): gt and lt do not fire on it, gte and lte
 * do. A window without events has no burn rate and fires nothing, whatever the comparison.
 */
import type { Incident } from '../schemas/incident.ts';
import { ALERT_WINDOWS, type AlertKey, type BurnOp, type Slo } from '../schemas/slo.ts';
import { errorRatioAllowed } from './budget.ts';
import { burnCut, mayBurnAbove, windowBurnAt, windowSteps } from './burn-rate.ts';
import { incidentSpan, incidentsOfService } from './incident-span.ts';
import { nominalWindowSeconds } from './periods.ts';
import { dataStart, overlappingStepRange, rangeSums, stepEnd, type Series, type StepRange } from './series.ts';

/** `page-fast` .. `ticket-slow` for the four default alerts, or the name of an SLO's own alert. */
export type AlertName = string;
export type AlertSeverity = 'page' | 'ticket';

/** The four alerts in the order they are listed and replayed. */
export const ALERT_NAMES: Record<AlertKey, AlertName> = { page_fast: 'page-fast', page_slow: 'page-slow', ticket_fast: 'ticket-fast', ticket_slow: 'ticket-slow' };
const ALERT_KEYS = Object.keys(ALERT_WINDOWS) as AlertKey[];

/** One alert rule resolved for an SLO and a step size. */
export interface AlertPlan {
  alert: AlertName;
  severity: AlertSeverity;
  /** How the burn rate compares with the threshold to fire: `gt` for the four default alerts. */
  op: BurnOp;
  /** Burn-rate threshold: the SLO's own, or share x W / long. */
  threshold: number;
  /** Share of the window's budget spent within the long window at the threshold, fraction (0.02). */
  budgetShare: number;
  longSeconds: number;
  /** The short window of a default alert; null for an SLO's own alert, which has one window. */
  shortSeconds: number | null;
  longSteps: number;
  shortSteps: number | null;
  /** How long the condition must hold before the alert fires (0 for the default alerts), and that in whole steps, rounded up. */
  forSeconds: number;
  forSteps: number;
}

export type AlertSlo = Pick<Slo, 'objective' | 'window' | 'alerting'>;

/**
 * The rules for an SLO at a step size: its own alerts when it lists them, else the four defaults.
 * 30-day SLO, 5-minute steps: page-fast 14.4x over 12 and 1 steps; a 28-day SLO: 2% x 672 h / 1 h
 * = 13.44x over the same windows. An own alert `{ op: gte, burn_rate: 2, window: 90m, for: 7m }`:
 * gte 2x over 18 steps, held for 2 steps.
 */
export function alertPlan(slo: Pick<Slo, 'window' | 'alerting'>, step: number): AlertPlan[] {
  const w = nominalWindowSeconds(slo.window);
  if (slo.alerting.alerts) {
    return slo.alerting.alerts.map((a) => ({
      alert: a.name,
      severity: a.severity,
      op: a.op,
      threshold: a.burn_rate,
      budgetShare: (a.burn_rate * a.window.seconds) / w,
      longSeconds: a.window.seconds,
      shortSeconds: null,
      longSteps: windowSteps(step, a.window.seconds),
      shortSteps: null,
      forSeconds: a.for?.seconds ?? 0,
      forSteps: Math.ceil((a.for?.seconds ?? 0) / step),
    }));
  }
  return ALERT_KEYS.filter((key) => slo.alerting[key] !== false).map((key) => {
    const r = ALERT_WINDOWS[key];
    const own = slo.alerting[key] || undefined;
    const threshold = own ?? (r.budgetPercent * w) / (100 * r.long);
    return {
      alert: ALERT_NAMES[key],
      severity: r.severity,
      op: 'gt',
      threshold,
      budgetShare: own === undefined ? r.budgetPercent / 100 : (own * r.long) / w,
      longSeconds: r.long,
      shortSeconds: r.short,
      longSteps: windowSteps(step, r.long),
      shortSteps: windowSteps(step, r.short),
      forSeconds: 0,
      forSteps: 0,
    };
  });
}

/** Relative tolerance within which a burn rate counts as equal to the threshold (floating-point noise). */
const TOLERANCE = 1e-9;

/**
 * Whether a burn rate fires against a threshold with `op`: gt 14.4 does not fire at 14.4 (nor at
 * 14.4 x (1 + 1e-10)), gte does. NaN (no events) never fires.
 */
export function burnCompares(op: BurnOp, threshold: number): (burn: number) => boolean {
  const code = OP_CODES[op];
  const limit = burnLimit(code, threshold);
  return (b) => compareBurn(code, limit, b);
}

/** The comparisons as small integers, so the replay's inner loop branches instead of calling a closure. */
const OP_CODES: Record<BurnOp, number> = { gt: 0, gte: 1, lt: 2, lte: 3 };

/** The bound a burn rate is compared with: the threshold widened (gt, lte) or narrowed (gte, lt) by the tolerance. */
const burnLimit = (code: number, threshold: number): number => (code === 0 || code === 3 ? threshold * (1 + TOLERANCE) : threshold * (1 - TOLERANCE));

/** burnCompares without a closure: `code` from OP_CODES, `limit` from burnLimit. */
const compareBurn = (code: number, limit: number, b: number): boolean => (code === 0 ? b > limit : code === 1 ? b >= limit : code === 2 ? b < limit : b <= limit);

/** Whether an alert fires on a burn rate above its threshold (gt, gte), as an incident would make it. */
const firesOnBurn = (a: Pick<AlertInterval, 'op'>): boolean => a.op === 'gt' || a.op === 'gte';

/** A period during which an alert fired, Unix seconds. */
export interface AlertInterval {
  alert: AlertName;
  severity: AlertSeverity;
  /** End of the first firing step (when the rule first evaluated true). */
  from: number;
  /** End of the first step after it that no longer fires; the last step's end when still firing. */
  to: number;
  /** Highest long-window burn rate during the interval. */
  peakBurnRate: number;
  /** True when still firing at the last step of the data. */
  open: boolean;
  /** The rule as evaluated (comparison, threshold, windows in whole steps): used to relate alerts to incidents. */
  op: BurnOp;
  threshold: number;
  longSteps: number;
  shortSteps: number | null;
}

/**
 * Replay the SLO's alerts over the series in linear time (one prefix-sum pass per distinct
 * window). Intervals sorted by `from`, then by rule order. With `asOf`, only the steps ending at or
 * before it are replayed (nothing from after asOf is reported, and `open` means firing at asOf).
 * An alert with a hold fires from the step at which its condition has held for `forSteps` steps
 * after the first step it held at; a break in the condition starts the hold again.
 */
export function replayAlerts(slo: AlertSlo, series: Series, asOf?: number): AlertInterval[] {
  const ratio = errorRatioAllowed(slo.objective);
  const out: AlertInterval[] = [];
  const n = asOf === undefined ? series.length : Math.min(series.length, Math.max(0, Math.floor((asOf - series.start) / series.step) + 1));
  const plan = alertPlan(slo, series.step);
  for (const p of plan) {
    // The burn rates are computed per step as needed (windowBurnAt, the values of burnRateSeries):
    // the short window first, the long one only where the short one fires.
    const longSteps = Math.max(1, Math.floor(p.longSteps));
    const shortSteps = p.shortSteps === null ? null : Math.max(1, Math.floor(p.shortSteps));
    const code = OP_CODES[p.op];
    const limit = burnLimit(code, p.threshold);
    // gt and gte against a positive limit: a window that cannot burn above it is passed over
    // without computing its burn rate (mayBurnAbove, a multiplication instead of two divisions).
    const quick = (code === 0 || code === 1) && limit > 0;
    const cut = burnCut(limit, ratio);
    let begin = -1;
    let peak = 0;
    // Consecutive steps, up to this one, at which the condition held.
    let held = 0;
    for (let i = 0; i <= n; i++) {
      // Steps at which nothing fires and nothing holds: skip to the next one that may hold.
      if (quick && begin < 0 && held === 0) i = nextMayHold(series, shortSteps, longSteps, cut, i, n);
      let long = NaN;
      let holds = false;
      if (
        i < n &&
        (shortSteps === null || ((!quick || mayBurnAbove(series, shortSteps, i, cut)) && compareBurn(code, limit, windowBurnAt(series, ratio, shortSteps, i)))) &&
        (!quick || mayBurnAbove(series, longSteps, i, cut))
      ) {
        long = windowBurnAt(series, ratio, longSteps, i);
        holds = compareBurn(code, limit, long);
      }
      held = holds ? held + 1 : 0;
      const firing = held > p.forSteps;
      if (firing) {
        if (begin < 0) {
          begin = i;
          peak = long;
        } else if (long > peak) peak = long;
      } else if (begin >= 0) {
        const open = i === n;
        out.push({
          alert: p.alert,
          severity: p.severity,
          from: stepEnd(series, begin),
          to: stepEnd(series, open ? n - 1 : i),
          peakBurnRate: peak,
          open,
          op: p.op,
          threshold: p.threshold,
          longSteps: p.longSteps,
          shortSteps: p.shortSteps,
        });
        begin = -1;
      }
    }
  }
  const order = plan.map((p) => p.alert);
  return out.sort((a, b) => a.from - b.from || order.indexOf(a.alert) - order.indexOf(b.alert));
}

/**
 * The first step from `i` (or `n` when none) at which both windows may burn above the cut
 * (mayBurnAbove on the short window, when there is one, and on the long one): the replay's test
 * for a step that may hold, in one tight loop, without the rest of the per-step evaluation.
 */
function nextMayHold(series: Pick<Series, 'goodSum' | 'totalSum'>, shortSteps: number | null, longSteps: number, cut: number, i: number, n: number): number {
  const ks = shortSteps ?? longSteps;
  for (; i < n; i++) if (mayBurnAbove(series, ks, i, cut) && mayBurnAbove(series, longSteps, i, cut)) return i;
  return n;
}

/** How the alerts relate to one incident. */
export interface IncidentAlertMatch {
  incident: string;
  severity: Incident['severity'];
  /** started_at, Unix seconds. */
  startedAt: number;
  /** resolved_at, or asOf while the incident is open (or resolved only after asOf). */
  endedAt: number;
  /** True when some alert is attributed to the incident (see relateAlerts); it may have fired after endedAt. */
  alerted: boolean;
  /** True when a page-severity alert did. */
  paged: boolean;
  /** The earliest attributed alert interval, or null. */
  firstAlert: AlertName | null;
  firstFiredAt: number | null;
  /** firstFiredAt - startedAt in seconds; negative = fired before impact was recorded to start; more than endedAt - startedAt = fired after the end. */
  leadSeconds: number | null;
}

export interface AlertCoverage {
  slackSeconds: number;
  /** Incidents that list the SLO's service and started by asOf, oldest first. */
  incidents: IncidentAlertMatch[];
  /** Alert intervals attributed to no incident of the service. */
  alertsWithoutIncident: AlertInterval[];
  /** For each alert interval given, the ids of the incidents it is attributed to (oldest first; empty for none). */
  explainedBy: Map<AlertInterval, string[]>;
}

/** Default slack before started_at within which an alert still counts for an incident: 30 minutes. */
export const DEFAULT_ALERT_SLACK = 1_800;

/**
 * Relate fired alerts to the incidents of the SLO's service (those started by asOf). An incident's
 * window is `[started_at - slack, min(resolved_at ?? asOf, asOf)]`. An alert is attributed to it when
 * 1. its interval overlaps that window (ends touching count): it fired during the incident; or
 * 2. it first fired after the window, but would NOT have fired then without the incident: with the
 *    bad events of the steps overlapping the window counted as good, its long or its short window
 *    at the first firing step is no longer strictly above the threshold.
 * Example: started 10:00, page-fast fired 10:05 -> alerted, lead +300 s.
 *
 * Why rule 2: slow alerts can START firing after resolved_at because their long window (3d for
 * ticket-slow) still holds the incident's bad events: a few hours of ordinary ~1x noise in the 6h
 * short window then tip it over. Such an alert is the incident's echo, not an alert without
 * incident. The same goes for the step that ends after a mid-step resolution. Plain "the long
 * window overlaps the incident" is not used, because it would also pin a NEW outage that fires on
 * its own (say 100% errors two hours after a resolved incident, inside page-slow's 6h window) on
 * the old incident and hide it. An attributed alert counts for the incident (alerted, first alert,
 * lead) even when it fired after endedAt; its lead then exceeds the incident's length.
 * Only alerts that fire on a high burn (gt, gte) are attributed: an alert that fires while the burn
 * is below its threshold (lt, lte) cannot have caught an incident, so it is never an incident's.
 */
export function relateAlerts(
  slo: Pick<Slo, 'service' | 'objective'>,
  series: Series,
  alerts: readonly AlertInterval[],
  incidents: readonly Incident[],
  asOf: number,
  slackSeconds: number = DEFAULT_ALERT_SLACK,
): AlertCoverage {
  const ratio = errorRatioAllowed(slo.objective);
  /** Whether alert `a` would still fire at its first step with the bad events of `skip` counted as good. */
  const firesWithout = (a: AlertInterval, skip: StepRange): boolean => {
    const last = Math.round((a.from - series.start) / series.step);
    // replayAlerts found both windows firing at `last` with every step counted. When neither
    // window reaches a step of `skip`, nothing changes and it still fires (for a positive
    // threshold its bad events were positive, so the figures below would be the replay's own).
    const reach = Math.max(a.longSteps, a.shortSteps ?? a.longSteps);
    if (a.threshold > 0 && (skip.i1 <= skip.i0 || skip.i1 <= Math.max(0, last + 1 - reach) || skip.i0 >= last + 1)) return true;
    const fires = burnCompares(a.op, a.threshold);
    return [a.longSteps, a.shortSteps ?? a.longSteps].every((k) => {
      const w: StepRange = { i0: Math.max(0, last + 1 - k), i1: last + 1 };
      const all = rangeSums(series, w);
      const cut: StepRange = { i0: Math.max(w.i0, skip.i0), i1: Math.min(w.i1, skip.i1) };
      const part = cut.i1 > cut.i0 ? rangeSums(series, cut) : { good: 0, total: 0 };
      const bad = all.total - all.good - (part.total - part.good);
      return all.total > 0 && fires(bad / all.total / ratio);
    });
  };
  const firstData = dataStart(series);
  const mine = incidentsOfService(incidents, slo.service)
    .map((i) => {
      const span = incidentSpan(i, asOf);
      return { i, startedAt: span.from, endedAt: span.to };
    })
    .filter((m) => m.startedAt <= asOf)
    // An incident over before the SLO had any data could not have been alerted on: leave it out.
    .filter((m) => firstData !== null && m.endedAt > firstData)
    .sort((a, b) => a.startedAt - b.startedAt);
  const explainedBy = new Map<AlertInterval, string[]>(alerts.map((a) => [a, []]));
  const matches = mine.map(({ i, startedAt, endedAt }): IncidentAlertMatch => {
    const lo = startedAt - slackSeconds;
    const steps = overlappingStepRange(series, lo, endedAt);
    const hits = alerts.filter((a) => firesOnBurn(a) && ((a.from <= endedAt && lo <= a.to) || (a.from > endedAt && !firesWithout(a, steps))));
    for (const h of hits) explainedBy.get(h)!.push(i.id);
    const first = hits.reduce<AlertInterval | null>((best, a) => (best === null || a.from < best.from ? a : best), null);
    return {
      incident: i.id,
      severity: i.severity,
      startedAt,
      endedAt,
      alerted: hits.length > 0,
      paged: hits.some((a) => a.severity === 'page'),
      firstAlert: first?.alert ?? null,
      firstFiredAt: first?.from ?? null,
      leadSeconds: first === null ? null : first.from - startedAt,
    };
  });
  return { slackSeconds, incidents: matches, alertsWithoutIncident: alerts.filter((a) => explainedBy.get(a)!.length === 0), explainedBy };
}
