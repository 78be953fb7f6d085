import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_OUTAGE, impactInterval, minutesByMonth, outageIntervals, outageKind, outageMinutes } from './outage.ts';
import { subtractIntervals } from './intervals.ts';
import { at, makeIncident } from './test-fixtures.ts';
import { isoOf } from './periods.ts';
import { DEFAULT_SEVERITIES, severityConfigSchema, type SeverityConfig } from '../schemas/severity.ts';

const asOf = at('2026-11-15T00:00:00Z');
const cfg = DEFAULT_SEVERITIES;
/** Every severity a full outage, so the merging tests read as before. */
const allFull: SeverityConfig = { levels: DEFAULT_SEVERITIES.levels.map((l) => ({ ...l, outage: 'full' })) };

describe('outageKind', () => {
  it('is none for an incident that is not customer-facing, whatever its severity', () => {
    expect(outageKind(makeIncident({ severity: 'SEV1', customer_facing: false }), cfg)).toBe('none');
  });

  it('follows the severity level for customer-facing incidents, with defaults SEV1 full, SEV2/SEV3 partial, SEV4 none', () => {
    expect(DEFAULT_OUTAGE).toEqual({ SEV1: 'full', SEV2: 'partial', SEV3: 'partial', SEV4: 'none' });
    expect(['SEV1', 'SEV2', 'SEV3', 'SEV4'].map((severity) => outageKind(makeIncident({ severity, customer_facing: true }), cfg))).toEqual(['full', 'partial', 'partial', 'none']);
  });

  it('takes the kind from content/severities.yaml when a level says so', () => {
    const config = severityConfigSchema.parse({ levels: [{ id: 'SEV2', name: 'Major', response: '1h', outage: 'full' }, { id: 'SEV4', name: 'Low', response: '1d', outage: 'partial' }] });
    expect(outageKind(makeIncident({ severity: 'SEV2', customer_facing: true }), config)).toBe('full');
    expect(outageKind(makeIncident({ severity: 'SEV4', customer_facing: true }), config)).toBe('partial');
    // A severity the file leaves out keeps its default.
    expect(outageKind(makeIncident({ severity: 'SEV1', customer_facing: true }), config)).toBe('full');
  });

  it('refuses an outage kind it does not know', () => {
    const r = severityConfigSchema.safeParse({ levels: [{ id: 'SEV1', name: 'Critical', response: '15m', outage: 'total' }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('must be full, partial or none');
  });
});

describe('outageMinutes', () => {
  it('computes the spans once per incident list, severity configuration and asOf, and again when one differs', () => {
    const incidents = [makeIncident({ id: 'a', customer_facing: true, started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T11:00:00Z' })];
    const spans = outageIntervals(incidents, allFull, asOf);
    expect(outageIntervals(incidents, allFull, asOf)).toBe(spans);
    expect(outageIntervals(incidents, cfg, asOf).get('checkout')).toEqual({ full: [], partial: [{ from: at('2026-10-03T10:00:00Z'), to: at('2026-10-03T11:00:00Z') }] });
    expect(outageIntervals(incidents, allFull, at('2026-10-03T10:30:00Z')).get('checkout')!.full).toEqual([{ from: at('2026-10-03T10:00:00Z'), to: at('2026-10-03T11:00:00Z') }]);
    expect(outageIntervals([...incidents], allFull, asOf)).not.toBe(spans);
  });

  it('merges overlapping incidents so no minute counts twice: 10:00–11:00 and 10:30–12:00 are 120 minutes', () => {
    const incidents = [
      makeIncident({ id: 'a', customer_facing: true, started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T11:00:00Z' }),
      makeIncident({ id: 'b', customer_facing: true, started_at: '2026-10-03T10:30:00Z', resolved_at: '2026-10-03T12:00:00Z' }),
    ];
    expect(outageMinutes(incidents, allFull, asOf)).toEqual({ checkout: { '2026-10': 120 } });
  });

  it('ends impact at mitigated_at when given, and counts only customer-facing incidents', () => {
    const incidents = [
      makeIncident({ id: 'a', customer_facing: true, started_at: '2026-10-03T10:00:00Z', mitigated_at: '2026-10-03T10:20:00Z', resolved_at: '2026-10-03T12:00:00Z' }),
      makeIncident({ id: 'b', customer_facing: false, started_at: '2026-10-04T10:00:00Z', resolved_at: '2026-10-04T12:00:00Z' }),
    ];
    expect(outageMinutes(incidents, allFull, asOf)).toEqual({ checkout: { '2026-10': 20 } });
  });

  it('a customer-facing SEV4 (emails delayed 05:50–09:45) is not an outage: 0 minutes, not 235', () => {
    const emails = makeIncident({ severity: 'SEV4', customer_facing: true, started_at: '2026-11-12T05:50:00Z', mitigated_at: '2026-11-12T09:45:00Z', resolved_at: '2026-11-12T10:00:00Z' });
    expect(outageMinutes([emails], cfg, asOf)).toEqual({});
    expect(outageMinutes([emails], cfg, asOf, 'partial')).toEqual({});
    expect(outageMinutes([emails], allFull, asOf)).toEqual({ checkout: { '2026-11': 235 } });
  });

  it('shows partial degradation apart from full outage, and a minute that is both counts as full only', () => {
    const incidents = [
      makeIncident({ id: 'full', severity: 'SEV1', customer_facing: true, started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T12:00:00Z' }),
      makeIncident({ id: 'part', severity: 'SEV3', customer_facing: true, started_at: '2026-10-03T11:30:00Z', resolved_at: '2026-10-03T13:00:00Z' }),
    ];
    expect(outageMinutes(incidents, cfg, asOf)).toEqual({ checkout: { '2026-10': 120 } });
    expect(outageMinutes(incidents, cfg, asOf, 'partial')).toEqual({ checkout: { '2026-10': 60 } });
    expect(outageMinutes([incidents[1]!], cfg, asOf)).toEqual({});
    expect(outageIntervals(incidents, cfg, asOf).get('checkout')).toEqual({
      full: [{ from: at('2026-10-03T10:00:00Z'), to: at('2026-10-03T12:00:00Z') }],
      partial: [{ from: at('2026-10-03T12:00:00Z'), to: at('2026-10-03T13:00:00Z') }],
    });
  });

  it('splits an outage across a month boundary', () => {
    const incidents = [makeIncident({ severity: 'SEV1', customer_facing: true, started_at: '2026-10-31T23:00:00Z', resolved_at: '2026-11-01T00:30:00Z' })];
    expect(outageMinutes(incidents, cfg, asOf)).toEqual({ checkout: { '2026-10': 60, '2026-11': 30 } });
  });

  it('runs an unresolved outage to asOf', () => {
    const open = makeIncident({ severity: 'SEV1', customer_facing: true, status: 'investigating', started_at: '2026-11-14T22:00:00Z', resolved_at: undefined });
    expect(outageMinutes([open], cfg, asOf)).toEqual({ checkout: { '2026-11': 120 } });
    expect(impactInterval(open, asOf)).toEqual({ from: at('2026-11-14T22:00:00Z'), to: asOf });
  });

  it('counts an incident once for each service it lists, merging per service', () => {
    const incidents = [
      makeIncident({ id: 'a', customer_facing: true, services: ['checkout', 'search'], started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T11:00:00Z' }),
      makeIncident({ id: 'b', customer_facing: true, services: ['search'], started_at: '2026-10-03T10:45:00Z', resolved_at: '2026-10-03T11:15:00Z' }),
    ];
    expect(outageMinutes(incidents, allFull, asOf)).toEqual({ checkout: { '2026-10': 60 }, search: { '2026-10': 75 } });
  });

  it('lists the services in the order of their ids, whatever the order of the incidents', () => {
    const onSearch = makeIncident({ id: 'a', customer_facing: true, services: ['search'], started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T11:00:00Z' });
    const onCheckout = makeIncident({ id: 'b', customer_facing: true, started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T11:00:00Z' });
    expect(Object.keys(outageMinutes([onSearch, onCheckout], allFull, asOf))).toEqual(['checkout', 'search']);
  });

  it('merged outage minutes are at most the sum of durations and at least the longest', () => {
    const base = at('2026-10-01T00:00:00Z');
    const arb = fc.tuple(fc.integer({ min: 0, max: 60 * 86_400 }), fc.integer({ min: 60, max: 3 * 86_400 }));
    fc.assert(
      fc.property(fc.array(arb, { minLength: 1, maxLength: 12 }), (spans) => {
        const incidents = spans.map(([s, d], k) => makeIncident({ id: `i${k}`, customer_facing: true, started_at: isoOf(base + s), resolved_at: isoOf(base + s + d) }));
        const months = outageMinutes(incidents, allFull, asOf).checkout!;
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

describe('subtractIntervals', () => {
  it('keeps the parts outside: [0,10) + [20,30) minus [5,25) is [0,5) + [25,30)', () => {
    expect(subtractIntervals([{ from: 0, to: 10 }, { from: 20, to: 30 }], [{ from: 5, to: 25 }])).toEqual([{ from: 0, to: 5 }, { from: 25, to: 30 }]);
  });
  it('removes an interval covered whole, and splits one around a hole', () => {
    expect(subtractIntervals([{ from: 0, to: 10 }], [{ from: 0, to: 10 }])).toEqual([]);
    expect(subtractIntervals([{ from: 0, to: 10 }], [{ from: 3, to: 4 }, { from: 6, to: 7 }])).toEqual([{ from: 0, to: 3 }, { from: 4, to: 6 }, { from: 7, to: 10 }]);
  });
});
