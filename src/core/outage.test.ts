import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { impactInterval, minutesByMonth, outageMinutes } from './outage.ts';
import { at, makeIncident } from './test-fixtures.ts';
import { isoOf } from './periods.ts';

const asOf = at('2026-11-15T00:00:00Z');

describe('outageMinutes', () => {
  it('merges overlapping incidents so no minute counts twice: 10:00–11:00 and 10:30–12:00 are 120 minutes', () => {
    const incidents = [
      makeIncident({ id: 'a', customer_facing: true, started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T11:00:00Z' }),
      makeIncident({ id: 'b', customer_facing: true, started_at: '2026-10-03T10:30:00Z', resolved_at: '2026-10-03T12:00:00Z' }),
    ];
    expect(outageMinutes(incidents, asOf)).toEqual({ checkout: { '2026-10': 120 } });
  });

  it('ends impact at mitigated_at when given, and counts only customer-facing incidents', () => {
    const incidents = [
      makeIncident({ id: 'a', customer_facing: true, started_at: '2026-10-03T10:00:00Z', mitigated_at: '2026-10-03T10:20:00Z', resolved_at: '2026-10-03T12:00:00Z' }),
      makeIncident({ id: 'b', customer_facing: false, started_at: '2026-10-04T10:00:00Z', resolved_at: '2026-10-04T12:00:00Z' }),
    ];
    expect(outageMinutes(incidents, asOf)).toEqual({ checkout: { '2026-10': 20 } });
  });

  it('splits an outage across a month boundary', () => {
    const incidents = [makeIncident({ customer_facing: true, started_at: '2026-10-31T23:00:00Z', resolved_at: '2026-11-01T00:30:00Z' })];
    expect(outageMinutes(incidents, asOf)).toEqual({ checkout: { '2026-10': 60, '2026-11': 30 } });
  });

  it('runs an unresolved outage to asOf', () => {
    const open = makeIncident({ customer_facing: true, status: 'investigating', started_at: '2026-11-14T22:00:00Z', resolved_at: undefined });
    expect(outageMinutes([open], asOf)).toEqual({ checkout: { '2026-11': 120 } });
    expect(impactInterval(open, asOf)).toEqual({ from: at('2026-11-14T22:00:00Z'), to: asOf });
  });

  it('counts an incident once for each service it lists, merging per service', () => {
    const incidents = [
      makeIncident({ id: 'a', customer_facing: true, services: ['checkout', 'search'], started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T11:00:00Z' }),
      makeIncident({ id: 'b', customer_facing: true, services: ['search'], started_at: '2026-10-03T10:45:00Z', resolved_at: '2026-10-03T11:15:00Z' }),
    ];
    expect(outageMinutes(incidents, asOf)).toEqual({ checkout: { '2026-10': 60 }, search: { '2026-10': 75 } });
  });

  it('lists the services in the order of their ids, whatever the order of the incidents', () => {
    const onSearch = makeIncident({ id: 'a', customer_facing: true, services: ['search'], started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T11:00:00Z' });
    const onCheckout = makeIncident({ id: 'b', customer_facing: true, started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T11:00:00Z' });
    expect(Object.keys(outageMinutes([onSearch, onCheckout], asOf))).toEqual(['checkout', 'search']);
  });

  it('merged outage minutes are at most the sum of durations and at least the longest', () => {
    const base = at('2026-10-01T00:00:00Z');
    const arb = fc.tuple(fc.integer({ min: 0, max: 60 * 86_400 }), fc.integer({ min: 60, max: 3 * 86_400 }));
    fc.assert(
      fc.property(fc.array(arb, { minLength: 1, maxLength: 12 }), (spans) => {
        const incidents = spans.map(([s, d], k) => makeIncident({ id: `i${k}`, customer_facing: true, started_at: isoOf(base + s), resolved_at: isoOf(base + s + d) }));
        const months = outageMinutes(incidents, asOf).checkout!;
        const merged = Object.values(months).reduce((a, b) => a + b, 0);
        const sum = spans.reduce((a, [, d]) => a + d / 60, 0);
        const longest = Math.max(...spans.map(([, d]) => d / 60));
        return merged <= sum + 1e-9 && merged >= longest - 1e-9;
      }),
    );
  });

  it('minutesByMonth returns months in order', () => {
    expect(Object.keys(minutesByMonth([{ from: at('2026-12-01T00:00:00Z'), to: at('2026-12-01T00:01:00Z') }, { from: at('2026-02-01T00:00:00Z'), to: at('2026-02-01T00:01:00Z') }]))).toEqual(['2026-02', '2026-12']);
  });
});
