/**
 * View models of the period reports (/reports/, /reports/<YYYY-MM>/, /reports/<YYYY-qN>/) and their
 * JSON (/api/v1/reports/<period>.json). The figures come from buildPeriodReport (src/core); this file
 * only chooses the periods, formats and arranges.
 */
import { buildPeriodReport, dataStart as seriesDataStart, periodFromSlug, reportPeriods, secondsOf, type Period, type PeriodReport, type PeriodSloRow, type SloPeriodFigures } from '../core/index.ts';
import { SEVERITIES, type Severity } from '../schemas/severity.ts';
import { count, duration, objectivePct, pct, utc } from './format.ts';
import type { SiteModel } from './model.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `October 2026`, `Q4 2026`. */
export function periodLabel(p: Pick<Period, 'kind' | 'key'>): string {
  const [y, rest] = p.key.split('-') as [string, string];
  return p.kind === 'month' ? `${MONTHS[Number(rest) - 1]} ${y}` : `${rest.toUpperCase()} ${y}`;
}

/** The first second the site has data for: the earliest snapshot step or incident start. */
export function dataStart(site: Pick<SiteModel, 'slos' | 'content'>): number | null {
  const starts = [
    ...site.slos.flatMap((v) => {
      const start = v.series === null ? null : seriesDataStart(v.series);
      return start === null ? [] : [start];
    }),
    ...site.content.incidents.map((i) => secondsOf(i.started_at)),
  ];
  return starts.length ? Math.min(...starts) : null;
}

/** Every period the data covers, months then quarters, each newest first. */
export function sitePeriods(site: Pick<SiteModel, 'slos' | 'content' | 'asOf'>): Period[] {
  const from = dataStart(site);
  if (from === null || from >= site.asOf) return [];
  const p = reportPeriods(from, site.asOf);
  return [...p.month, ...p.quarter];
}

const cache = new WeakMap<object, Map<string, PeriodReport>>();

/** The report of one period (by slug), computed once per build. */
export function periodReport(site: SiteModel, slug: string): PeriodReport {
  let byslug = cache.get(site);
  if (!byslug) cache.set(site, (byslug = new Map()));
  const hit = byslug.get(slug);
  if (hit) return hit;
  const period = periodFromSlug(slug);
  if (!period) throw new Error(`not a report period: ${slug}`);
  const report = buildPeriodReport(
    { slos: site.slos.map((v) => ({ slo: v.slo, series: v.series })), incidents: site.content.incidents, postmortems: site.content.postmortems, severities: site.content.severities },
    period,
    site.asOf,
  );
  byslug.set(slug, report);
  return report;
}

export interface ReportIndexRow {
  slug: string;
  label: string;
  kind: 'month' | 'quarter';
  url: string;
  json: string;
  toDate: boolean;
  headline: string;
}

/** /reports/: months and quarters, newest first; the running ones marked to date. */
export function reportIndex(site: SiteModel, base: string): { months: ReportIndexRow[]; quarters: ReportIndexRow[]; asOf: string } {
  const rows = sitePeriods(site).map((p): ReportIndexRow => {
    const r = periodReport(site, p.key.toLowerCase());
    return { slug: r.period.slug, label: periodLabel(p), kind: p.kind, url: `${base}reports/${r.period.slug}/`, json: `${base}api/v1/reports/${r.period.slug}.json`, toDate: r.toDate, headline: r.summary[0]! };
  });
  return { months: rows.filter((r) => r.kind === 'month'), quarters: rows.filter((r) => r.kind === 'quarter'), asOf: utc(site.asOf) };
}

export interface ChangeView {
  /** ▲ / ▼ / = , and whether the change is good news. */
  arrow: string;
  text: string;
  tone: 'better' | 'worse' | 'same' | 'none';
}

/** A change of a fraction in percentage points; `higherIsBetter` for the SLI, not for budget spent. */
export function changeView(delta: number | null, higherIsBetter: boolean, digits: number): ChangeView {
  if (delta === null) return { arrow: '', text: '—', tone: 'none' };
  const pp = delta * 100;
  const shown = Math.abs(pp).toFixed(digits);
  if (Number(shown) === 0) return { arrow: '=', text: `${(0).toFixed(digits)} pp`, tone: 'same' };
  const up = pp > 0;
  return { arrow: up ? '▲' : '▼', text: `${up ? '+' : '−'}${shown} pp`, tone: up === higherIsBetter ? 'better' : 'worse' };
}

export interface SloRowView {
  id: string;
  name: string;
  url: string;
  service: string;
  objective: string;
  method: string;
  sli: string;
  verdict: 'met' | 'missed' | 'no data';
  consumed: string;
  consumedTime: string;
  allowedTime: string;
  coverage: string;
  sliChange: ChangeView;
  consumedChange: ChangeView;
}

function sloRow(r: PeriodSloRow, base: string): SloRowView {
  const x: SloPeriodFigures | null = r.figures;
  return {
    id: r.id,
    name: r.name,
    url: `${base}slos/${r.id}/`,
    service: r.service,
    objective: objectivePct(r.objective),
    method: r.method,
    sli: pct(x?.sli),
    verdict: x?.met === true ? 'met' : x?.met === false ? 'missed' : 'no data',
    consumed: x?.consumed === null || x?.consumed === undefined ? '—' : `${(x.consumed * 100).toFixed(1)}%`,
    consumedTime: duration(x?.consumedSeconds),
    allowedTime: duration(x?.allowedSeconds),
    coverage: x ? pct(x.coverage, 2) : '—',
    sliChange: changeView(r.change.sli, true, 3),
    consumedChange: changeView(r.change.consumed, false, 1),
  };
}

