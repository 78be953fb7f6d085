/**
 * The view model of an SLO page: every figure, label and row the page shows, worked out here so
 * that `pages/slos/[id].astro` only lays it out. Figures come from the SLO report (src/core);
 * nothing here computes a metric, it only picks and words them.
 */
import type { TopLevelSpec } from 'vega-lite';
import { budgetPoints, burnPoints, dailySli } from '../charts/data.ts';
import { budgetSpec, burnSpec, dailySliSpec, type IncidentMark } from '../charts/specs.ts';
import { alertEpisodes, BURN_WINDOW_NAMES, DAY, secondsOf, seriesStart, windowText, type AlertName, type AlertSeverity, type Exhaustion, type SloReport } from '../core/index.ts';
import type { BurnOp } from '../schemas/slo.ts';
import { burn, count, coveragePct, duration, objectivePct, plural, pct, utc } from './format.ts';
import type { Incident } from '../schemas/incident.ts';
import type { SloView } from './model.ts';

export interface Link {
  href: string;
  text: string;
}

export interface Card {
  /** Names the figure in the page (data-figure), so tests can compare it across pages. */
  figure: string;
  label: string;
  value: string;
  sub: string;
}

export interface AlertRow {
  alert: string;
  from: string;
  to: string;
  lasted: string;
  peak: string;
  /** "once", or "3 times" when re-firings within the reset time were merged into this row. */
  fired: string;
  /** The incidents the alert is attributed to; empty = no incident explains it. */
  incidents: Link[];
}

/** A chart: its heading, its vega-lite spec (data included, offered as a download) and its data as table rows. */
export interface ChartView {
  heading: string;
  spec: TopLevelSpec;
  /** Where the spec is published: `<base>slos/<id>/<name>.vl.json`. */
  download: string;
  columns: string[];
  rows: string[][];
}

/** The status decision of the SLO's policy in words, naming its lines as the budget chart does ("green above 60%", "red at or below 25%"). */
export function policyDecision(r: Pick<SloReport, 'status' | 'budget'>, policy: { green: number; yellow: number }): string {
  const left = pct(r.budget.remaining, 1);
  if (r.status === null) return 'No status: nothing was counted in the window, so there is no SLI and no budget to judge.';
  if (r.status === 'green') return `Green: ${left} of the error budget is left, above the green line of ${policy.green}%.`;
  if (r.status === 'yellow') return `Yellow: ${left} of the error budget is left, at or below the green line of ${policy.green}% and above the red line of ${policy.yellow}%.`;
  return `Red: ${left} of the error budget is left, at or below the red line of ${policy.yellow}%.`;
}

export interface SloPage {
  title: string;
  service: Link;
  report: SloReport;
  cards: Card[];
  facts: [string, string][];
  /** Coverage in words: share of the window's steps with data. */
  coverage: string;
  budgetChart: ChartView & { definition: string };
  dailyChart: ChartView;
  /** `definition`: what the chart shows, in words, and that no alert fired in its days when none did. */
  burnChart: ChartView & { definition: string };
  /** The status and why, in words, in the budget chart's terms: "Red: −249.3% of the error budget is left, at or below the red line of 10%." */
  decision: string;
  methods: { label: string; sli: string; remaining: string; counted: string; declared: boolean }[];
  burnRates: { window: string; value: string }[];
  alertRules: string[];
  alertRows: AlertRow[];
  /** What the collapsed alert table holds: "12 alert episodes (59 firings), 3 explained by no incident". */
  alertSummary: string;
  /** What the collapsed coverage table holds: "7 incidents, 2 with no alert". */
  coverageSummary: string;
  coverageRows: { incident: Link; severity: string; started: string; firstAlert: string | null; lead: string }[];
  periodRows: { period: string; events: string; bad: string; allowed: string; inIncidents: string; outside: string }[];
  incidentBudgetRows: { incident: Link; severity: string; period: string; bad: string; share: string }[];
}

export const METHOD_LABELS = {
  occurrences: 'Occurrences (good events / all events)',
  timeslices: 'Time slices (good slices / slices with traffic)',
  'ratio-timeslices': 'Ratio of time slices (mean per-slice SLI)',
} as const;

export const ALERT_LABELS: Record<string, string> = {
  'page-fast': 'Page: fast burn',
  'page-slow': 'Page: slow burn',
  'ticket-fast': 'Ticket: fast burn',
  'ticket-slow': 'Ticket: slow burn',
};

