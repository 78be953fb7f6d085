/**
 * The machine-readable report contract: plain JSON-safe objects (no NaN, no Infinity, no
 * undefined: absent values are null), times as ISO 8601 UTC text, durations in seconds,
 * objectives and SLIs as FRACTIONS (0.999). Other tools read these; change them only by bumping
 * the `schema` string.
 */
import type { Incident } from '../schemas/incident.ts';
import type { Severity, SeverityConfig } from '../schemas/severity.ts';
import type { BurnOp, Slo } from '../schemas/slo.ts';
import { alertPlan, relateAlerts, replayAlerts, type AlertCoverage, type AlertInterval, type AlertName, type AlertSeverity } from './alerts.ts';
import { budgetHistory } from './budget-history.ts';
import { currentBurnRates, timeToExhaustion, type BurnWindow, type Exhaustion } from './burn-rate.ts';
import { compliance, type Compliance } from './compliance.ts';
import { budgetSeconds, policyStatus, type PolicyStatus } from './budget.ts';
import { incidentBudget, type IncidentBudget, type PeriodBudgetSplit } from './incident-budget.ts';
import { byMonth, byService, bySeverity, lifecycleMetrics, type LifecycleMetrics } from './incident-metrics.ts';
import { budgetingMethods, type BudgetUnit, type Methods } from './methods.ts';
import { outageMinutes } from './outage.ts';
import { isoOf, sloWindowAt, type SloWindowRange } from './periods.ts';
import { responseTargets, type ResponseTally } from './response-targets.ts';
import { buildSeries, seriesEnd, seriesStart, type Series, type SeriesInput } from './series.ts';
import type { Distribution } from './stats.ts';

export const SLO_REPORT_SCHEMA = 'sitrep-slo-report/v2';
export const INCIDENT_METRICS_SCHEMA = 'sitrep-incident-metrics/v2';

export interface AlertReport {
  alert: AlertName;
  severity: AlertSeverity;
  from: string;
  to: string;
  peakBurnRate: number;
  open: boolean;
  /** Ids of the incidents this alert is attributed to (see relateAlerts); empty when none explains it. */
  incidents: string[];
}

/** The error budget of the window, in the unit of the SLO's budgeting method (see budgetShare). */
export interface BudgetReport {
  method: Slo['budgeting']['method'];
  /** `events` for occurrences, `slices` (time slices with traffic) for both slice methods. */
  unit: BudgetUnit;
  /** Units counted in the window so far, bad among them, and allowed bad = (1 - objective) x counted. */
  counted: number;
  bad: number;
  allowed: number;
  /** bad / allowed, and 1 - that (negative once overspent); null with nothing counted. */
  consumed: number | null;
  remaining: number | null;
  /** Time-equivalent budget of the whole window, (1 - objective) x window length, seconds. */
  allowedSeconds: number;
  /** consumed x allowedSeconds: the budget spent, as time. */
  spentSeconds: number | null;
}

export interface SloReport {
  schema: typeof SLO_REPORT_SCHEMA;
  id: string;
  service: string;
  name: string;
  /** Fraction, e.g. 0.999. */
  objective: number;
  /** The SLO window as written: `30d`, `month`, `quarter`. */
  window: string;
  asOf: string;
  /** Evaluation window [from, to), ISO. For calendar windows: period start to asOf. */
  from: string;
  to: string;
  /** Full window length in seconds (the whole month/quarter for calendar windows). */
  windowSeconds: number;
  /** SLI by the SLO's declared method: 1 - budget.bad / budget.counted. All three methods are in `methods`. */
  sli: number | null;
  /** Event counts in the window, whatever the method. */
  good: number;
  total: number;
  bad: number;
  coverage: number;
  partial: boolean;
  lowTraffic: boolean;
  data: { step: number; steps: number; start: string | null; end: string | null; missingSteps: number; clampedPoints: number };
  budget: BudgetReport;
  status: PolicyStatus | null;
  methods: Methods;
  /** Budget remaining through the window, ending at budget.remaining (see budget-history.ts). */
  budgetHistory: { kind: 'rolling' | 'burndown'; points: { t: string; remaining: number | null }[] };
  burnRates: Record<BurnWindow, number | null>;
  /** When the budget runs out at the current 1h / 1d burn rate (see timeToExhaustion). */
  timeToExhaustion: { '1h': Exhaustion; '1d': Exhaustion };
  /**
   * The burn-rate alert rules as replayed: comparison, threshold, the share of the budget it lets
   * go, the windows (no short window for an SLO's own alert) and how long it must hold.
   */
  alertRules: { alert: AlertName; severity: AlertSeverity; op: BurnOp; threshold: number; budgetShare: number; longSeconds: number; shortSeconds: number | null; forSeconds: number }[];
  alerts: AlertReport[];
  alertCoverage: {
    slackSeconds: number;
    incidents: {
      incident: string;
      severity: Severity;
      startedAt: string;
      endedAt: string;
      alerted: boolean;
      paged: boolean;
      firstAlert: AlertName | null;
      firstFiredAt: string | null;
      leadSeconds: number | null;
    }[];
    alertsWithoutIncident: AlertReport[];
  };
  /**
   * Per calendar period (the SLO's month or quarter; the month for rolling windows): the budget
   * spent during the service's incidents (merged, so no step counts twice) and outside them.
   */
  budgetByPeriod: (Omit<PeriodBudgetSplit, 'slo' | 'from' | 'to'> & { from: string; to: string })[];
  incidentBudget: {
    incident: string;
    severity: Severity;
    period: string;
    from: string;
    to: string;
    bad: number;
    allowed: number;
    share: number | null;
  }[];
}

