/**
 * The overview (home page), attention first: ongoing incidents, SLOs paging now, red and yellow
 * SLOs, overdue action items and runbooks due for review come before anything that is fine; the SLO table is
 * sorted worst first (red, yellow, green, then SLOs without data; the least budget left first
 * within each); each SLO has a sparkline of its budget left over the last 30 days. Pure; no Astro.
 */
import { isUnresolved, secondsOf } from '../core/index.ts';
import { actionTally } from './action-items.ts';
import { burn, coveragePct, objectivePct, pct, plural, utc } from './format.ts';
import type { SiteModel, SloView } from './model.ts';
import { runbookViews } from './runbooks.ts';
import { worstFirst } from './worst-first.ts';

export interface Attention {
  label: string;
  url: string;
  /** Why it needs attention, in words ("red: 12.3% of the budget left"). */
  note: string;
  kind: 'red' | 'yellow' | 'incident' | 'paging' | 'actions' | 'runbook' | 'more';
}

/**
 * At most this many SLOs of one status, or runbooks, are listed by name; the rest are one line
 * that links to them. At 100 services the list held 131 lines, and the two SLOs paging right now
 * came 7th and 99th.
 */
export const ATTENTION_PER_GROUP = 8;

export interface Sparkline {
  /** SVG path of the line, in a 100 × 24 box; empty with fewer than two points. */
  path: string;
  /** The same in words, for screen readers and as a tooltip. */
  label: string;
}

/** SLOs worst first (worstFirst): red, yellow, green, then those without a status; within a status the least budget left first. */
export function sortByStatus(slos: readonly SloView[]): SloView[] {
  return [...slos].sort(worstFirst);
}

export const SPARK_DAYS = 30;

/**
 * A sparkline of budget left (a fraction, may be negative): x from the first to the last point,
 * y from 0% at the bottom to 100% at the top, clamped to that range (an overspent budget sits on
 * the floor). [1, 0.5, 0] -> "M0,2 L50,12 L100,22" in a 100 × 24 box with 2 px margins.
 */
export function sparkPath(values: readonly (number | null)[]): string {
  const n = values.length;
  if (n < 2) return '';
  const y = (v: number) => Math.round((2 + (1 - Math.min(1, Math.max(0, v))) * 20) * 10) / 10;
  const x = (i: number) => Math.round(((i * 100) / (n - 1)) * 10) / 10;
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${d ? ' ' : ''}${pen ? 'L' : 'M'}${x(i)},${y(v)}`;
    pen = true;
  });
  return d;
}

/** The last 30 daily points of an SLO's budget history as a sparkline. */
export function sparkline(v: SloView): Sparkline | null {
  const points = v.report?.budgetHistory.points ?? [];
  if (points.length < 2) return null;
  const last = points.at(-1)!;
  const from = secondsOf(last.t) - SPARK_DAYS * 86_400;
  const recent = points.filter((p) => secondsOf(p.t) >= from);
  const first = recent[0]!;
  return { path: sparkPath(recent.map((p) => p.remaining)), label: `Budget left over the last ${SPARK_DAYS} days: ${pct(first.remaining, 1)} on ${first.t.slice(0, 10)}, ${pct(last.remaining, 1)} on ${last.t.slice(0, 10)}` };
}

/**
 * The SLO's page alert still firing at its last step of data (the highest burn, if several), and whether that step
 * ends within one step of the report time `asOf` (firing now) or earlier (firing when its data ended). One
 * definition for the home page's list and the SLO tables' notes.
 */
export function pagingAlert(v: SloView, asOf: number): { alert?: NonNullable<SloView['report']>['alerts'][number]; now: boolean } {
  const alert = (v.report?.alerts ?? []).filter((a) => a.open && a.severity === 'page').sort((x, y) => y.peakBurnRate - x.peakBurnRate)[0];
  return { alert, now: alert !== undefined && Date.parse(alert.to) / 1000 >= asOf - (v.series?.step ?? 0) };
}

/**
 * What needs attention now, most urgent first: ongoing incidents; SLOs whose page alert fires at
 * the report time (the engine's replay), highest burn first; red SLOs, then yellow ones, least
 * budget left first; overdue action items; runbooks due for review, most overdue first. A long group shows its first
 * ATTENTION_PER_GROUP and one line for the rest.
 */
export function attention(site: SiteModel, base: string): Attention[] {
  const out: Attention[] = [];
  /** One line for the rest of a group of `count` past the first ATTENTION_PER_GROUP: "3 more red SLOs", "1 more runbook due for review". */
  const more = (count: number, noun: string, rest: string, url: string, note: string) => {
    if (count > ATTENTION_PER_GROUP) out.push({ kind: 'more', label: `${plural(count - ATTENTION_PER_GROUP, `more ${noun}`)}${rest ? ` ${rest}` : ''}`, url, note });
  };
  for (const i of site.content.incidents.filter(isUnresolved)) {
    out.push({ kind: 'incident', label: i.title, url: `${base}incidents/${i.id}/`, note: `${i.severity}, ${i.status}: ongoing` });
  }
  // A page alert still firing at the last step replayed. It fires now when that step ends within one step of the
  // report time; when the data stopped earlier, it was firing when the data ended, which is said (and no less urgent:
  // nothing shows it stopped). Those firing now come first, each group by its highest burn.
  const paging = site.slos
    .map((v) => ({ v, ...pagingAlert(v, site.asOf) }))
    .filter((x) => x.alert !== undefined)
    .sort((x, y) => Number(y.now) - Number(x.now) || y.alert!.peakBurnRate - x.alert!.peakBurnRate);
  for (const { v, alert, now } of paging.slice(0, ATTENTION_PER_GROUP)) {
    const when = now ? `firing since ${utc(alert!.from)}` : `firing when its data ended, ${utc(alert!.to)} (none since)`;
    out.push({ kind: 'paging', label: v.slo.name, url: `${base}slos/${v.slo.id}/`, note: `${alert!.alert} alert ${when}, ${alert!.peakBurnRate.toFixed(1)}× burn at its peak` });
  }
  more(paging.length, 'SLO', 'with a page alert firing', `${base}#all-slos`, 'in the table below, "paging" in their notes');
  const listed = new Set(paging.map((x) => x.v));
  const sorted = sortByStatus(site.slos).filter((v) => !listed.has(v));
  for (const status of ['red', 'yellow'] as const) {
    const group = sorted.filter((v) => v.report?.status === status);
    for (const v of group.slice(0, ATTENTION_PER_GROUP)) out.push({ kind: status, label: v.slo.name, url: `${base}slos/${v.slo.id}/`, note: `${status}: ${pct(v.report!.budget.remaining, 1)} of the error budget left` });
    more(group.length, `${status} SLO`, '', `${base}#all-slos`, 'in the table below, worst first');
  }
  const actions = actionTally(site);
  if (actions.overdue > 0) out.push({ kind: 'actions', label: `${actions.overdue} overdue action item${actions.overdue === 1 ? '' : 's'}`, url: `${base}action-items/`, note: `of ${actions.open} open` });
  // Most overdue first: with more than a group's worth, the oldest reviews are the ones named.
  const stale = runbookViews(site, base).filter((x) => x.stale).sort((a, b) => (b.review.ageDays ?? 0) - (a.review.ageDays ?? 0));
  for (const r of stale.slice(0, ATTENTION_PER_GROUP)) out.push({ kind: 'runbook', label: r.title, url: r.url, note: `runbook ${r.stale}` });
  more(stale.length, 'runbook', 'due for review', `${base}runbooks/`, 'on the runbooks page');
  return out;
}

