/**
 * Error budgets: how many bad events (or how much time) an objective allows, how much of that is
 * spent, and the policy status that follows. Objectives here are FRACTIONS (0.999), budgets
 * consumed/remaining are fractions of the budget (0.25 = a quarter spent).
 */

/** Policy thresholds in PERCENT of the budget remaining, as in the SLO file. */
export interface PolicyThresholds {
  green: number;
  yellow: number;
}

export type PolicyStatus = 'green' | 'yellow' | 'red';

/**
 * The allowed error ratio `1 - objective`, from an objective in percent: 99.9 -> 0.001.
 * Rounded to 12 decimals so that 99.9 gives exactly the double nearest 0.001 (100 - 99.9 is
 * 0.09999999999999432 in floating point), keeping "errors exactly at the objective" at 1x.
 * Objectives with more nines than that (99.99999999999) would round to 0 and divide by zero, so
 * they keep the unrounded (100 - objective) / 100.
 */
export function errorRatioAllowed(objectivePercent: number): number {
  const rounded = Math.round((100 - objectivePercent) * 1e10) / 1e12;
  return rounded > 0 ? rounded : (100 - objectivePercent) / 100;
}

/**
 * Time-equivalent error budget in seconds: `(1 - objective) x window length`.
 * 99.9% over 30 days allows 0.001 x 2,592,000 s = 2,592 s = 43.2 minutes;
 * 99.99% over 30 days allows 259.2 s = 4.32 minutes.
 */
export function budgetSeconds(objectivePercent: number, windowSeconds: number): number {
  return errorRatioAllowed(objectivePercent) * windowSeconds;
}

/**
 * THE error-budget formula, in one place. Whatever the budgeting method, a window holds `counted`
 * units (events, or time slices with traffic) of which `bad` were bad (bad events; bad slices; for
 * ratio-timeslices the summed per-slice error ratios). Then:
 *   allowed  = (1 - objective) x counted
 *   consumed = bad / allowed            (a fraction of the budget; may exceed 1)
 *   remaining = 1 - consumed           (negative once overspent: kept, never clamped)
 *   sli      = 1 - bad / counted
 * Example: 99.9% of 2,000,000 events allows 2,000 bad; 500 bad consumed 0.25 and leave 0.75.
 * With nothing counted there is no budget to speak of: sli, consumed and remaining are null.
 */
export interface BudgetShare {
  /** Counted units: events, or slices with traffic. */
  counted: number;
  /** Bad units among them. */
  bad: number;
  /** Allowed bad units, (1 - objective) x counted. */
  allowed: number;
  /** 1 - bad / counted; null when nothing was counted. */
  sli: number | null;
  /** bad / allowed; null when nothing was counted. */
  consumed: number | null;
  /** 1 - consumed; null when nothing was counted. */
  remaining: number | null;
}

export function budgetShare(objectivePercent: number, bad: number, counted: number): BudgetShare {
  const allowed = errorRatioAllowed(objectivePercent) * counted;
  if (!(counted > 0)) return { counted: 0, bad: 0, allowed: 0, sli: null, consumed: null, remaining: null };
  const consumed = bad / allowed;
  return { counted, bad, allowed, sli: 1 - bad / counted, consumed, remaining: 1 - consumed };
}

/** The budget of an occurrences window in events: budgetShare of (total - good) bad events out of total. */
export function errorBudget(objectivePercent: number, good: number, total: number): BudgetShare {
  return budgetShare(objectivePercent, Math.max(0, total - good), total);
}

/**
 * Policy status from the fraction of budget remaining and thresholds in percent: green while
 * remaining > green%, yellow while > yellow%, red otherwise (including overspent); null when the
 * SLI is undefined (no events). Defaults 50/10: remaining 0.5 -> yellow, 0.1 -> red.
 */
export function policyStatus(remaining: number | null, policy: PolicyThresholds): PolicyStatus | null {
  if (remaining === null) return null;
  if (remaining > policy.green / 100) return 'green';
  if (remaining > policy.yellow / 100) return 'yellow';
  return 'red';
}
