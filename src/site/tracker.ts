/**
 * View models of the outage tracker (/outages/): the 90 day-bars per service with their tooltips,
 * the maintenance windows, the calendar heatmap of the last year, and the banner of what is
 * affected right now (shown on every page). The figures come from src/core (dayBars,
 * incidentCalendar, maintenanceState); this file only arranges and words them.
 */
import { compareNames, dayBars, incidentCalendar, isUnresolved, maintenanceInterval, maintenanceState, type DayLevel, type MaintenanceState } from '../core/index.ts';
import { duration, MONTH_NAMES, utc } from './format.ts';
import type { SiteModel } from './model.ts';
import { perBuild } from './per-build.ts';
import { SEVERITIES } from '../schemas/severity.ts';

export const LEVEL_LABELS: Record<DayLevel, string> = {
  none: 'No incident',
  minor: 'Minor: an incident with no outage',
  major: 'Major: partial degradation',
  outage: 'Outage',
};

export interface BarView {
  date: string;
  level: DayLevel;
  maintenance: boolean;
  /** The CSS classes: `lvl-<level>`, plus `maint` on a day with maintenance and nothing worse than none. */
  cls: string;
  tipId: string;
  /** The tooltip's first line, e.g. `2026-10-27 · Outage · 52 min outage`. */
  heading: string;
  incidents: { id: string; title: string; url: string }[];
  works: { id: string; title: string }[];
}

export interface ServiceRowView {
  id: string;
  name: string;
  url: string;
  availability: string;
  outage: string;
  bars: BarView[];
}

const minutes = (m: number): string => duration(m * 60);

/** Availability to 3 decimals, never rounding a share below 1 up to 100%. */
export function availabilityText(a: number): string {
  const shown = (a * 100).toFixed(3);
  return a < 1 && shown === '100.000' ? '>99.999%' : `${shown}%`;
}

/** One row of 90 bars per service: every service affected right now first, in the banner's order (most severe first), then by tier and name. */
export function trackerRows(site: SiteModel, base: string, days = 90): ServiceRowView[] {
  const affected = new Map(affectedNow(site, base).map((a, k) => [a.id, k]));
  const place = (id: string) => affected.get(id) ?? Infinity;
  const services = [...site.content.services].sort((a, b) => place(a.id) - place(b.id) || a.tier - b.tier || compareNames(a.name, b.name) || compareNames(a.id, b.id));
  const rows = dayBars(services.map((s) => s.id), site.content.incidents, site.content.maintenance, site.content.severities, site.asOf, days);
  const maint = new Map(site.content.maintenance.map((m) => [m.id, m]));
  return rows.map((r, k) => {
    const s = services[k]!;
    return {
      id: s.id,
      name: s.name,
      url: `${base}services/${s.id}/`,
      availability: availabilityText(r.availability),
      outage: `${r.outageMinutes > 0 ? `${minutes(r.outageMinutes)} outage` : 'no outage'}, ${r.partialMinutes > 0 ? `${minutes(r.partialMinutes)} degraded` : 'no degradation'}`,
      bars: r.bars.map((b): BarView => {
        const parts = [b.date, LEVEL_LABELS[b.level]];
        if (b.outageMinutes > 0) parts.push(`${minutes(b.outageMinutes)} outage`);
        if (b.partialMinutes > 0) parts.push(`${minutes(b.partialMinutes)} degraded`);
        if (b.maintenance.length) parts.push('maintenance');
        return {
          date: b.date,
          level: b.level,
          maintenance: b.maintenance.length > 0,
          cls: `bar lvl-${b.level}${b.maintenance.length > 0 && b.level === 'none' ? ' maint' : ''}`,
          tipId: `tip-${s.id}-${b.date}`,
          heading: parts.join(' · '),
          incidents: b.incidents.map((id) => ({ id, title: site.incidentsById.get(id)?.title ?? id, url: `${base}incidents/${id}/` })),
          works: b.maintenance.map((id) => ({ id, title: maint.get(id)?.title ?? id })),
        };
      }),
    };
  });
}

/** Services per page of day-bars: 90 bars each, so a large organisation's tracker stays readable and light. */
export const TRACKER_PAGE_SIZE = 50;

export interface TrackerPage {
  page: number;
  pages: number;
  rows: ServiceRowView[];
  /** Pages of the tracker, for the pager: the first is /outages/, the rest /outages/services/<n>/. */
  links: { page: number; url: string; first: string; last: string }[];
}

