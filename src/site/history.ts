/**
 * The incident history of the outage tracker: newest first, grouped by UTC month of started_at,
 * paginated (100 a page by default: /outages/, /outages/history/2/, ...). Each row carries its
 * filter values as data attributes, so a small script can filter with no request; without
 * JavaScript every incident is listed.
 */
import { compareNames, isUnresolved, monthOf, secondsOf } from '../core/index.ts';
import { SEVERITIES, type Severity } from '../schemas/severity.ts';
import { duration, utc } from './format.ts';
import { periodLabel } from './reports.ts';
import type { SiteModel } from './model.ts';
import { perBuild } from './per-build.ts';

export const HISTORY_PAGE_SIZE = 100;

export interface HistoryRow {
  id: string;
  title: string;
  url: string;
  severity: Severity;
  services: string;
  /** Space-separated service ids, for the filter. */
  serviceIds: string;
  status: 'ongoing' | 'resolved';
  statusText: string;
  customerFacing: boolean;
  /** UTC date of started_at, `2026-10-27`, for the date-range filter. */
  date: string;
  started: string;
  duration: string;
}

export interface HistoryPage {
  page: number;
  pages: number;
  total: number;
  groups: { month: string; label: string; rows: HistoryRow[] }[];
  prev: string | null;
  next: string | null;
  links: { page: number; url: string; current: boolean }[];
  filters: { services: { id: string; name: string }[]; severities: readonly Severity[] };
}

/** The URL of history page n (1-based): /outages/ for the first. */
export const historyUrl = (base: string, n: number): string => (n === 1 ? `${base}outages/` : `${base}outages/history/${n}/`);

const histories = perBuild<HistoryPage[]>();

/** All pages of the history (at least one, possibly empty), computed once per build. */
export function historyPages(site: SiteModel, base: string, size = HISTORY_PAGE_SIZE): HistoryPage[] {
  return histories(site, `${base} ${size}`, () => paginate(site, base, size));
}

function paginate(site: SiteModel, base: string, size: number): HistoryPage[] {
  const rows = [...site.content.incidents]
    .sort((a, b) => secondsOf(b.started_at) - secondsOf(a.started_at) || a.id.localeCompare(b.id))
    .map((i): HistoryRow => {
      const open = isUnresolved(i);
      return {
        id: i.id,
        title: i.title,
        url: `${base}incidents/${i.id}/`,
        severity: i.severity,
        services: i.services.map(site.serviceName).join(', '),
        serviceIds: i.services.join(' '),
        status: open ? 'ongoing' : 'resolved',
        statusText: open ? i.status : 'resolved',
        customerFacing: i.customer_facing,
        date: new Date(secondsOf(i.started_at) * 1000).toISOString().slice(0, 10),
        started: utc(i.started_at),
        duration: open || i.resolved_at === undefined ? 'ongoing' : duration(secondsOf(i.resolved_at) - secondsOf(i.started_at)),
      };
    });
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const filters = { services: [...site.content.services].sort((a, b) => compareNames(a.name, b.name) || compareNames(a.id, b.id)).map((s) => ({ id: s.id, name: s.name })), severities: SEVERITIES };
  return Array.from({ length: pages }, (_, k): HistoryPage => {
    const page = k + 1;
    const groups: HistoryPage['groups'] = [];
    for (const r of rows.slice(k * size, page * size)) {
      const m = monthOf(secondsOf(`${r.date}T00:00:00Z`));
      const last = groups[groups.length - 1];
      if (last?.month === m.key) last.rows.push(r);
      else groups.push({ month: m.key, label: periodLabel(m), rows: [r] });
    }
    return {
      page,
      pages,
      total: rows.length,
      groups,
      prev: page > 1 ? historyUrl(base, page - 1) : null,
      next: page < pages ? historyUrl(base, page + 1) : null,
      links: Array.from({ length: pages }, (_, j) => ({ page: j + 1, url: historyUrl(base, j + 1), current: j + 1 === page })),
      filters,
    };
  });
}
