/**
 * The report of one calendar period (a UTC month or quarter), for the whole organisation. Every
 * figure is one the engine already defines, evaluated over the calendar period itself whatever
 * window an SLO uses for its live status, with the SLO's own objective and budgeting method:
 * - SLI, budget consumed and met/missed: budgetingMethods over `[period start, min(end, asOf))`,
 *   the declared method's figures; met = consumed <= 1 (the SLI reached the objective).
 * - Budget as time: consumed x the time-equivalent budget of the WHOLE period (compliance's
 *   allowedSeconds). 99.9% over October (31 days) allows 44.64 min; consumed 0.5 is 22.32 min.
 * - Coverage, good/total/bad and allowed events: compliance over the same range.
 * - The change against the previous period of the same kind: SLI and consumed, this minus previous.
 * - Incidents: those that STARTED in the period; lifecycle metrics, response targets as in
 *   incident-metrics.ts and response-targets.ts.
 * - Outage minutes: full and partial (outage.ts) of every incident, clipped to the period.
 *   Customer-facing minutes = full + partial (they never overlap).
 * - Budget spent per incident: incidentBudget attributed in this period's kind (month or quarter).
 * - Postmortems: those published with a date in the period; their action items, and items of any
 *   postmortem overdue (not done nor won't-fix, due before the period's end or asOf).
 * A period still running at asOf is `toDate`: its figures are provisional.
 */
import type { Incident } from '../schemas/incident.ts';
import type { Postmortem } from '../schemas/postmortem.ts';
import type { Severity, SeverityConfig } from '../schemas/severity.ts';
import { SEVERITIES } from '../schemas/severity.ts';
import type { Slo } from '../schemas/slo.ts';
import { isClosed, isOverdue } from './action-items.ts';
import { compareNames } from './names.ts';
import { compliance } from './compliance.ts';
import { incidentBudget } from './incident-budget.ts';
import { incidentTimes } from './incident-span.ts';
import { bySeverity, byService, lifecycleMetrics, type LifecycleMetrics } from './incident-metrics.ts';
import { intersect, mergedLength, type Interval } from './intervals.ts';
import { declaredMethod } from './methods.ts';
import { budgetSeconds } from './budget.ts';
import { outageIntervals } from './outage.ts';
import { isoOf, periodOf, periodsCovering, secondsOf, type Period, type PeriodKind } from './periods.ts';
import { objectiveFraction, type SloReport } from './report.ts';
import { responseTargets, type ResponseTally } from './response-targets.ts';
import type { Series } from './series.ts';

export const PERIOD_REPORT_SCHEMA = 'sitrep-period-report/v1';

/** The URL slug of a period: `2026-10`, `2026-q4`. */
export const periodSlug = (p: Pick<Period, 'key'>): string => p.key.toLowerCase();

/** The period a slug names, or undefined: `2026-10` -> October 2026, `2026-q4` -> Q4 2026. */
export function periodFromSlug(slug: string): Period | undefined {
  const m = /^(\d{4})-(?:(\d{2})|q([1-4]))$/.exec(slug);
  if (!m) return undefined;
  const month = m[2] !== undefined ? Number(m[2]) : (Number(m[3]) - 1) * 3 + 1;
  if (month < 1 || month > 12) return undefined;
  return periodOf(m[2] !== undefined ? 'month' : 'quarter', Date.UTC(Number(m[1]), month - 1, 1) / 1000);
}

/** The period of the same kind just before `p`. */
export const previousPeriod = (p: Period): Period => periodOf(p.kind, p.from - 1);

/**
 * Every month and quarter overlapping `[from, asOf)`, newest first. With data from 2026-05-01 to
 * 2026-11-15: months 2026-11 .. 2026-05 and quarters 2026-Q4, Q3, Q2.
 */
export function reportPeriods(from: number, asOf: number): Record<PeriodKind, Period[]> {
  return {
    month: periodsCovering('month', from, asOf).reverse(),
    quarter: periodsCovering('quarter', from, asOf).reverse(),
  };
}

