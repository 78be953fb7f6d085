import { describe, expect, it } from 'vitest';
import { DAY } from './periods.ts';
import { budgetSeconds, budgetShare, errorBudget, errorRatioAllowed, policyStatus } from './budget.ts';


describe('time-equivalent error budget', () => {
  it.each([
    { name: '99.9% over 30 days allows 43.2 minutes', objective: 99.9, days: 30, minutes: 43.2 },
    { name: '99.99% over 30 days allows 4.32 minutes', objective: 99.99, days: 30, minutes: 4.32 },
    { name: '99.5% over 7 days allows 50.4 minutes', objective: 99.5, days: 7, minutes: 50.4 },
    { name: '99.9% over a 31-day month allows 44.64 minutes', objective: 99.9, days: 31, minutes: 44.64 },
    { name: '99.9% over a 28-day month allows 40.32 minutes', objective: 99.9, days: 28, minutes: 40.32 },
    { name: '99.9% over a 92-day quarter allows 132.48 minutes', objective: 99.9, days: 92, minutes: 132.48 },
  ])('$name', ({ objective, days, minutes }) => {
    expect(budgetSeconds(objective, days * DAY) / 60).toBeCloseTo(minutes, 9);
  });
});

describe('errorBudget', () => {
  it('99.9% of 2,000,000 events allows 2,000 bad; 500 bad consumed a quarter', () => {
    const b = errorBudget(99.9, 2_000_000 - 500, 2_000_000);
    expect(b.allowed).toBeCloseTo(2000, 6);
    expect(b.bad).toBe(500);
    expect(b.consumed).toBeCloseTo(0.25, 9);
    expect(b.remaining).toBeCloseTo(0.75, 9);
  });
  it('keeps a negative remaining budget when overspent', () => {
    const b = errorBudget(99.9, 997_000, 1_000_000);
    expect(b.consumed).toBeCloseTo(3, 9);
    expect(b.remaining).toBeCloseTo(-2, 9);
  });
  it('with no traffic the budget is undefined, not full', () => {
    const b = errorBudget(99.9, 0, 0);
    expect(b).toEqual({ counted: 0, allowed: 0, bad: 0, sli: null, consumed: null, remaining: null });
  });
  it('the SLI is 1 - bad / counted: 500 bad of 2,000,000 is 0.99975', () => {
    expect(errorBudget(99.9, 2_000_000 - 500, 2_000_000).sli).toBe(0.99975);
  });
});

describe('budgetShare, the one budget formula for every method', () => {
  it('12 bad slices of 8,640 against 99.9% allow 8.64: consumed 1.39, remaining -0.39', () => {
    const b = budgetShare(99.9, 12, 8640);
    expect(b.allowed).toBeCloseTo(8.64, 12);
    expect(b.consumed).toBeCloseTo(12 / 8.64, 12);
    expect(b.remaining).toBeCloseTo(1 - 12 / 8.64, 12);
    expect(b.sli).toBeCloseTo(1 - 12 / 8640, 12);
  });
  it('nothing counted is no budget at all, whatever was passed as bad', () => {
    expect(budgetShare(99.9, 5, 0)).toEqual({ counted: 0, allowed: 0, bad: 0, sli: null, consumed: null, remaining: null });
  });
});

describe('errorRatioAllowed', () => {
  it.each([
    { name: '99.9% allows exactly the double nearest 0.001', objective: 99.9, ratio: 0.001 },
    { name: '99.99% allows exactly the double nearest 0.0001', objective: 99.99, ratio: 0.0001 },
    { name: '99.999% allows exactly the double nearest 0.00001', objective: 99.999, ratio: 0.00001 },
  ])('$name', ({ objective, ratio }) => {
    expect(errorRatioAllowed(objective)).toBe(ratio);
  });
  it('an objective with more nines than the rounding keeps (1 - objective), never 0 and never NaN downstream', () => {
    const objective = 99.99999999999; // allows 1e-13 of events: beyond 12-decimal rounding
    expect(errorRatioAllowed(objective)).toBeCloseTo(1e-13, 15);
    expect(errorRatioAllowed(objective)).toBeGreaterThan(0);
    expect(errorBudget(objective, 1000, 1000).consumed).toBe(0);
  });
});

describe('policyStatus', () => {
  const policy = { green: 50, yellow: 10 };
  it.each([
    { name: 'more than half the budget left is green', remaining: 0.51, status: 'green' },
    { name: 'exactly half left is yellow', remaining: 0.5, status: 'yellow' },
    { name: 'just over 10% left is yellow', remaining: 0.11, status: 'yellow' },
    { name: 'exactly 10% left is red', remaining: 0.1, status: 'red' },
    { name: 'an overspent budget is red', remaining: -2, status: 'red' },
    { name: 'an undefined SLI has no status', remaining: null, status: null },
  ])('$name', ({ remaining, status }) => {
    expect(policyStatus(remaining, policy)).toBe(status);
  });
});
