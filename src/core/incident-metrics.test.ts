import { describe, expect, it } from 'vitest';
import { byMonth, byService, bySeverity, lifecycleMetrics, timesBetweenFailures } from './incident-metrics.ts';
import { makeIncident } from './test-fixtures.ts';

const full = makeIncident({
  id: 'full',
  started_at: '2026-10-03T10:00:00Z',
  detected_at: '2026-10-03T10:05:00Z',
  acknowledged_at: '2026-10-03T10:07:00Z',
  mitigated_at: '2026-10-03T10:30:00Z',
  resolved_at: '2026-10-03T11:00:00Z',
});
const second = makeIncident({
  id: 'second',
  severity: 'SEV1',
  started_at: '2026-10-05T10:00:00Z',
  detected_at: '2026-10-05T10:15:00Z',
  acknowledged_at: '2026-10-05T10:16:00Z',
  mitigated_at: '2026-10-05T11:00:00Z',
  resolved_at: '2026-10-05T13:00:00Z',
});
const open = makeIncident({
  id: 'open',
  services: ['checkout', 'search'],
  status: 'monitoring',
  started_at: '2026-11-01T00:00:00Z',
  detected_at: '2026-11-01T00:01:00Z',
  mitigated_at: '2026-11-01T00:10:00Z',
  resolved_at: undefined,
});