/** One SLO's figures over a period, by its declared budgeting method. */
export interface SloPeriodFigures {
  sli: number | null;
  /** True when the SLI reached the objective (consumed <= 1); null without events. */
  met: boolean | null;
  good: number;
  total: number;
  bad: number;
  /** Allowed bad events, (1 - objective) x total. */
  allowed: number;
  /** Fraction of the period's budget spent; may exceed 1. */
  consumed: number | null;
  /** consumed x allowedSeconds. */
  consumedSeconds: number | null;
  /** Time-equivalent budget of the whole period, seconds. */
  allowedSeconds: number;
  coverage: number;
}

/** An SLO's figures over `[period.from, min(period.to, asOf))`. */
export function sloPeriodFigures(slo: Slo, series: Series, period: Period, asOf: number): SloPeriodFigures {
  const to = Math.min(period.to, asOf);
  const c = compliance(slo, series, period.from, to);
  const declared = declaredMethod(slo, series, period.from, to);
  const allowedSeconds = budgetSeconds(slo.objective, period.to - period.from);
  return {
    sli: declared.sli,
    met: declared.consumed === null ? null : declared.consumed <= 1 + 1e-12,
    good: c.good,
    total: c.total,
    bad: c.bad,
    allowed: c.budget.allowed,
    consumed: declared.consumed,
    consumedSeconds: declared.consumed === null ? null : declared.consumed * allowedSeconds,
    allowedSeconds,
    coverage: c.coverage,
  };
}

/** The SLO's identity as its report gives it: id, service, name, objective (a fraction) and window. */
export interface PeriodSloRow extends Pick<SloReport, 'id' | 'service' | 'name' | 'objective' | 'window'> {
  method: Slo['budgeting']['method'];
  hasData: boolean;
  figures: SloPeriodFigures | null;
  previous: SloPeriodFigures | null;
  /** This period minus the previous one; null where either is unknown. */
  change: { sli: number | null; consumed: number | null };
}

export interface IncidentSpend {
  incident: string;
  title: string;
  severity: Severity;
  slo: string;
  sloName: string;
  bad: number;
  /** Share of the SLO's budget for the period (bad / allowed events). */
  share: number;
  /** Share of the SLO's bad events of the period that fell during this incident. */
  ofBad: number;
}

/** An incident of the period as it stood when the report was computed (a frozen report shows it so). */
export interface PeriodIncident {
  id: string;
  title: string;
  severity: Severity;
  services: string[];
  started_at: string;
  customer_facing: boolean;
}

export interface PeriodIncidents {
  /** Ids of the incidents that started in the period, by start time. */
  ids: string[];
  /** The same incidents, in the same order, with what the report shows of each. */
  list: PeriodIncident[];
  count: number;
  customerFacing: number;
  bySeverity: Record<Severity, LifecycleMetrics>;
  byService: Record<string, LifecycleMetrics>;
  all: LifecycleMetrics;
  responseTargets: Record<Severity, ResponseTally>;
  /** Per service, clipped to the period; merged. */
  outageMinutes: Record<string, number>;
  partialMinutes: Record<string, number>;
  /** Totals over all services, each service counted apart. */
  totalOutageMinutes: number;
  totalPartialMinutes: number;
}

export interface PeriodPostmortems {
  published: { id: string; title: string; date: string; incidents: string[] }[];
  actionItems: { opened: number; closed: number; open: number; overdue: number };
}

/** A service as the report shows it: its sections are in tier, then name, order. */
export interface PeriodService {
  id: string;
  name: string;
  tier: number;
}

export interface PeriodReport {
  schema: typeof PERIOD_REPORT_SCHEMA;
  period: { kind: PeriodKind; key: string; slug: string; from: string; to: string };
  previous: { key: string; slug: string };
  asOf: string;
  /** True while the period is still running at asOf: provisional figures. */
  toDate: boolean;
  /** The range evaluated: period start to min(period end, asOf). */
  evaluated: { from: string; to: string };
  summary: string[];
  /** The services when the report was computed, by tier then name (a frozen report keeps them). */
  services: PeriodService[];
  slos: PeriodSloRow[];
  incidents: PeriodIncidents;
  topSpenders: IncidentSpend[];
  postmortems: PeriodPostmortems;
}

