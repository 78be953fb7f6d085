import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkRange, MAX_POINTS_PER_REQUEST, planSlo, pointsIn, regrid, requestedRange, sloStep } from '../../src/adapters/prometheus/plan.ts';
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

describe('the step of an SLO with time slices', () => {
  const sliced = (method: 'occurrences' | 'timeslices' | 'ratio-timeslices', seconds: number) => ({ budgeting: { method, slice: { text: `${seconds}s`, seconds } } });

  it.each([
    { name: '1m slices at --step 5m are fetched at 1m', method: 'timeslices', slice: 60, step: 300, want: 60 },
    { name: '4m slices at --step 5m at 4m', method: 'timeslices', slice: 240, step: 300, want: 240 },
    { name: '7m slices at --step 5m at 210s, the largest divisor of 420s up to 300s', method: 'ratio-timeslices', slice: 420, step: 300, want: 210 },
    { name: '10m slices at --step 5m at 5m, which divides them', method: 'timeslices', slice: 600, step: 300, want: 300 },
    { name: 'an occurrences SLO at the step, whatever its (unused) slice', method: 'occurrences', slice: 60, step: 300, want: 300 },
    { name: '7s slices at --step 5s at 1s, their only divisor up to 5s', method: 'timeslices', slice: 7, step: 5, want: 1 },
  ] as const)('$name', ({ method, slice, step, want }) => {
    expect(sloStep(sliced(method, slice), step)).toBe(want);
  });

  it('an SLO without budgeting keeps the step', () => {
    expect(sloStep({}, 300)).toBe(300);
  });

  it('a regridded range ends at or before the same time and covers the same length', () => {
    const r = requestedRange(T, 2, 300);
    const g = regrid(r, 210);
    expect(g.end % 210).toBe(0);
    expect(g.end).toBeLessThanOrEqual(r.end);
    expect(r.end - g.end).toBeLessThan(210);
    expect(g.end - g.start + 210).toBeGreaterThanOrEqual(2 * 86_400);
    expect(g.end - g.start + 210).toBeLessThan(2 * 86_400 + 210);
  });

  it('the plan of a 1m-slice SLO at --step 5m fetches 1m steps with 1m queries, and says why', () => {
    const s = { ...slo({ ...SLO_INPUTS['api-availability']!, budgeting: { method: 'timeslices', slice: '1m' } }) };
    const p = planSlo(s, undefined, requestedRange(T, 1, 300), { full: false });
    expect(p.fetch).toMatchObject({ step: 60, end: Math.floor(T / 1000 / 300) * 300 });
    expect(pointsIn(p.fetch)).toBe(1440);
    expect(p.queries.total).toBe('sum(increase(http_requests_total{job="api"}[1m]))');
    expect(p.reason).toBe('no snapshot yet (step 60s, not 300s: the largest that divides its 1m time slices)');
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