/** One row of an SLO table (src/components/SloTable.astro), as shown: plain data, part of a keyed page's inputs. */
export interface SloTableRow {
  id: string;
  name: string;
  status: 'green' | 'yellow' | 'red' | null | undefined;
  budgetLeft: string;
  sli: string;
  /** Its sparkline (null without enough data), when the table has that column. */
  spark?: Sparkline | null;
  service: { id: string; name: string };
  objective: string;
  window: string;
  burn1h: string;
  coverage: string;
  /** The notes column: paging, missing or partial data, staleness, review, the budgeting method. */
  notes: string;
}

/** The rows of an SLO table, in the order given; with `sparklines`, a column of each SLO's sparkline. */
export function sloTableRows(site: Pick<SiteModel, 'asOf' | 'serviceName'>, views: readonly SloView[], sparklines = false): SloTableRow[] {
  return views.map((view) => {
    const { slo, report, fetch, queriesChanged, review } = view;
    const paging = pagingAlert(view, site.asOf);
    return {
      id: slo.id,
      name: slo.name,
      status: report?.status,
      budgetLeft: report ? pct(report.budget.remaining, 1) : '—',
      sli: report ? pct(report.sli) : '—',
      ...(sparklines ? { spark: sparkline(view) } : {}),
      service: { id: slo.service, name: site.serviceName(slo.service) },
      objective: objectivePct(slo.objective / 100),
      window: slo.window,
      burn1h: report ? burn(report.burnRates['1h']) : '—',
      coverage: report ? coveragePct(report.coverage) : '—',
      notes: [
        paging.alert && (paging.now ? `paging: ${paging.alert.alert} firing` : `paging when its data ended: ${paging.alert.alert}`),
        !report && 'no snapshot',
        report?.partial && 'partial window',
        report?.lowTraffic && 'low traffic',
        report && report.sli === null && 'no events',
        fetch && !fetch.ok && `stale: data as of ${utc(fetch.dataEnd)}`,
        queriesChanged && 'queries changed: refetch',
        review.due && 'due for review',
        slo.budgeting.method !== 'occurrences' && slo.budgeting.method,
      ]
        .filter(Boolean)
        .join(' · '),
    };
  });
}
