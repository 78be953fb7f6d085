/**
 * The machine-readable report contract: plain JSON-safe objects (no NaN, no Infinity, no
 * undefined: absent values are null), times as ISO 8601 UTC text, durations in seconds,
 * objectives and SLIs as FRACTIONS (0.999). Other tools read these; change them only by bumping
 * the `schema` string.
 */
import type { Incident } from '../schemas/incident.ts';
import type { Severity, SeverityConfig } from '../schemas/severity.ts';
import type { Slo } from '../schemas/slo.ts';
import { relateAlerts, replayAlerts, type AlertInterval, type AlertName, type AlertSeverity } from './alerts.ts';
import { currentBurnRates, timeToExhaustion, type BurnWindow } from './burn-rate.ts';
import { compliance } from './compliance.ts';
import { policyStatus, type PolicyStatus } from './budget.ts';
import { incidentBudget, type PeriodBudgetSplit } from './incident-budget.ts';
import { byMonth, byService, bySeverity, lifecycleMetrics, type LifecycleMetrics } from './incident-metrics.ts';
import { budgetingMethods, type Methods } from './methods.ts';
import { outageMinutes } from './outage.ts';
import { isoOf, sloWindowAt } from './periods.ts';
import { responseTargets, type ResponseTally } from './response-targets.ts';
import { buildSeries, stepEnd, type Series, type SeriesInput } from './series.ts';
import type { Distribution } from './stats.ts';

export const SLO_REPORT_SCHEMA = 'sitrep-slo-report/v1';
export const INCIDENT_METRICS_SCHEMA = 'sitrep-incident-metrics/v1';

export interface AlertReport {
  alert: AlertName;
  severity: AlertSeverity;
  from: string;
  to: string;
  peakBurnRate: number;
  open: boolean;
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
  /**
   * SLI by the SLO's declared method (`method`): good / total events for occurrences, good slices
   * / slices for timeslices, mean slice ratio for ratio-timeslices. `good`, `total`, `bad` and
   * `budget.allowed` are event counts whatever the method; all three methods are in `methods`.
   */
  sli: number | null;
  good: number;
  total: number;
  bad: number;
  coverage: number;
  partial: boolean;
  lowTraffic: boolean;
  data: { step: number; steps: number; start: string | null; end: string | null; missingSteps: number; clampedPoints: number };
  budget: { allowed: number; consumed: number | null; remaining: number | null; allowedSeconds: number };
  status: PolicyStatus | null;
  /** The budgeting method the SLO declares; all three are in `methods`. */
  method: Slo['budgeting']['method'];
  methods: Methods;
  burnRates: Record<BurnWindow, number | null>;
  /** Seconds until the budget is exhausted at the current 1h / 1d burn; null = never or unknown. */
  timeToExhaustion: { '1h': number | null; '1d': number | null };
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

const alertReport = (a: AlertInterval): AlertReport => ({
  alert: a.alert,
  severity: a.severity,
  from: isoOf(a.from),
  to: isoOf(a.to),
  peakBurnRate: a.peakBurnRate,
  open: a.open,
});

/** An objective in percent as a fraction without float noise: 99.9 -> 0.999, not 0.9990000000000001. */
export const objectiveFraction = (percent: number): number => Math.round(percent * 1e10) / 1e12;

/** The fields that name an SLO in every report, with or without data. */
export function sloIdentity(slo: Slo): Pick<SloReport, 'schema' | 'id' | 'service' | 'name' | 'objective' | 'window'> {
  return { schema: SLO_REPORT_SCHEMA, id: slo.id, service: slo.service, name: slo.name, objective: objectiveFraction(slo.objective), window: slo.window };
}

const asSeries = (s: Series | SeriesInput): Series => ('goodSum' in s ? s : buildSeries(s));

/**
 * The report of one SLO at asOf (Unix seconds). `incidents` (all of them; filtered to the SLO's
 * service here) feed alertCoverage and incidentBudget; without them both are empty.
 */
export function buildSloReport(slo: Slo, input: Series | SeriesInput, asOf: number, incidents: readonly Incident[] = []): SloReport {
  const series = asSeries(input);
  const w = sloWindowAt(slo.window, asOf);
  const c = compliance(slo, series, w.from, w.to, w.lengthSeconds);
  const burnRates = currentBurnRates(series, slo.objective, asOf);
  const alerts = replayAlerts(slo, series, asOf);
  const coverage = relateAlerts(slo, series, alerts, incidents, asOf);
  const ib = incidentBudget(slo, series, incidents, asOf);
  const methods = budgetingMethods(slo, series, w.from, w.to);
  // The headline SLI, budget share and status follow the method the SLO declares: a timeslices SLO
  // is judged on its good slices. Event counts (good, total, bad, allowed) are always events.
  const declared = methods[slo.budgeting.method];
  const status = policyStatus(declared.remaining, slo.policy);
  const last = series.length - 1;
  return {
    ...sloIdentity(slo),
    asOf: isoOf(asOf),
    from: isoOf(w.from),
    to: isoOf(w.to),
    windowSeconds: w.lengthSeconds,
    sli: declared.sli,
    good: c.good,
    total: c.total,
    bad: c.bad,
    coverage: c.coverage,
    partial: c.partial,
    lowTraffic: c.lowTraffic,
    data: {
      step: series.step,
      steps: series.length,
      start: series.length > 0 ? isoOf(stepEnd(series, 0) - series.step) : null,
      end: series.length > 0 ? isoOf(stepEnd(series, last)) : null,
      missingSteps: series.missing,
      clampedPoints: series.clamped,
    },
    budget: { allowed: c.budget.allowed, consumed: declared.consumed, remaining: declared.remaining, allowedSeconds: c.budget.allowedSeconds },
    status,
    method: slo.budgeting.method,
    methods,
    burnRates,
    timeToExhaustion: {
      '1h': timeToExhaustion(declared.remaining, burnRates['1h'], w.lengthSeconds),
      '1d': timeToExhaustion(declared.remaining, burnRates['1d'], w.lengthSeconds),
    },
    alerts: alerts.map(alertReport),
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
        firstFiredAt: m.firstFiredAt === null ? null : isoOf(m.firstFiredAt),
        leadSeconds: m.leadSeconds,
      })),
      alertsWithoutIncident: coverage.alertsWithoutIncident.map(alertReport),
    },
    budgetByPeriod: ib.periods.map(({ slo: _slo, from, to, ...rest }) => ({ ...rest, from: isoOf(from), to: isoOf(to) })),
    incidentBudget: ib.shares.map((s) => ({
      incident: s.incident,
      severity: s.severity,
      period: s.period,
      from: isoOf(s.from),
      to: isoOf(s.to),
      bad: s.bad,
      allowed: s.allowed,
      share: s.share,
    })),
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
