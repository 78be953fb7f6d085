/**
 * Compliance of an SLO over a window: SLI from summed counts, coverage, partial and low-traffic
 * flags, and the error budget that follows.
 */
import type { Slo } from '../schemas/slo.ts';
import { errorBudget, policyStatus, type BudgetShare, type PolicyStatus } from './budget.ts';
import { dataStart, expectedSteps, rangeSums, stepRange, type Series } from './series.ts';

export type ComplianceSlo = Pick<Slo, 'objective' | 'min_events' | 'policy'>;

export interface Compliance {
  /** Window `[from, to)`, Unix seconds. */
  from: number;
  to: number;
  good: number;
  total: number;
  bad: number;
  /** 1 - bad / total from summed counts (never an average of rates); null when total is 0. */
  sli: number | null;
  /** Steps the window is expected to hold (its grid, with or without data). */
  expectedSteps: number;
  /** Steps in the window that have data. */
  presentSteps: number;
  /** presentSteps / expectedSteps, 0..1; 0 for an empty window. Gaps and time before the data starts count as missing. */
  coverage: number;
  /** True when the data starts after the window starts (the SLO is younger than its window), or there is no data. */
  partial: boolean;
  /** True when total < min_events. */
  lowTraffic: boolean;
  /** The budget in events (see budgetShare). */
  budget: BudgetShare;
  status: PolicyStatus | null;
}

/**
 * Compliance over the window `[from, to)` (steps whose end lies in `(from, to]`). 999,000 good of
 * 1,000,000 -> SLI 0.999.
 */
export function compliance(slo: ComplianceSlo, series: Series, from: number, to: number): Compliance {
  const sums = rangeSums(series, stepRange(series, from, to));
  const expected = expectedSteps(series, from, to);
  const budget = errorBudget(slo.objective, sums.good, sums.total);
  const firstStart = dataStart(series);
  return {
    from,
    to,
    good: sums.good,
    total: sums.total,
    bad: budget.bad,
    sli: budget.sli,
    expectedSteps: expected,
    presentSteps: sums.present,
    coverage: expected > 0 ? Math.min(1, sums.present / expected) : 0,
    partial: firstStart === null || firstStart > from,
    lowTraffic: sums.total < slo.min_events,
    budget,
    status: policyStatus(budget.remaining, slo.policy),
  };
}