const alertReport = (a: AlertInterval, incidents: string[]): AlertReport => ({
  alert: a.alert,
  severity: a.severity,
  from: isoOf(a.from),
  to: isoOf(a.to),
  peakBurnRate: a.peakBurnRate,
  open: a.open,
  incidents,
});

/** An objective in percent as a fraction without float noise: 99.9 -> 0.999, not 0.9990000000000001. */
export const objectiveFraction = (percent: number): number => Math.round(percent * 1e10) / 1e12;

/** The fields that name an SLO in every report, with or without data. */
export function sloIdentity(slo: Slo): Pick<SloReport, 'schema' | 'id' | 'service' | 'name' | 'objective' | 'window'> {
  return { schema: SLO_REPORT_SCHEMA, id: slo.id, service: slo.service, name: slo.name, objective: objectiveFraction(slo.objective), window: slo.window };
}

const asSeries = (s: Series | SeriesInput): Series => ('goodSum' in s ? s : buildSeries(s));
const isoOrNull = (t: number | null): string | null => (t === null ? null : isoOf(t));

/** The budget by the SLO's declared method; the time-equivalent is of the whole window. */
function budgetReport(slo: Slo, methods: Methods, w: SloWindowRange): BudgetReport {
  const d = methods[slo.budgeting.method];
  const allowedSeconds = budgetSeconds(slo.objective, w.lengthSeconds);
  return {
    method: slo.budgeting.method,
    unit: d.unit,
    counted: d.counted,
    bad: d.bad,
    allowed: d.allowed,
    consumed: d.consumed,
    remaining: d.remaining,
    allowedSeconds,
    spentSeconds: d.consumed === null ? null : d.consumed * allowedSeconds,
  };
}

function dataReport(series: Series): SloReport['data'] {
  return {
    step: series.step,
    steps: series.length,
    start: isoOrNull(seriesStart(series)),
    end: isoOrNull(seriesEnd(series)),
    missingSteps: series.missing,
    clampedPoints: series.clamped,
  };
}

/** Projections from the headline budget: until the window length, or the calendar period's end. */
function exhaustion(remaining: number | null, burnRates: Record<BurnWindow, number | null>, w: SloWindowRange, asOf: number): SloReport['timeToExhaustion'] {
  const horizon = w.period === undefined ? w.lengthSeconds : w.period.to - asOf;
  return {
    '1h': timeToExhaustion(remaining, burnRates['1h'], w.lengthSeconds, horizon),
    '1d': timeToExhaustion(remaining, burnRates['1d'], w.lengthSeconds, horizon),
  };
}

function coverageReport(coverage: AlertCoverage): Pick<SloReport, 'alerts' | 'alertCoverage'> {
  const report = (a: AlertInterval) => alertReport(a, coverage.explainedBy.get(a) ?? []);
  return {
    alerts: [...coverage.explainedBy.keys()].map(report),
    alertCoverage: {
    slackSeconds: coverage.slackSeconds,
    incidents: coverage.incidents.map((m) => ({
      incident: m.incident,
      severity: m.severity,
      startedAt: isoOf(m.startedAt),
      endedAt: isoOf(m.endedAt),
      alerted: m.alerted,
      paged: m.paged,
      firstAlert: m.firstAlert,
      firstFiredAt: isoOrNull(m.firstFiredAt),
      leadSeconds: m.leadSeconds,
    })),
    alertsWithoutIncident: coverage.alertsWithoutIncident.map(report),
    },
  };
}

