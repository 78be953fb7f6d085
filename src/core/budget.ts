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

export interface Budget {
  /** Allowed bad events `(1 - objective) x total`: 99.9% of 1,000,000 events allows 1,000. */
  allowed: number;
  /** Bad events spent. */
  bad: number;
  /** Fraction of the budget spent, bad / allowed; null when there were no events. May exceed 1. */
  consumed: number | null;
  /** 1 - consumed; negative once the budget is overspent (kept, not clamped); null with no events. */
  remaining: number | null;
  /** Time-equivalent budget of the full window, seconds (see budgetSeconds). */
  allowedSeconds: number;
}

/**
 * Error budget of an occurrences window. 99.9% with 2,000,000 events allows 2,000 bad; 500 bad
 * consumed 0.25 and leaves 0.75. With total 0 there is no budget to speak of: consumed/remaining null.
 */
export function errorBudget(objectivePercent: number, good: number, total: number, windowSeconds: number): Budget {
  const ratio = errorRatioAllowed(objectivePercent);
  const allowed = ratio * total;
  const bad = Math.max(0, total - good);
  const consumed = total > 0 ? bad / allowed : null;
  return { allowed, bad, consumed, remaining: consumed === null ? null : 1 - consumed, allowedSeconds: budgetSeconds(objectivePercent, windowSeconds) };
}

/**
 * Budget consumed for any SLI (fraction): `(1 - sli) / (1 - objective)`. SLI 0.9995 against 99.9%
 * consumed 0.5. Equals bad / allowed for occurrences; used for the timeslice methods. Null in, null out.
 */
export function consumedFromSli(objectivePercent: number, sli: number | null): number | null {
  return sli === null ? null : (1 - sli) / errorRatioAllowed(objectivePercent);
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