describe('lifecycleMetrics', () => {
  it('computes TTD, TTA, TTM and TTR of one incident', () => {
    const m = lifecycleMetrics([full]);
    expect(m.mttd.mean).toBe(300);
    expect(m.mtta.mean).toBe(120);
    expect(m.mttm.mean).toBe(1800);
    expect(m.mttr.mean).toBe(3600);
    expect(m.mtbf.count).toBe(0);
    expect(m.mtbf.mean).toBeNull();
  });

  it('lists unresolved incidents and keeps them out of MTTR, but not out of the other metrics', () => {
    const m = lifecycleMetrics([open, second, full]);
    expect(m.count).toBe(3);
    expect(m.unresolved).toEqual(['open']);
    expect(m.mttr).toEqual({ count: 2, mean: 7200, median: 7200, p90: 3600 + 0.9 * 7200, max: 10_800 });
    expect(m.mttd.count).toBe(3);
    expect(m.mttd.median).toBe(300);
    expect(m.mttm.count).toBe(3);
    expect(m.mtta.count).toBe(2);
  });

  it('MTBF is the operating time from the end of one impact (mitigated_at) to the start of the next on the same service', () => {
    // checkout: impact ends Oct 3 10:30 -> next starts Oct 5 10:00 (1 d 23 h 30 m); impact ends
    // Oct 5 11:00 -> next starts Nov 1 00:00 (26 d 13 h); search has one incident, so no gap.
    const m = lifecycleMetrics([open, full, second]);
    expect(m.mtbf.count).toBe(2);
    expect(m.mtbf.mean).toBe((47.5 * 3600 + (26 * 86_400 + 13 * 3600)) / 2);
  });

  it('two failures and 4 h down in a 24 h day are 10 h apart, not the 12 h between their starts', () => {
    const a = makeIncident({ id: 'a', started_at: '2026-10-03T00:00:00Z', resolved_at: '2026-10-03T02:00:00Z' });
    const b = makeIncident({ id: 'b', started_at: '2026-10-03T12:00:00Z', resolved_at: '2026-10-03T14:00:00Z' });
    expect(timesBetweenFailures([b, a])).toEqual([10 * 3600]);
  });

  it('overlapping impacts on one service are one failure; other services never make a gap', () => {
    const a = makeIncident({ id: 'a', started_at: '2026-10-03T00:00:00Z', resolved_at: '2026-10-03T05:00:00Z' });
    const inside = makeIncident({ id: 'in', started_at: '2026-10-03T01:00:00Z', resolved_at: '2026-10-03T02:00:00Z' });
    const other = makeIncident({ id: 'o', services: ['search'], started_at: '2026-10-03T07:00:00Z', resolved_at: '2026-10-03T08:00:00Z' });
    const b = makeIncident({ id: 'b', started_at: '2026-10-03T06:00:00Z', resolved_at: '2026-10-03T07:00:00Z' });
    expect(timesBetweenFailures([a, inside, other, b])).toEqual([3600]);
    expect(timesBetweenFailures([a, inside, other, b], ['search'])).toEqual([]);
  });

  it('nothing follows an open impact: an incident never mitigated or resolved ends no gap', () => {
    const stillDown = makeIncident({ id: 'down', status: 'investigating', started_at: '2026-10-03T00:00:00Z', resolved_at: undefined });
    const later = makeIncident({ id: 'later', started_at: '2026-10-04T00:00:00Z', resolved_at: '2026-10-04T01:00:00Z' });
    expect(timesBetweenFailures([stillDown, later])).toEqual([]);
  });

  it('an incident acknowledged but never marked detected has no TTA (and no TTD), but its TTM and TTR', () => {
    const undetected = makeIncident({ started_at: '2026-10-03T10:00:00Z', acknowledged_at: '2026-10-03T10:07:00Z', mitigated_at: '2026-10-03T10:30:00Z' });
    const m = lifecycleMetrics([undetected]);
    expect([m.mttd.count, m.mtta.count, m.mttm.mean, m.mttr.mean]).toEqual([0, 0, 1800, 3600]);
  });

  it('an impact that starts the moment the last one ended is the same failure: no gap of 0', () => {
    const a = makeIncident({ id: 'a', started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T12:00:00Z' });
    const b = makeIncident({ id: 'b', started_at: '2026-10-03T12:00:00Z', resolved_at: '2026-10-03T13:00:00Z' });
    const c = makeIncident({ id: 'c', started_at: '2026-10-03T15:00:00Z', resolved_at: '2026-10-03T16:00:00Z' });
    expect(timesBetweenFailures([a, b, c])).toEqual([2 * 3600]);
  });

  it('lists the gaps service by service, in the order of the service ids', () => {
    const onSearch = [makeIncident({ id: 's1', services: ['search'], started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T11:00:00Z' }), makeIncident({ id: 's2', services: ['search'], started_at: '2026-10-03T12:00:00Z', resolved_at: '2026-10-03T13:00:00Z' })];
    const onCheckout = [makeIncident({ id: 'c1', started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T11:00:00Z' }), makeIncident({ id: 'c2', started_at: '2026-10-03T14:00:00Z', resolved_at: '2026-10-03T15:00:00Z' })];
    // search's gap is 1 h and checkout's 3 h; checkout comes first.
    expect(timesBetweenFailures([...onSearch, ...onCheckout])).toEqual([3 * 3600, 3600]);
  });

  it('orders incidents that start at the same time by id', () => {
    const b = makeIncident({ id: 'b', status: 'investigating', resolved_at: undefined });
    const a = makeIncident({ id: 'a', status: 'investigating', resolved_at: undefined });
    const m = lifecycleMetrics([b, a]);
    expect(m.unresolved).toEqual(['a', 'b']);
    expect(m.mtbf).toMatchObject({ count: 0, mean: null });
  });

  it('is all empty for no incidents', () => {
    const m = lifecycleMetrics([]);
    expect(m.count).toBe(0);
    expect(m.mttr).toEqual({ count: 0, mean: null, median: null, p90: null, max: null });
  });
});

describe('grouping', () => {
  const all = [full, second, open];
  it('groups by severity with all four severities present', () => {
    const g = bySeverity(all);
    expect(Object.keys(g)).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
    expect(g.SEV1.count).toBe(1);
    expect(g.SEV2.count).toBe(2);
    expect(g.SEV2.unresolved).toEqual(['open']);
    expect(g.SEV3.count).toBe(0);
  });
  it('groups by service, an incident on two services counting in both', () => {
    const g = byService(all);
    expect(Object.keys(g)).toEqual(['checkout', 'search']);
    expect(g.checkout!.count).toBe(3);
    expect(g.search!.count).toBe(1);
  });
  it('two incidents on the same two services give each service one gap, and the services come in id order', () => {
    const x = makeIncident({ id: 'x', services: ['search', 'checkout'], started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T11:00:00Z' });
    const y = makeIncident({ id: 'y', services: ['search', 'checkout'], started_at: '2026-10-03T13:00:00Z', resolved_at: '2026-10-03T14:00:00Z' });
    const g = byService([x, y]);
    expect(Object.keys(g)).toEqual(['checkout', 'search']);
    expect(g.checkout!.mtbf).toMatchObject({ count: 1, mean: 2 * 3600 });
    expect(g.search!.mtbf).toMatchObject({ count: 1, mean: 2 * 3600 });
  });
  it("a service's MTBF counts only its own gaps, not those of services that share an incident with it", () => {
    const searchOnly = makeIncident({ id: 's2', services: ['search'], started_at: '2026-11-03T00:10:00Z', resolved_at: '2026-11-03T01:00:00Z' });
    const g = byService([...all, searchOnly]);
    // search: the shared incident's impact ends Nov 1 00:10, its own starts Nov 3 00:10 -> one 2-day gap.
    expect(g.search!.mtbf).toMatchObject({ count: 1, mean: 2 * 86_400 });
    expect(g.checkout!.mtbf.count).toBe(2);
  });
  it('groups by the UTC month of started_at', () => {
    const g = byMonth(all);
    expect(Object.keys(g)).toEqual(['2026-10', '2026-11']);
    expect(g['2026-10']!.count).toBe(2);
    expect(g['2026-10']!.mtbf.mean).toBe(47.5 * 3600);
  });
});