export interface PeriodReportInput {
  /** The organisation's services; none when left out. */
  services?: readonly PeriodService[];
  slos: readonly { slo: Slo; series: Series | null }[];
  incidents: readonly Incident[];
  postmortems: readonly Pick<Postmortem, 'id' | 'title' | 'status' | 'date' | 'incidents' | 'actionItems'>[];
  severities: SeverityConfig;
}

const diff = (a: number | null | undefined, b: number | null | undefined): number | null => (a === null || a === undefined || b === null || b === undefined ? null : a - b);
const dayOf = (date: string): number => secondsOf(`${date}T00:00:00Z`);

function periodIncidents(input: PeriodReportInput, period: Period, asOf: number): PeriodIncidents {
  const started = input.incidents.filter((i) => {
    const t = incidentTimes(i).started_at;
    return t >= period.from && t < period.to;
  });
  const range: Interval = { from: period.from, to: Math.min(period.to, asOf) };
  const outageMinutes: Record<string, number> = {};
  const partialMinutes: Record<string, number> = {};
  for (const [service, o] of outageIntervals(input.incidents, input.severities, asOf)) {
    const clip = (xs: Interval[]) => mergedLength(xs.map((x) => intersect(x, range)).filter((x): x is Interval => x !== null)) / 60;
    const full = clip(o.full);
    const partial = clip(o.partial);
    if (full > 0) outageMinutes[service] = full;
    if (partial > 0) partialMinutes[service] = partial;
  }
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const all = lifecycleMetrics(started);
  const ordered = [...started].sort((a, b) => incidentTimes(a).started_at - incidentTimes(b).started_at || a.id.localeCompare(b.id));
  return {
    ids: ordered.map((i) => i.id),
    list: ordered.map((i) => ({ id: i.id, title: i.title, severity: i.severity, services: [...i.services], started_at: i.started_at, customer_facing: i.customer_facing })),
    count: all.count,
    customerFacing: started.filter((i) => i.customer_facing).length,
    bySeverity: bySeverity(started),
    byService: byService(started),
    all,
    responseTargets: responseTargets(started, input.severities, asOf),
    outageMinutes,
    partialMinutes,
    totalOutageMinutes: sum(outageMinutes),
    totalPartialMinutes: sum(partialMinutes),
  };
}