function incidentBudgetReport(ib: IncidentBudget): Pick<SloReport, 'budgetByPeriod' | 'incidentBudget'> {
  return {
    budgetByPeriod: ib.periods.map(({ slo: _slo, from, to, ...rest }) => ({ ...rest, from: isoOf(from), to: isoOf(to) })),
    incidentBudget: ib.shares.map((s) => ({ incident: s.incident, severity: s.severity, period: s.period, from: isoOf(s.from), to: isoOf(s.to), bad: s.bad, allowed: s.allowed, share: s.share })),
  };
}

/** Event counts, coverage and flags of the window (whatever the budgeting method). */
const windowFacts = (c: Compliance) => ({ good: c.good, total: c.total, bad: c.bad, coverage: c.coverage, partial: c.partial, lowTraffic: c.lowTraffic });

/**
 * The report of one SLO at asOf (Unix seconds). `incidents` (all of them; filtered to the SLO's
 * service here) feed alertCoverage and incidentBudget; without them both are empty. The headline
 * SLI, budget and status follow the SLO's declared budgeting method.
 */
export function buildSloReport(slo: Slo, input: Series | SeriesInput, asOf: number, incidents: readonly Incident[] = []): SloReport {
  const series = asSeries(input);
  const w = sloWindowAt(slo.window, asOf, slo.time_zone, slo.week_start);
  const methods = budgetingMethods(slo, series, w.from, w.to);
  const budget = budgetReport(slo, methods, w);
  const burnRates = currentBurnRates(series, slo.objective, asOf);
  const history = budgetHistory(slo, series, asOf);
  return {
    ...sloIdentity(slo),
    asOf: isoOf(asOf),
    from: isoOf(w.from),
    to: isoOf(w.to),
    windowSeconds: w.lengthSeconds,
    sli: methods[slo.budgeting.method].sli,
    ...windowFacts(compliance(slo, series, w.from, w.to)),
    data: dataReport(series),
    budget,
    status: policyStatus(budget.remaining, slo.policy),
    methods,
    budgetHistory: { kind: history.kind, points: history.points.map((p) => ({ t: isoOf(p.t), remaining: p.remaining })) },
    burnRates,
    timeToExhaustion: exhaustion(budget.remaining, burnRates, w, asOf),
    alertRules: alertPlan(slo, series.step).map(({ alert, severity, op, threshold, budgetShare, longSeconds, shortSeconds, forSeconds }) => ({ alert, severity, op, threshold, budgetShare, longSeconds, shortSeconds, forSeconds })),
    ...coverageReport(relateAlerts(slo, series, replayAlerts(slo, series, asOf), incidents, asOf)),
    ...incidentBudgetReport(incidentBudget(slo, series, incidents, asOf)),
  };
}

export interface IncidentMetricsReport {
  schema: typeof INCIDENT_METRICS_SCHEMA;
  asOf: string;
  count: number;
  mttd: Distribution;
  mtta: Distribution;
  mttm: Distribution;
  mttr: Distribution;
  mtbf: Distribution;
  bySeverity: Record<Severity, LifecycleMetrics>;
  byService: Record<string, LifecycleMetrics>;
  /** Keyed `YYYY-MM` (UTC month of started_at). */
  byMonth: Record<string, LifecycleMetrics>;
  /** Ids of unresolved incidents, by start time. */
  unresolved: string[];
  responseTargets: Record<Severity, ResponseTally>;
  /** Full-outage minutes per service per `YYYY-MM` (see outage.ts for which incidents count), merged. */
  outageMinutes: Record<string, Record<string, number>>;
  /** Partial-degradation minutes per service per `YYYY-MM`, outside full outages, merged. */
  partialMinutes: Record<string, Record<string, number>>;
}

/** Incident metrics at asOf (Unix seconds); see incident-metrics.ts for the definitions. */
export function buildIncidentMetrics(incidents: readonly Incident[], severityConfig: SeverityConfig, asOf: number): IncidentMetricsReport {
  const all = lifecycleMetrics(incidents);
  return {
    schema: INCIDENT_METRICS_SCHEMA,
    asOf: isoOf(asOf),
    count: all.count,
    mttd: all.mttd,
    mtta: all.mtta,
    mttm: all.mttm,
    mttr: all.mttr,
    mtbf: all.mtbf,
    bySeverity: bySeverity(incidents),
    byService: byService(incidents),
    byMonth: byMonth(incidents),
    unresolved: all.unresolved,
    responseTargets: responseTargets(incidents, severityConfig, asOf),
    outageMinutes: outageMinutes(incidents, severityConfig, asOf),
    partialMinutes: outageMinutes(incidents, severityConfig, asOf, 'partial'),
  };
}
