/**
 * View models of the period reports (/reports/, /reports/<YYYY-MM>/, /reports/<YYYY-qN>/) and their
 * JSON (/api/v1/reports/<period>.json). The figures come from buildPeriodReport (src/core); this file
 * only chooses the periods, formats and arranges.
 */
import { buildPeriodReport, compareNames, dataStart as seriesDataStart, periodFromSlug, reportPeriods, secondsOf, type Json, type Period, type PeriodReport, type PeriodSloRow, type ReportVersion, type SloPeriodFigures } from '../core/index.ts';
import { SEVERITIES, type Severity } from '../schemas/severity.ts';
import { count, coveragePct, duration, MONTH_NAMES, objectivePct, pct, utc } from './format.ts';
import type { SiteModel } from './model.ts';
import { perBuild } from './per-build.ts';

/** `October 2026`, `Q4 2026`. */
export function periodLabel(p: Pick<Period, 'kind' | 'key'>): string {
  const [y, rest] = p.key.split('-') as [string, string];
  return p.kind === 'month' ? `${MONTH_NAMES[Number(rest) - 1]} ${y}` : `${rest.toUpperCase()} ${y}`;
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
export function livePeriods(site: Pick<SiteModel, 'slos' | 'content' | 'asOf'>): Period[] {
  const from = dataStart(site);
  if (from === null || from >= site.asOf) return [];
  const p = reportPeriods(from, site.asOf);
  return [...p.month, ...p.quarter];
}

/** Every period the data covers or that is frozen (data/reports/), months then quarters, each newest first. */
export function sitePeriods(site: Pick<SiteModel, 'slos' | 'content' | 'asOf'> & Partial<Pick<SiteModel, 'frozen'>>): Period[] {
  const byKey = new Map(livePeriods(site).map((p) => [p.key, p]));
  for (const slug of site.frozen?.keys() ?? []) {
    const p = periodFromSlug(slug);
    if (p) byKey.set(p.key, p);
  }
  const all = [...byKey.values()].sort((a, b) => b.from - a.from);
  return [...all.filter((p) => p.kind === 'month'), ...all.filter((p) => p.kind === 'quarter')];
}

/** The versions of a frozen period, oldest first; empty when it is not frozen. */
export const frozenVersions = (site: Pick<SiteModel, 'frozen'>, slug: string): ReportVersion[] => site.frozen.get(slug)?.versions ?? [];

/**
 * The report of one period (by slug) as published: a frozen period's newest version, read from
 * its record (a changed SLO file or a re-fetch does not rewrite it); any other period computed.
 */
export function periodReport(site: SiteModel, slug: string): PeriodReport {
  const versions = frozenVersions(site, slug);
  return versions.length > 0 ? versions[versions.length - 1]!.report : livePeriodReport(site, slug);
}

const liveReports = perBuild<PeriodReport>();

/** The report of one period (by slug) computed from the content and snapshots, once per build. */
export function livePeriodReport(site: SiteModel, slug: string): PeriodReport {
  return liveReports(site, slug, () => {
    const period = periodFromSlug(slug);
    if (!period) throw new Error(`not a report period: ${slug}`);
    return buildPeriodReport(
      { services: site.content.services, slos: site.slos.map((v) => ({ slo: v.slo, series: v.series })), incidents: site.content.incidents, postmortems: site.content.postmortems, severities: site.content.severities },
      period,
      site.asOf,
    );
  });
}

export interface ReportIndexRow {
  slug: string;
  label: string;
  kind: 'month' | 'quarter';
  url: string;
  json: string;
  toDate: boolean;
  headline: string;
  /** The version published, for a frozen period; null when it is computed at each build. */
  version: number | null;
}

/** /reports/: months and quarters, newest first; the running ones marked to date. */
export function reportIndex(site: SiteModel, base: string): { months: ReportIndexRow[]; quarters: ReportIndexRow[]; asOf: string } {
  const rows = sitePeriods(site).map((p): ReportIndexRow => {
    const r = periodReport(site, p.key.toLowerCase());
    return { slug: r.period.slug, label: periodLabel(p), kind: p.kind, url: `${base}reports/${r.period.slug}/`, json: `${base}api/v1/reports/${r.period.slug}.json`, toDate: r.toDate, headline: r.summary[0]!, version: frozenVersions(site, r.period.slug).length || null };
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
    coverage: x ? coveragePct(x.coverage) : '—',
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

/** `0.99912` -> `0.99912`, `null` -> `—`, a list or object as short JSON: a figure's value in a list of changes. */
export function changeValue(v: Json): string {
  if (v === null) return '—';
  if (typeof v === 'number') return String(Number(v.toPrecision(6)));
  if (typeof v === 'string') return v;
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/**
 * What every page's footer says the site was built from: `commit 1a2b3c4 (2026-11-05 01:00 UTC)`
 * (HEAD and its commit time, also in a shallow clone); outside git `files without git history`,
 * with SOURCE_DATE_EPOCH's time when it is set. Never the wall clock.
 */
export function builtFromLabel(b: SiteModel['builtFrom']): string {
  if (b.commit) return `commit ${b.commit.short} (${utc(b.commit.date)})`;
  return b.sourceDate ? `files without git history (source date ${utc(b.sourceDate)})` : 'files without git history';
}

/** `commit 1a2b3c4 on 2026-11-05 01:00 UTC`, or what a version was frozen from outside git. */
export function frozenFrom(v: Pick<ReportVersion, 'commit' | 'dirty'>): string {
  const from = v.commit ? `commit ${v.commit.short} on ${utc(v.commit.date)}` : 'files without git history';
  return v.dirty ? `${from}, with uncommitted changes` : from;
}

export interface VersionView {
  version: number;
  url: string;
  json: string;
  frozenFrom: string;
  asOf: string;
  snapshot: string;
  /** This is the version the page shows. */
  shown: boolean;
  changes: { figure: string; from: string; to: string }[];
  /** The commits to content/ and data/ since the previous version; null when git could not tell. */
  commits: { short: string; date: string; author: string; subject: string }[] | null;
  /** Why no commit is listed for a later version, in words; null when commits are listed (or for version 1). */
  commitsNote: string | null;
}

/** Why a later version lists no commit: git could not tell, the files were uncommitted, or the change is not in content/ or data/. */
function commitsNote(v: ReportVersion): string | null {
  if (v.version === 1 || (v.commits !== null && v.commits.length > 0)) return null;
  if (v.commits === null) return 'The commits responsible are unknown (no git history to compare).';
  return v.dirty
    ? 'No commit to content/ or data/ since the previous version: the change came from files not yet committed when it was frozen.'
    : 'No commit to content/ or data/ since the previous version: the change came from elsewhere, such as a sitrep version that computes differently.';
}

export interface ReportPageView {
  report: PeriodReport;
  /** A frozen period: which version the page shows, of how many, and where the newest is. */
  frozen: { version: number; of: number; frozenFrom: string; current: string; latest: boolean } | null;
  /** Every frozen version, oldest first, with what changed in it. */
  versions: VersionView[];
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

const VERDICT_ORDER: Record<SloRowView['verdict'], number> = { missed: 0, 'no data': 1, met: 2 };

/** The page of one period: its published report, or with `version`, that frozen version of it. */
export function reportPage(site: SiteModel, slug: string, base: string, version?: number): ReportPageView {
  const all = frozenVersions(site, slug);
  const shown = version === undefined ? all[all.length - 1] : all[version - 1];
  if (version !== undefined && !shown) throw new Error(`${slug} has no frozen version ${version}`);
  const r = shown ? shown.report : periodReport(site, slug);
  const period = periodFromSlug(slug)!;
  const versions = all.map((v): VersionView => ({
    version: v.version,
    url: `${base}reports/${slug}/v${v.version}/`,
    json: `${base}api/v1/reports/${slug}/v${v.version}.json`,
    frozenFrom: frozenFrom(v),
    asOf: utc(v.asOf),
    snapshot: v.snapshot.hash.slice(0, 'sha256:'.length + 12),
    shown: v === shown,
    changes: v.changes.map((c) => ({ figure: c.figure, from: changeValue(c.from), to: changeValue(c.to) })),
    commits: v.commits?.map((c) => ({ short: c.short, date: utc(c.date), author: c.author, subject: c.subject })) ?? null,
    commitsNote: commitsNote(v),
  }));
  const known = new Set(sitePeriods(site).map((p) => p.key.toLowerCase()));
  // From the report itself, so a frozen report shows its incidents as they stood when it was frozen.
  const incident = (i: PeriodReport['incidents']['list'][number]): IncidentRowView => ({
    id: i.id,
    title: i.title,
    url: `${base}incidents/${i.id}/`,
    severity: i.severity,
    started: utc(i.started_at),
    customerFacing: i.customer_facing,
    services: i.services.map(serviceName).join(', '),
  });
  // Missed first, then without data, then met, each in the report's SLO order: at 200 SLOs the missed ones were scattered through the table.
  const slos = r.slos.map((row) => sloRow(row, base)).sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict]);
  // The services as the report recorded them, so a frozen report keeps its sections and names.
  // View-only: by tier, then by name with numbers by value (compareNames), as a report computed now lists them; a frozen record keeps the order it was frozen in.
  const services = [...r.services].sort((a, b) => a.tier - b.tier || compareNames(a.name, b.name) || compareNames(a.id, b.id));
  const names = new Map(services.map((x) => [x.id, x.name]));
  const serviceName = (id: string) => names.get(id) ?? site.serviceName(id);
  const m = r.incidents;
  return {
    report: r,
    frozen: shown ? { version: shown.version, of: all.length, frozenFrom: frozenFrom(shown), current: `${base}reports/${slug}/`, latest: shown === all[all.length - 1] } : null,
    versions,
    label: periodLabel(period),
    kindLabel: period.kind === 'month' ? 'Monthly report' : 'Quarterly report',
    asOf: utc(r.asOf),
    evaluated: `${utc(r.evaluated.from)} to ${utc(r.evaluated.to)}`,
    toDate: r.toDate,
    previous: known.has(r.previous.slug) ? { label: periodLabel({ kind: period.kind, key: r.previous.key }), url: `${base}reports/${r.previous.slug}/` } : null,
    json: version === undefined ? `${base}api/v1/reports/${r.period.slug}.json` : versions[version - 1]!.json,
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
      incidents: m.list.filter((i) => i.services.includes(s.id)).map(incident),
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
      return { kind: p.kind, key: p.key, slug: r.period.slug, from: r.period.from, to: r.period.to, toDate: r.toDate, version: frozenVersions(site, r.period.slug).length || null, path: `api/v1/reports/${r.period.slug}.json`, page: `reports/${r.period.slug}/` };
    }),
  };
}

/**
 * `/api/v1/reports/<period>.json`: the published report, and for a frozen period `frozen`: the
 * version published, how many there are, the commit, snapshot hash and the path of each version.
 */
export function periodJson(site: SiteModel, slug: string) {
  const all = frozenVersions(site, slug);
  const v = all[all.length - 1];
  return {
    ...periodReport(site, slug),
    frozen: v ? { version: v.version, of: all.length, commit: v.commit, dirty: v.dirty, snapshot: v.snapshot.hash, versions: all.map((x) => `api/v1/reports/${slug}/v${x.version}.json`) } : null,
  };
}

/** `/api/v1/reports/<period>/v<n>.json`: one frozen version as recorded (commit, snapshot, changes, commits, report). */
export function versionJson(site: SiteModel, slug: string, version: number) {
  const record = site.frozen.get(slug);
  const v = record?.versions[version - 1];
  if (!record || !v) throw new Error(`${slug} has no frozen version ${version}`);
  return { schema: record.schema, period: record.period, of: record.versions.length, ...v };
}

/** Every frozen version's route parameters: `{ period: '2026-10', version: 'v1' }`. */
export const versionPaths = (site: Pick<SiteModel, 'frozen'>): { period: string; version: string }[] =>
  [...site.frozen.entries()].flatMap(([period, r]) => r.versions.map((v) => ({ period, version: `v${v.version}` })));
