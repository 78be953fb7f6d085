import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkRange, MAX_POINTS_PER_REQUEST, planSlo, pointsIn, requestedRange } from '../../src/adapters/prometheus/plan.ts';
import { indicatorQueries } from '../../src/adapters/prometheus/queries.ts';
import type { Snapshot } from '../../src/schemas/snapshot.ts';
import { slo, SLO_INPUTS } from '../helpers/prometheus-fixture.ts';

const T = Date.parse('2026-10-03T09:12:34Z');

describe('requestedRange', () => {
  it('covers the last N days in steps ending at the as-of time aligned down to the step', () => {
    const r = requestedRange(T, 90, 300);
    expect(new Date(r.end * 1000).toISOString()).toBe('2026-10-03T09:10:00.000Z');
    expect(pointsIn(r)).toBe(90 * 288);
    expect(r.end - r.start + r.step).toBe(90 * 86400);
  });
});

describe('chunkRange', () => {
  it('splits 90 days at 5m into 3 requests of at most 11,000 points', () => {
    const chunks = chunkRange(requestedRange(T, 90, 300));
    expect(chunks.map(pointsIn)).toEqual([11000, 11000, 3920]);
  });

  it('covers every step exactly once, contiguous, never more than maxPoints per chunk', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 1, max: 12_000 }), fc.constantFrom(60, 300, 3600), (n, max, step) => {
        const r = { start: 1_000_000 * step, end: (1_000_000 + n - 1) * step, step };
        const chunks = chunkRange(r, Math.min(max, MAX_POINTS_PER_REQUEST));
        expect(chunks[0]!.start).toBe(r.start);
        expect(chunks.at(-1)!.end).toBe(r.end);
        for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.start).toBe(chunks[i - 1]!.end + step);
        for (const c of chunks) expect(pointsIn(c)).toBeLessThanOrEqual(Math.min(max, MAX_POINTS_PER_REQUEST));
        expect(chunks.reduce((s, c) => s + pointsIn(c), 0)).toBe(n);
      }),
    );
  });
});

describe('planSlo', () => {
  const s = slo(SLO_INPUTS['api-availability']!);
  const range = requestedRange(T, 2, 300);
  const snap = (over: Partial<Snapshot> = {}, points = 100): Snapshot => ({
    format: 'sitrep-snapshot/v1', slo: s.id, step: 300, start: range.start, queries: indicatorQueries(s.indicator, 300),
    fetchedAt: '2026-10-02T00:00:00Z', series: { total: new Array(points).fill(1), good: new Array(points).fill(1) }, ...over,
  });
  const plan = (existing: Snapshot | Error | undefined, full = false) => planSlo(s, existing, range, { full });

  it('fetches everything without a snapshot', () => {
    expect(plan(undefined)).toMatchObject({ mode: 'full', reason: 'no snapshot yet', fetch: range });
  });
  it('extends a compatible snapshot from 1h before its last step', () => {
    const existing = snap();
    const p = plan(existing);
    const last = range.start + 99 * 300;
    expect(p).toMatchObject({ mode: 'incremental', fetch: { start: last - 3600, end: range.end } });
    expect(p.base).toBe(existing);
  });
  it('keeps history but refetches the range with --full', () => {
    const existing = snap();
    const p = plan(existing, true);
    expect(p).toMatchObject({ mode: 'full', fetch: range, reason: expect.stringContaining('--full') });
    expect(p.base).toBe(existing);
  });
  it('replaces the snapshot when the step or a query changed, and says why', () => {
    expect(plan(snap({ step: 60 }))).toMatchObject({ mode: 'full', base: undefined, reason: 'step changed from 60s to 300s: replacing the snapshot' });
    const q = snap({ queries: { ...snap().queries, good: 'sum(increase(other[5m]))' } });
    expect(plan(q)).toMatchObject({ mode: 'full', base: undefined, reason: 'query changed for series good: replacing the snapshot' });
    expect(plan(new Error('not valid JSON'))).toMatchObject({ mode: 'full', base: undefined, reason: expect.stringContaining('unreadable (not valid JSON)') });
  });
  it('fetches the whole range when the snapshot starts after it, or ends before it, keeping its points', () => {
    expect(plan(snap({ start: range.start + 300 }))).toMatchObject({ mode: 'full', fetch: range, reason: expect.stringContaining('starts after') });
    const existing = snap({ start: range.start - 1000 * 300 });
    const old = plan(existing);
    expect(old).toMatchObject({ mode: 'full', fetch: range, reason: expect.stringContaining('ends before') });
    expect(old.base).toBe(existing);
  });
});
