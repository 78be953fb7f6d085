/**
 * The overview (home page), attention first: red and yellow SLOs, ongoing incidents, overdue
 * action items and runbooks due for review come before anything that is fine; the SLO table is
 * sorted worst first (red, yellow, green, then SLOs without data; the least budget left first
 * within each); each SLO has a sparkline of its budget left over the last 30 days. Pure; no Astro.
 */
import { isUnresolved, secondsOf } from '../core/index.ts';
import { actionTally } from './action-items.ts';
import { pct } from './format.ts';
import type { SiteModel, SloView } from './model.ts';
import { runbookViews } from './runbooks.ts';
import { worstFirst } from './worst-first.ts';

export interface Attention {
  label: string;
  url: string;
  /** Why it needs attention, in words ("red: 12.3% of the budget left"). */
  note: string;
  kind: 'red' | 'yellow' | 'incident' | 'actions' | 'runbook';
}

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

/** What needs attention now, most urgent first: ongoing incidents, red SLOs, yellow SLOs, overdue action items, stale runbooks. */
export function attention(site: SiteModel, base: string): Attention[] {
  const out: Attention[] = [];
  for (const i of site.content.incidents.filter(isUnresolved)) {
    out.push({ kind: 'incident', label: i.title, url: `${base}incidents/${i.id}/`, note: `${i.severity}, ${i.status}: ongoing` });
  }
  for (const v of sortByStatus(site.slos)) {
    const s = v.report?.status;
    if (s === 'red' || s === 'yellow') out.push({ kind: s, label: v.slo.name, url: `${base}slos/${v.slo.id}/`, note: `${s}: ${pct(v.report!.budget.remaining, 1)} of the error budget left` });
  }
  const actions = actionTally(site);
  if (actions.overdue > 0) out.push({ kind: 'actions', label: `${actions.overdue} overdue action item${actions.overdue === 1 ? '' : 's'}`, url: `${base}action-items/`, note: `of ${actions.open} open` });
  for (const r of runbookViews(site, base).filter((x) => x.stale)) out.push({ kind: 'runbook', label: r.title, url: r.url, note: `runbook ${r.stale}` });
  return out;
}