const trackers = perBuild<TrackerPage[]>();

/** The day-bars in pages of `size` services, computed once per build. */
export function trackerPages(site: SiteModel, base: string, size = TRACKER_PAGE_SIZE): TrackerPage[] {
  return trackers(site, `${base} ${size}`, () => pageRows(trackerRows(site, base), base, size));
}

function pageRows(rows: ServiceRowView[], base: string, size: number): TrackerPage[] {
  const chunks: ServiceRowView[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  if (chunks.length === 0) chunks.push([]);
  const links = chunks.map((c, k) => ({ page: k + 1, url: k === 0 ? `${base}outages/` : `${base}outages/services/${k + 1}/`, first: c[0]?.name ?? '', last: c.at(-1)?.name ?? '' }));
  return chunks.map((c, k) => ({ page: k + 1, pages: chunks.length, rows: c, links }));
}

export interface MaintenanceView {
  id: string;
  title: string;
  description: string;
  services: string;
  state: MaintenanceState;
  window: string;
  planned: string;
}

/** Maintenance windows by state: ongoing, upcoming (soonest first), past (newest first). */
export function maintenanceLists(site: SiteModel): Record<MaintenanceState, MaintenanceView[]> {
  const out: Record<MaintenanceState, MaintenanceView[]> = { ongoing: [], upcoming: [], past: [] };
  for (const m of site.content.maintenance) {
    const w = maintenanceInterval(m, site.asOf);
    const state = maintenanceState(m, site.asOf);
    out[state].push({
      id: m.id,
      title: m.title,
      description: m.description,
      services: m.services.map(site.serviceName).join(', '),
      state,
      window: `${utc(w.from)} – ${utc(w.to)}${m.actual_start === undefined ? ' (planned)' : m.actual_end === undefined ? ' (started; end planned)' : ''}`,
      planned: `${utc(m.planned_start)} – ${utc(m.planned_end)}`,
    });
  }
  out.past.reverse();
  return out;
}

export interface CalendarCell {
  date: string;
  /** 0 (none) .. 4 (most incidents started), for the shade: see calendarScale. */
  bucket: number;
  /** A full outage that day (of any service): marked apart from the shade. */
  outage: boolean;
  label: string;
}

/**
 * The fewest incidents started in a day for each of the calendar's four shades: 1, then the
 * quartiles of the days that had any, each above the one before. A team with an incident now and
 * then gets 1, 2, 3 and 4 or more; one with twenty a day gets shades that still tell its days
 * apart, where a fixed "3 or more" coloured every day alike. [1, 2, 3, 4] for [1, 1, 2, 5].
 */
export function calendarScale(counts: readonly number[]): [number, number, number, number] {
  const days = counts.filter((c) => c > 0).sort((a, b) => a - b);
  const q = (p: number) => (days.length ? days[Math.floor(p * (days.length - 1))]! : 0);
  const t2 = Math.max(2, q(0.25));
  const t3 = Math.max(t2 + 1, q(0.5));
  const t4 = Math.max(t3 + 1, q(0.75));
  return [1, t2, t3, t4];
}

/** The legend's words for each shade: "1", "2–3", …, "26 or more". */
export function calendarLegend(scale: readonly number[]): string[] {
  return scale.map((from, k) => (k === scale.length - 1 ? `${from} or more` : scale[k + 1]! - 1 === from ? `${from}` : `${from}–${scale[k + 1]! - 1}`));
}

/**
 * The heatmap: weeks (columns, oldest first) of 7 days (Monday first); days outside the year are
 * null. `months[k]` labels week k when a month starts in it ("Nov", and the year for a January:
 * "2026"), and the first week when its month has at least three weeks left to show its name.
 */
export function calendarView(site: SiteModel, days = 365): { weeks: (CalendarCell | null)[][]; months: (string | null)[]; total: number; legend: string[] } {
  const cal = incidentCalendar(site.content.incidents, site.content.severities, site.asOf, days);
  const scale = calendarScale(cal.map((d) => d.incidents));
  const weeks: (CalendarCell | null)[][] = [];
  const months: (string | null)[] = [];
  let week: (CalendarCell | null)[] = [];
  let month: string | null = null;
  const monthName = (date: string) => (date.slice(5, 7) === '01' ? date.slice(0, 4) : MONTH_NAMES[Number(date.slice(5, 7)) - 1]!.slice(0, 3));
  const close = () => {
    weeks.push([...week, ...Array<null>(7 - week.length).fill(null)]);
    months.push(month);
    week = [];
    month = null;
  };
  // Monday = 0: 1970-01-01 was a Thursday (3).
  const weekday = (date: string) => (Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000) + 3) % 7;
  for (let k = 0; k < weekday(cal[0]!.date); k++) week.push(null);
  for (const d of cal) {
    const bucket = scale.filter((from) => d.incidents >= from).length;
    const label = `${d.date}: ${d.incidents} incident${d.incidents === 1 ? '' : 's'} started${d.outageMinutes > 0 ? `, ${minutes(d.outageMinutes)} of outage` : ''}`;
    if (d.date.endsWith('-01')) month = monthName(d.date);
    week.push({ date: d.date, bucket, outage: d.outageMinutes > 0, label });
    if (week.length === 7) close();
  }
  if (week.length) close();
  const next = months.findIndex((m) => m !== null);
  if (months[0] === null && (next === -1 || next >= 3)) months[0] = monthName(cal[0]!.date);
  return { weeks, months, total: cal.reduce((a, d) => a + d.incidents, 0), legend: calendarLegend(scale) };
}