function periodPostmortems(input: PeriodReportInput, period: Period, asOf: number): PeriodPostmortems {
  const inPeriod = input.postmortems.filter((p) => dayOf(p.date) >= period.from && dayOf(p.date) < period.to);
  const published = inPeriod.filter((p) => p.status === 'published').sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const items = inPeriod.flatMap((p) => p.actionItems);
  const cutoff = Math.min(period.to, asOf);
  const overdue = input.postmortems.flatMap((p) => p.actionItems).filter((a) => isOverdue(a, cutoff)).length;
  return {
    published: published.map((p) => ({ id: p.id, title: p.title, date: p.date, incidents: [...p.incidents] })),
    actionItems: { opened: items.length, closed: items.filter(isClosed).length, open: items.filter((a) => !isClosed(a)).length, overdue },
  };
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The generated summary: a few plain sentences built from the figures. */
export function periodSummary(r: Omit<PeriodReport, 'summary'>): string[] {
  const out: string[] = [];
  const judged = r.slos.filter((s) => s.figures?.met !== null && s.figures !== null);
  const missed = judged.filter((s) => s.figures!.met === false).sort((a, b) => b.figures!.consumed! - a.figures!.consumed!);
  const soFar = r.toDate ? ' so far' : '';
  out.push(
    judged.length === 0
      ? 'No SLO has data for this period.'
      : missed.length === 0
        ? `All ${judged.length} SLOs met their objective${soFar}.`
        : `${missed.length} of ${judged.length} SLOs missed their objective${soFar}.`,
  );
  for (const s of missed.slice(0, 3)) {
    const top = r.topSpenders.find((t) => t.slo === s.id);
    const during = top ? `, ${pct(top.ofBad)} of it during ${top.title} (${top.incident})` : '';
    out.push(`${s.name} spent ${pct(s.figures!.consumed!)} of its error budget${during}.`);
  }
  const inc = r.incidents;
  const sev = SEVERITIES.filter((k) => inc.bySeverity[k].count > 0).map((k) => `${inc.bySeverity[k].count} ${k}`);
  out.push(
    inc.count === 0
      ? 'No incident started in this period.'
      : `${plural(inc.count, 'incident')} started (${sev.join(', ')}), ${inc.customerFacing} of them customer-facing.`,
  );
  out.push(`${Math.round(inc.totalOutageMinutes)} minutes of full outage and ${Math.round(inc.totalPartialMinutes)} minutes of partial degradation, summed over services.`);
  const met = SEVERITIES.reduce((a, k) => a + inc.responseTargets[k].met, 0);
  const missedAck = SEVERITIES.reduce((a, k) => a + inc.responseTargets[k].missed, 0);
  if (met + missedAck > 0) out.push(`${met} of ${met + missedAck} incidents with a known acknowledgement met their response target.`);
  out.push(`${plural(r.postmortems.published.length, 'postmortem')} published; ${plural(r.postmortems.actionItems.overdue, 'action item')} overdue.`);
  return out;
}

/** The report of `period` at asOf (Unix seconds). */
export function buildPeriodReport(input: PeriodReportInput, period: Period, asOf: number, topN = 5): PeriodReport {
  const prev = previousPeriod(period);
  const titles = new Map(input.incidents.map((i) => [i.id, i.title]));
  const spend: IncidentSpend[] = [];
  const slos = input.slos.map(({ slo, series }): PeriodSloRow => {
    const figures = series && series.length > 0 ? sloPeriodFigures(slo, series, period, asOf) : null;
    const previous = series && series.length > 0 && prev.from < asOf ? sloPeriodFigures(slo, series, prev, asOf) : null;
    if (series && series.length > 0) {
      const ib = incidentBudget({ ...slo, window: period.kind }, series, input.incidents, asOf);
      // An incident with bad events implies the period has events, so share and ofBad are numbers.
      for (const s of ib.shares.filter((x) => x.period === period.key && x.bad > 0)) {
        const periodBad = ib.periods.find((p) => p.period === period.key)!.bad;
        spend.push({ incident: s.incident, title: titles.get(s.incident)!, severity: s.severity, slo: slo.id, sloName: slo.name, bad: s.bad, share: s.share!, ofBad: s.bad / periodBad });
      }
    }
    return {
      id: slo.id,
      service: slo.service,
      name: slo.name,
      objective: objectiveFraction(slo.objective),
      window: slo.window,
      method: slo.budgeting.method,
      hasData: figures !== null && figures.total > 0,
      figures,
      previous: previous !== null && previous.total > 0 ? previous : null,
      change: { sli: diff(figures?.sli, previous?.total ? previous.sli : null), consumed: diff(figures?.consumed, previous?.total ? previous.consumed : null) },
    };
  });
  spend.sort((a, b) => b.share - a.share || a.incident.localeCompare(b.incident) || a.slo.localeCompare(b.slo));
  const base: Omit<PeriodReport, 'summary'> = {
    schema: PERIOD_REPORT_SCHEMA,
    period: { kind: period.kind, key: period.key, slug: periodSlug(period), from: isoOf(period.from), to: isoOf(period.to) },
    previous: { key: prev.key, slug: periodSlug(prev) },
    asOf: isoOf(asOf),
    toDate: asOf < period.to,
    evaluated: { from: isoOf(period.from), to: isoOf(Math.min(period.to, asOf)) },
    services: (input.services ?? []).map((x) => ({ id: x.id, name: x.name, tier: x.tier })).sort((a, b) => a.tier - b.tier || compareNames(a.name, b.name) || compareNames(a.id, b.id)),
    slos,
    incidents: periodIncidents(input, period, asOf),
    topSpenders: spend.slice(0, topN),
    postmortems: periodPostmortems(input, period, asOf),
  };
  return { ...base, summary: periodSummary({ ...base, topSpenders: spend }) };
}
