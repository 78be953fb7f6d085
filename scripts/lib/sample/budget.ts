/**
 * The generator's own, deliberately simple error-budget arithmetic, used to print a summary and
 * to assert the story in tests. It is not sitrep's metric engine (src/core) and may differ from
 * it in edge cases (partial calendar windows, gaps inside time slices).
 */
import type { Slo } from '../../../src/schemas/slo.ts';
import { rollingWindowSeconds } from '../../../src/schemas/slo.ts';
import type { Column } from '../../../src/schemas/snapshot.ts';

export interface Columns {
  start: number;
  step: number;
  total: Column;
  good?: Column;
  bad?: Column;
}

/** Window `[from, to)` (Unix seconds) ending at `end`: rolling, or calendar month / quarter to date (UTC). */
export function windowBounds(slo: Slo, end: number): { from: number; to: number } {
  const rolling = rollingWindowSeconds(slo.window);
  if (rolling !== undefined) return { from: end - rolling, to: end };
  const last = new Date((end - 1) * 1000);
  const month = slo.window === 'quarter' ? last.getUTCMonth() - (last.getUTCMonth() % 3) : last.getUTCMonth();
  return { from: Date.UTC(last.getUTCFullYear(), month, 1) / 1000, to: end };
}

/** Bad and total events of the step ending at `t`, or undefined for a gap. */
function stepAt(c: Columns, i: number): { bad: number; total: number } | undefined {
  const total = c.total[i];
  if (total === null || total === undefined) return undefined;
  const bad = c.bad ? c.bad[i] : c.good ? (c.good[i] === null ? null : total - c.good[i]!) : null;
  if (bad === null || bad === undefined) return undefined;
  return { bad, total };
}

export interface BudgetResult {
  from: number;
  to: number;
  events: number;
  badEvents: number;
  /** The SLI over the window, percent. */
  sli: number;
  /** Share of the error budget left, percent (negative when overspent). */
  remaining: number;
  status: 'green' | 'yellow' | 'red';
}

/** Error budget left at `end` for one SLO, by its budgeting method. */
export function budgetAt(slo: Slo, c: Columns, end: number): BudgetResult {
  const { from, to } = windowBounds(slo, end);
  const allowed = 1 - slo.objective / 100;
  let events = 0;
  let badEvents = 0;
  // Slices: [bad, total] per slice index.
  const sliceSteps = Math.max(1, Math.round(slo.budgeting.slice.seconds / c.step));
  const slices = new Map<number, { bad: number; total: number }>();
  for (let i = 0; i < c.total.length; i++) {
    const t = c.start + i * c.step;
    if (t <= from || t > to) continue;
    const s = stepAt(c, i);
    if (!s) continue;
    events += s.total;
    badEvents += s.bad;
    const k = Math.floor((t - from - 1) / (sliceSteps * c.step));
    const acc = slices.get(k) ?? { bad: 0, total: 0 };
    acc.bad += s.bad;
    acc.total += s.total;
    slices.set(k, acc);
  }
  let badShare: number; // share of "bad" in the method's own unit
  if (slo.budgeting.method === 'occurrences') {
    badShare = events > 0 ? badEvents / events : 0;
  } else {
    const withData = [...slices.values()].filter((s) => s.total > 0);
    if (slo.budgeting.method === 'timeslices') {
      const target = (slo.budgeting.slice_target ?? slo.objective) / 100;
      const badSlices = withData.filter((s) => 1 - s.bad / s.total < target).length;
      badShare = withData.length > 0 ? badSlices / withData.length : 0;
    } else {
      const mean = withData.reduce((a, s) => a + s.bad / s.total, 0) / Math.max(1, withData.length);
      badShare = mean;
    }
  }
  const remaining = 100 * (1 - badShare / allowed);
  const status = remaining > slo.policy.green ? 'green' : remaining > slo.policy.yellow ? 'yellow' : 'red';
  return { from, to, events, badEvents, sli: 100 * (1 - badShare), remaining, status };
}