export interface BannerView {
  /** The first BANNER_SERVICES affected services (affectedNow), each with its BANNER_REASONS most severe reasons and how many more it has. */
  services: { id: string; name: string; url: string; reasons: { text: string; url: string }[]; moreReasons: number }[];
  /** How many more are affected: named on the outage tracker, which lists them first. */
  more: number;
}

/**
 * Services the banner names, on every page: more would push each page's content below the fold on
 * a phone (two took 185 px of a 740 px screen).
 */
export const BANNER_SERVICES = 3;

type Affected = Omit<BannerView['services'][number], 'moreReasons'>;
const banners = perBuild<BannerView>();
const affectedLists = perBuild<Affected[]>();

/**
 * What is affected right now: services with an open incident or an ongoing maintenance at asOf.
 * Every page shows it: computed once per site model and base.
 */
export function bannerView(site: SiteModel, base: string): BannerView {
  return banners(site, base, () => {
    const all = affectedNow(site, base);
    return {
      services: all.slice(0, BANNER_SERVICES).map((a) => ({ ...a, reasons: a.reasons.slice(0, BANNER_REASONS), moreReasons: Math.max(0, a.reasons.length - BANNER_REASONS) })),
      more: Math.max(0, all.length - BANNER_SERVICES),
    };
  });
}

/** Reasons the banner gives for one service, the most severe first; the service's page and the tracker list them all. */
export const BANNER_REASONS = 2;

/** Every service affected at the report time, the most severe first (an open incident by severity, then maintenance), then by name; each with its reasons, the most severe first. */
export function affectedNow(site: SiteModel, base: string): Affected[] {
  return affectedLists(site, base, () => computeAffected(site, base));
}

function computeAffected(site: SiteModel, base: string): Affected[] {
  // Each reason ranked: an open incident by its severity (SEV1 = 0), maintenance after every severity.
  const reasons = new Map<string, { text: string; url: string; rank: number }[]>();
  const add = (service: string, text: string, url: string, rank: number) => reasons.set(service, [...(reasons.get(service) ?? []), { text, url, rank }]);
  for (const i of site.content.incidents) if (isUnresolved(i)) for (const s of i.services) add(s, `${i.severity} ${i.status}: ${i.title}`, `${base}incidents/${i.id}/`, SEVERITIES.indexOf(i.severity));
  for (const m of site.content.maintenance) if (maintenanceState(m, site.asOf) === 'ongoing') for (const s of m.services) add(s, `maintenance: ${m.title}`, `${base}outages/#maintenance`, SEVERITIES.length);
  for (const list of reasons.values()) list.sort((x, y) => x.rank - y.rank);
  // A service by its most severe reason, which its list now starts with.
  const ids = [...reasons.keys()].sort((a, b) => reasons.get(a)![0]!.rank - reasons.get(b)![0]!.rank || compareNames(site.serviceName(a), site.serviceName(b)) || compareNames(a, b));
  return ids.map((id) => ({ id, name: site.serviceName(id), url: `${base}services/${id}/`, reasons: reasons.get(id)!.map(({ text, url }) => ({ text, url })) }));
}
