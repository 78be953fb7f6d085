import { describe, expect, it } from 'vitest';
import { perBuild } from './per-build.ts';

describe('perBuild', () => {
  it('computes a value once per site model and key, and afresh for another model', () => {
    let calls = 0;
    const memo = perBuild<number>();
    const a = {};
    const b = {};
    expect(memo(a, 'k', () => ++calls)).toBe(1);
    expect(memo(a, 'k', () => ++calls)).toBe(1);
    expect(memo(a, 'other', () => ++calls)).toBe(2);
    expect(memo(b, 'k', () => ++calls)).toBe(3);
    expect(calls).toBe(3);
  });
});
