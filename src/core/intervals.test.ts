import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { intersect, mergeIntervals } from './intervals.ts';

describe('mergeIntervals', () => {
  it.each([
    { name: 'overlapping intervals merge into one', input: [{ from: 0, to: 10 }, { from: 5, to: 20 }], out: [{ from: 0, to: 20 }] },
    { name: 'touching intervals merge into one', input: [{ from: 0, to: 10 }, { from: 10, to: 20 }], out: [{ from: 0, to: 20 }] },
    { name: 'disjoint intervals stay apart and come out sorted', input: [{ from: 30, to: 40 }, { from: 0, to: 10 }], out: [{ from: 0, to: 10 }, { from: 30, to: 40 }] },
    { name: 'a contained interval disappears into its container', input: [{ from: 0, to: 100 }, { from: 10, to: 20 }], out: [{ from: 0, to: 100 }] },
    { name: 'empty and inverted intervals are dropped', input: [{ from: 5, to: 5 }, { from: 9, to: 3 }], out: [] },
  ])('$name', ({ input, out }) => {
    expect(mergeIntervals(input)).toEqual(out);
  });

  it('does not modify its input', () => {
    const input = [{ from: 0, to: 10 }, { from: 5, to: 20 }];
    mergeIntervals(input);
    expect(input[0]).toEqual({ from: 0, to: 10 });
  });

  it('merged intervals are disjoint, sorted, and cover at most the sum and at least the longest of the inputs', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 5_000 })).map(([from, len]) => ({ from, to: from + len }));
    fc.assert(
      fc.property(fc.array(interval, { minLength: 1, maxLength: 30 }), (list) => {
        const out = mergeIntervals(list);
        const merged = out.reduce((s, i) => s + i.to - i.from, 0);
        if (out.some((i, n) => n > 0 && i.from <= out[n - 1]!.to)) return false;
        const sum = list.reduce((s, i) => s + i.to - i.from, 0);
        const longest = Math.max(...list.map((i) => i.to - i.from));
        return merged <= sum && merged >= longest;
      }),
    );
  });
});

describe('intersect', () => {
  it('intersect returns the common part, or null when there is none', () => {
    expect(intersect({ from: 0, to: 10 }, { from: 5, to: 20 })).toEqual({ from: 5, to: 10 });
    expect(intersect({ from: 0, to: 10 }, { from: 10, to: 20 })).toBeNull();
  });
});