export interface IncidentRowView {
  id: string;
  title: string;
  url: string;
  severity: Severity;
  started: string;
  customerFacing: boolean;
  services: string;
}

export interface ServiceSectionView {
  id: string;
  name: string;
  slos: SloRowView[];
  incidents: IncidentRowView[];
  outageMinutes: number;
  partialMinutes: number;
}

export interface ReportPageView {
  report: PeriodReport;
  label: string;
  kindLabel: string;
  asOf: string;
  evaluated: string;
  toDate: boolean;
  previous: { label: string; url: string } | null;
  json: string;
  slos: SloRowView[];
  bySeverity: { severity: Severity; count: number; mttaMedian: string; mttaP90: string; mttrMedian: string; mttrP90: string; target: string; met: number; missed: number; unknown: number }[];
  byService: { id: string; name: string; count: number; mttaMedian: string; mttaP90: string; mttrMedian: string; mttrP90: string; outage: number; partial: number }[];
  totals: { incidents: number; customerFacing: number; outage: number; partial: number };
  topSpenders: { incident: string; title: string; url: string; severity: Severity; slo: string; sloUrl: string; bad: string; share: string }[];
  postmortems: { id: string; title: string; url: string; date: string }[];
  actionItems: PeriodReport['postmortems']['actionItems'];
  services: ServiceSectionView[];
}

/** The page of one period. */
export function reportPage(site: SiteModel, slug: string, base: string): ReportPageView {
  const r = periodReport(site, slug);
  const period = periodFromSlug(slug)!;
  const known = new Set(sitePeriods(site).map((p) => p.key.toLowerCase()));
  const incident = (id: string): IncidentRowView => {
    const i = site.incidentsById.get(id)!;
    return { id, title: i.title, url: `${base}incidents/${id}/`, severity: i.severity, started: utc(i.started_at), customerFacing: i.customer_facing, services: i.services.map(site.serviceName).join(', ') };
  };
  const slos = r.slos.map((row) => sloRow(row, base));
  const services = [...site.content.services].sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name));
  const m = r.incidents;
  return {
    report: r,
    label: periodLabel(period),
    kindLabel: period.kind === 'month' ? 'Monthly report' : 'Quarterly report',
    asOf: utc(r.asOf),
    evaluated: `${utc(r.evaluated.from)} to ${utc(r.evaluated.to)}`,
    toDate: r.toDate,
    previous: known.has(r.previous.slug) ? { label: periodLabel({ kind: period.kind, key: r.previous.key }), url: `${base}reports/${r.previous.slug}/` } : null,
    json: `${base}api/v1/reports/${r.period.slug}.json`,
    slos,
    bySeverity: SEVERITIES.map((s) => ({
      severity: s,
      count: m.bySeverity[s].count,
      mttaMedian: duration(m.bySeverity[s].mtta.median),
      mttaP90: duration(m.bySeverity[s].mtta.p90),
      mttrMedian: duration(m.bySeverity[s].mttr.median),
      mttrP90: duration(m.bySeverity[s].mttr.p90),
      target: m.responseTargets[s].target ?? '—',
      met: m.responseTargets[s].met,
      missed: m.responseTargets[s].missed,
      unknown: m.responseTargets[s].unknown,
    })),
    byService: services.map((s) => {
      const x = m.byService[s.id];
      return {
        id: s.id,
        name: s.name,
        count: x?.count ?? 0,
        mttaMedian: duration(x?.mtta.median),
        mttaP90: duration(x?.mtta.p90),
        mttrMedian: duration(x?.mttr.median),
        mttrP90: duration(x?.mttr.p90),
        outage: Math.round(m.outageMinutes[s.id] ?? 0),
        partial: Math.round(m.partialMinutes[s.id] ?? 0),
      };
    }),
    totals: { incidents: m.count, customerFacing: m.customerFacing, outage: Math.round(m.totalOutageMinutes), partial: Math.round(m.totalPartialMinutes) },
    topSpenders: r.topSpenders.map((t) => ({ incident: t.incident, title: t.title, url: `${base}incidents/${t.incident}/`, severity: t.severity, slo: t.sloName, sloUrl: `${base}slos/${t.slo}/`, bad: count(t.bad), share: `${(t.share * 100).toFixed(1)}%` })),
    postmortems: r.postmortems.published.map((p) => ({ id: p.id, title: p.title, url: `${base}postmortems/${p.id}/`, date: p.date })),
    actionItems: r.postmortems.actionItems,
    services: services.map((s) => ({
      id: s.id,
      name: s.name,
      slos: slos.filter((x) => x.service === s.id),
      incidents: m.ids.filter((id) => site.incidentsById.get(id)!.services.includes(s.id)).map(incident),
      outageMinutes: Math.round(m.outageMinutes[s.id] ?? 0),
      partialMinutes: Math.round(m.partialMinutes[s.id] ?? 0),
    })),
  };
}

/** `/api/v1/reports.json`: the periods there are reports for, newest first, with the path of each. */
export function reportsJson(site: SiteModel) {
  return {
    schema: 'sitrep-api-reports/v1',
    asOf: new Date(site.asOf * 1000).toISOString(),
    periods: sitePeriods(site).map((p) => {
      const r = periodReport(site, p.key.toLowerCase());
      return { kind: p.kind, key: p.key, slug: r.period.slug, from: r.period.from, to: r.period.to, toDate: r.toDate, path: `api/v1/reports/${r.period.slug}.json`, page: `reports/${r.period.slug}/` };
    }),
  };
}
