/**
 * The one order of "worst first" for SLOs: red, yellow, green, then those without a status; within
 * a status, the least budget left first; then by name. The home page's table and a service's badge
 * (its worst SLO) both use it.
 */
import { compareNames } from '../core/index.ts';
import type { SloView } from './model.ts';

const RANK = { red: 0, yellow: 1, green: 2 } as const;
const rank = (v: Pick<SloView, 'report'>): number => (v.report?.status ? RANK[v.report.status] : 3);
const left = (v: Pick<SloView, 'report'>): number => v.report?.budget.remaining ?? Infinity;

export function worstFirst(a: Pick<SloView, 'report' | 'slo'>, b: Pick<SloView, 'report' | 'slo'>): number {
  return rank(a) - rank(b) || left(a) - left(b) || compareNames(a.slo.name, b.slo.name) || compareNames(a.slo.id, b.slo.id);
}
