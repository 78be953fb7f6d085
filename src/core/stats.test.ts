import { describe, expect, it } from 'vitest';
import { distribution, percentile } from './stats.ts';

describe('percentile (linear interpolation between closest ranks)', () => {
  it.each([
    { name: 'the median of [10, 20, 30, 40] is 25', values: [10, 20, 30, 40], p: 0.5, out: 25 },
    { name: 'p90 of [10, 20, 30, 40] is 37', values: [10, 20, 30, 40], p: 0.9, out: 37 },
    { name: 'the median of an odd count is the middle value', values: [1, 5, 100], p: 0.5, out: 5 },
    { name: 'p90 of 1..10 is 9.1', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 0.9, out: 9.1 },
    { name: 'p0 is the minimum', values: [3, 7], p: 0, out: 3 },
    { name: 'p100 is the maximum', values: [3, 7], p: 1, out: 7 },
    { name: 'p outside [0, 1] is clamped', values: [3, 7], p: 2, out: 7 },
    { name: 'a single value is every percentile', values: [42], p: 0.9, out: 42 },
  ])('$name', ({ values, p, out }) => {
    expect(percentile(values, p)).toBeCloseTo(out, 9);
  });
  it('refuses an empty list', () => {
    expect(() => percentile([], 0.5)).toThrow(/empty/);
  });
});

describe('distribution', () => {
  it('summarizes unsorted durations', () => {
    expect(distribution([40, 10, 30, 20])).toEqual({ count: 4, mean: 25, median: 25, p90: 37, max: 40 });
  });
  it('is all null with count 0 when there are no values', () => {
    expect(distribution([])).toEqual({ count: 0, mean: null, median: null, p90: null, max: null });
  });
});