/** An alert in words: the four defaults by their labels, an SLO's own alert by its name and severity ("Page: memory-usage-breach"). */
export const alertLabel = (alert: AlertName, severity: AlertSeverity): string => ALERT_LABELS[alert] ?? `${severity === 'page' ? 'Page' : 'Ticket'}: ${alert}`;

/** A burn-rate comparison in words. */
export const OP_WORDS: Record<BurnOp, string> = { gt: 'above', gte: 'at or above', lt: 'below', lte: 'at or below' };

/** An alert rule in words: "Page: fast burn: above 14.4x over 1h and 5m (2.0% of the budget spent in 1h)"; an own alert adds its hold. */
function ruleText(a: SloReport['alertRules'][number]): string {
  const windows = a.shortSeconds === null ? duration(a.longSeconds) : `${duration(a.longSeconds)} and ${duration(a.shortSeconds)}`;
  const hold = a.forSeconds > 0 ? `, for ${duration(a.forSeconds)}` : '';
  return `${alertLabel(a.alert, a.severity)}: ${OP_WORDS[a.op]} ${burn(a.threshold)} over ${windows}${hold} (${pct(a.budgetShare, 1)} of the budget spent in ${duration(a.longSeconds)})`;
}

/** Exhaustion in words: "already exhausted", "not at this rate", "unknown", or a duration. */
export function exhaustionText(e: Exhaustion): string {
  switch (e.state) {
    case 'exhausted':
      return 'already exhausted';
    case 'not-at-this-rate':
      return 'not at this rate';
    case 'unknown':
      return 'unknown';
    case 'in':
      return duration(e.seconds);
  }
}

/** A count of budget units: whole for events and slices, one decimal for fractional slice-equivalents. */
export function units(n: number): string {
  return Number.isInteger(Math.round(n * 1e9) / 1e9) ? count(n) : n.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

/** What the budget chart plots, in words; the README's definitions say the same. */
export function budgetDefinition(r: SloReport): string {
  const unit = r.budget.unit === 'events' ? 'bad events' : r.budget.method === 'timeslices' ? 'bad time slices' : 'summed per-slice error ratios';
  // A window of 25 hours or less (a calendar day, a rolling 24h) has a point per hour (core/budget-history.ts).
  const when = r.windowSeconds <= 25 * 3_600 ? 'hour' : 'day';
  return r.budgetHistory.kind === 'rolling'
    ? `Each point is the budget left in the ${r.window} window that ends that ${when} (${unit} against the allowance of that window), as the headline would have said then; the last point is today's headline figure.`
    : `Burn-down: ${unit} from the start of the period to each ${when}, against the allowance of the whole period so far (1 − objective × what was counted to ${utc(r.to)}); it ends at the headline figure.`;
}

function cards(r: SloReport, slo: SloView['slo']): Card[] {
  const b = r.budget;
  const unitWord = b.unit === 'events' ? 'events' : 'slices';
  const e1h = r.timeToExhaustion['1h'];
  return [
    { figure: 'sli', label: `SLI${b.method === 'occurrences' ? '' : ` (${b.method})`}`, value: pct(r.sli), sub: `objective ${objectivePct(r.objective)}` },
    { figure: 'budget-remaining', label: 'Budget left', value: pct(b.remaining, 1), sub: `consumed ${pct(b.consumed, 1)}` },
    { figure: 'budget-bad', label: `Bad ${unitWord}`, value: units(b.bad), sub: `of ${units(b.allowed)} allowed (${units(b.counted)} ${unitWord} counted)` },
    { figure: 'budget-time', label: 'Budget as time', value: duration(b.allowedSeconds), sub: `per ${slo.window} window; ${duration(b.spentSeconds)} spent` },
    // Once spent, the budget is gone whatever the burn rate: the sub says so instead of the rate.
    { figure: 'exhaustion', label: 'Exhausted in', value: exhaustionText(e1h), sub: e1h.state === 'exhausted' ? `no budget left in this ${slo.window} window` : `at the 1h burn rate (${burn(r.burnRates['1h'])})` },
  ];
}

function facts(r: SloReport, view: SloView): [string, string][] {
  const { slo } = view;
  const ind = slo.indicator;
  return [
    ['Window', `${windowText(slo.window, slo.time_zone, slo.week_start)} (${utc(r.from)} to ${utc(r.to)})`],
    ['Events', `${count(r.good)} good of ${count(r.total)}`],
    ['Indicator', ind.kind === 'latency' ? `latency under ${ind.threshold}s from ${ind.bucket}` : `ratio of ${ind.good !== undefined ? 'good' : 'bad'} to total events`],
    ['Budgeting', METHOD_LABELS[slo.budgeting.method]],
    ['Policy', `green above ${slo.policy.green}% left, yellow above ${slo.policy.yellow}%, red at or below ${slo.policy.yellow}%`],
    ['Source', `${slo.source.file} (${slo.source.format})`],
  ];
}

/** What the page needs of the rest of the site: service names and incident titles. */
/** The burn-rate chart: the 1-hour burn rate over the last 30 days, its highest value per 6 hours (120 points: the page stays under 150 KB). */
const BURN_CHART_DAYS = 30;
const BURN_CHART_WINDOW = 3600;
const BURN_CHART_BUCKET = 6 * 3600;

export interface SloPageContext {
  serviceName: (id: string) => string;
  incidentsById: ReadonlyMap<string, Pick<Incident, 'title'>>;
}

/** An SLO page's three charts: what the page shows and what `npm run build` draws ahead (null without a report). */
export function sloCharts(view: SloView, base: string): Pick<SloPage, 'budgetChart' | 'dailyChart' | 'burnChart'> | null {
  const { slo, report: r, series } = view;
  if (r === null || series === null) return null;
  const to = Date.parse(r.to) / 1000;
  const dailyFrom = Math.max(to - 90 * DAY, seriesStart(series) ?? to);
  const budget = budgetPoints(r.budgetHistory);
  const daily = dailySli(slo, series, dailyFrom, to);
  // The service's incidents on each chart's time axis, from the same list as the alert coverage.
  const marks = (from: number): IncidentMark[] =>
    r.alertCoverage.incidents.filter((c) => secondsOf(c.startedAt) >= from).map((c) => ({ t: c.startedAt, label: c.severity }));
  const budgetFrom = budget.length ? secondsOf(budget[0]!.t) : to;
  const burnFrom = Math.max(to - BURN_CHART_DAYS * DAY, seriesStart(series) ?? to);
  const burnRows = burnPoints(series, slo.objective, BURN_CHART_WINDOW, burnFrom, to, BURN_CHART_BUCKET);
  // The threshold line on the 1-hour burn chart: page-fast's, or else that of a page alert of the SLO's own over 1 hour.
  const pageFast = r.alertRules.find((a) => a.alert === 'page-fast') ?? r.alertRules.find((a) => a.severity === 'page' && a.shortSeconds === null && a.longSeconds === BURN_CHART_WINDOW);
  const bands = r.alerts.filter((a) => secondsOf(a.to) > burnFrom).map((a) => ({ from: a.from, to: a.to, severity: a.severity, alert: alertLabel(a.alert, a.severity) }));
  return {
    budgetChart: {
      heading: r.budgetHistory.kind === 'rolling' ? `Error budget left, rolling ${slo.window} window` : `Error budget burn-down, this ${slo.window}`,
      definition: budgetDefinition(r),
      spec: budgetSpec(budget, slo.policy, `Error budget left of ${slo.name}`, marks(budgetFrom)),
      download: `${base}slos/${slo.id}/budget.vl.json`,
      columns: ['Day', 'Budget left'],
      rows: budget.map((p) => [p.t.slice(0, 10), pct(p.remaining, 1)]),
    },
    dailyChart: {
      heading: 'Daily SLI, last 90 days',
      spec: dailySliSpec(daily, slo.objective, `Daily SLI of ${slo.name} over the last 90 days`, marks(dailyFrom)),
      download: `${base}slos/${slo.id}/daily.vl.json`,
      columns: ['Day', 'SLI', 'Events'],
      rows: daily.map((p) => [p.day, pct(p.sli), count(p.total)]),
    },
    burnChart: {
      heading: `Burn rate over 1 hour, last ${BURN_CHART_DAYS} days, with the replayed alerts`,
      definition: `The highest 1-hour burn rate of every 6 hours; ${bands.length ? 'the bands are the replayed alerts (page or ticket)' : `no replayed alert fired in these ${BURN_CHART_DAYS} days`}, the dashed marks the service's incidents by severity.`,
      spec: burnSpec(
        burnRows,
        pageFast ? { value: pageFast.threshold, label: pageFast.alert === 'page-fast' ? `page fast above ${burn(pageFast.threshold)}` : `${pageFast.alert} ${OP_WORDS[pageFast.op]} ${burn(pageFast.threshold)}` } : null,
        bands,
        marks(burnFrom),
        `1-hour burn rate of ${slo.name} over the last ${BURN_CHART_DAYS} days, alerts shaded, incidents marked`,
      ),
      download: `${base}slos/${slo.id}/burn.vl.json`,
      columns: ['From', 'Highest 1h burn rate'],
      rows: burnRows.map((p) => [p.t.slice(0, 16).replace('T', ' '), p.burn === null ? '—' : burn(p.burn)]),
    },
  };
}

export function sloPage(view: SloView, site: SloPageContext, base: string): SloPage | null {
  const { slo, report: r, series } = view;
  const charts = sloCharts(view, base);
  if (r === null || series === null || charts === null) return null;
  const incident = (id: string): Link => ({ href: `${base}incidents/${id}/`, text: site.incidentsById.get(id)?.title ?? id });
  const m = r.methods;
  // One row per episode: re-firings within the alert's long window (its reset time) are merged.
  const alertRows: AlertRow[] = alertEpisodes(r.alerts, (alert) => r.alertRules.find((x) => x.alert === alert)?.longSeconds ?? 0).map((a) => ({
    alert: alertLabel(a.alert, a.severity),
    from: utc(a.from),
    to: a.open ? 'still firing' : utc(a.to),
    lasted: duration((Date.parse(a.to) - Date.parse(a.from)) / 1000),
    peak: burn(a.peakBurnRate),
    fired: a.firings === 1 ? 'once' : `${a.firings} times`,
    incidents: a.incidents.map(incident),
  }));
  const coverageRows = r.alertCoverage.incidents.map((c) => ({
    incident: incident(c.incident),
    severity: c.severity,
    started: utc(c.startedAt),
    firstAlert: c.firstAlert === null ? null : `${alertLabel(c.firstAlert, r.alertRules.find((x) => x.alert === c.firstAlert)?.severity ?? 'page')} at ${utc(c.firstFiredAt)}`,
    lead: c.leadSeconds === null ? '—' : `${c.leadSeconds < 0 ? '−' : '+'}${duration(Math.abs(c.leadSeconds))}`,
  }));
  return {
    title: slo.name,
    service: { href: `${base}services/${slo.service}/`, text: site.serviceName(slo.service) },
    report: r,
    cards: cards(r, slo),
    facts: facts(r, view),
    coverage: `${coveragePct(r.coverage)} of the window's steps have data`,
    ...charts,
    decision: policyDecision(r, slo.policy),
    methods: [
      { label: METHOD_LABELS.occurrences, sli: pct(m.occurrences.sli), remaining: pct(m.occurrences.remaining, 1), counted: `${count(m.occurrences.bad)} bad of ${count(m.occurrences.counted)} events`, declared: slo.budgeting.method === 'occurrences' },
      {
        label: METHOD_LABELS.timeslices,
        sli: pct(m.timeslices.sli),
        remaining: pct(m.timeslices.remaining, 1),
        counted: `${count(m.timeslices.badSlices)} bad of ${count(m.timeslices.counted)} slices of ${duration(m.timeslices.sliceSeconds)} (target ${pct(m.timeslices.sliceTarget, 2)}; ${count(m.timeslices.noTrafficSlices)} without traffic, ${count(m.timeslices.missingSlices)} without data)`,
        declared: slo.budgeting.method === 'timeslices',
      },
      { label: METHOD_LABELS['ratio-timeslices'], sli: pct(m['ratio-timeslices'].sli), remaining: pct(m['ratio-timeslices'].remaining, 1), counted: `mean over ${count(m['ratio-timeslices'].counted)} slices with traffic`, declared: slo.budgeting.method === 'ratio-timeslices' },
    ],
    burnRates: BURN_WINDOW_NAMES.map((w) => ({ window: w, value: burn(r.burnRates[w]) })),
    alertRules: r.alertRules.map(ruleText),
    alertRows,
    alertSummary: `${plural(alertRows.length, 'alert episode')} (${plural(r.alerts.length, 'firing')}), ${count(alertRows.filter((a) => a.incidents.length === 0).length)} explained by no incident`,
    coverageRows,
    coverageSummary: `${plural(coverageRows.length, 'incident')}, ${count(coverageRows.filter((c) => c.firstAlert === null).length)} with no alert`,
    periodRows: r.budgetByPeriod.map((p) => ({ period: p.period, events: count(p.total), bad: count(p.bad), allowed: count(p.allowed), inIncidents: pct(p.incidentShare, 1), outside: pct(p.outsideShare, 1) })),
    incidentBudgetRows: r.incidentBudget.map((b) => ({ incident: incident(b.incident), severity: b.severity, period: b.period, bad: count(b.bad), share: pct(b.share, 1) })),
  };
}
