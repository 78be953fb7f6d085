import { describe, expect, it } from 'vitest';
import { incidentSpan, incidentsOfService, incidentTimes, isUnresolved } from './incident-span.ts';
import { at, makeIncident } from './test-fixtures.ts';

describe('incidentSpan', () => {
  const i = makeIncident({ started_at: '2026-10-03T10:00:00Z', resolved_at: '2026-10-03T11:00:00Z' });
  it('runs from started_at to resolved_at', () => {
    expect(incidentSpan(i, at('2026-10-04T00:00:00Z'))).toEqual({ from: at('2026-10-03T10:00:00Z'), to: at('2026-10-03T11:00:00Z') });
  });
  it('is cut at asOf, and runs to asOf while open', () => {
    expect(incidentSpan(i, at('2026-10-03T10:30:00Z')).to).toBe(at('2026-10-03T10:30:00Z'));
    const open = makeIncident({ status: 'investigating', resolved_at: undefined });
    expect(incidentSpan(open, at('2026-10-03T12:00:00Z')).to).toBe(at('2026-10-03T12:00:00Z'));
  });
});

describe('isUnresolved', () => {
  it('an incident marked resolved without resolved_at, or with resolved_at but still open, is unresolved', () => {
    expect(isUnresolved(makeIncident({ resolved_at: undefined }))).toBe(true);
    expect(isUnresolved({ status: 'monitoring', resolved_at: '2026-10-03T11:00:00Z' })).toBe(true);
    expect(isUnresolved(makeIncident())).toBe(false);
  });
});

describe('incidentsOfService', () => {
  const list = [
    makeIncident({ id: 'a', services: ['checkout', 'payments'] }),
    makeIncident({ id: 'b', services: ['search'] }),
    makeIncident({ id: 'c', services: ['checkout', 'checkout'] }),
  ];
  it('gives the incidents that hit the service, in list order, each once', () => {
    expect(incidentsOfService(list, 'checkout').map((i) => i.id)).toEqual(['a', 'c']);
    expect(incidentsOfService(list, 'payments').map((i) => i.id)).toEqual(['a']);
  });
  it('gives none for a service no incident hit, and indexes each list on its own', () => {
    expect(incidentsOfService(list, 'identity')).toEqual([]);
    expect(incidentsOfService(list.slice(1), 'checkout').map((i) => i.id)).toEqual(['c']);
  });
});

describe('incidentTimes', () => {
  it('gives each timestamp of an incident in Unix seconds, undefined where it has none, the same object on every call', () => {
    const i = makeIncident({ started_at: '2026-10-03T12:00:00+02:00', detected_at: '2026-10-03T10:05:00Z', resolved_at: '2026-10-03T11:00:00Z' });
    const t = incidentTimes(i);
    expect(t).toEqual({ started_at: at('2026-10-03T10:00:00Z'), detected_at: at('2026-10-03T10:05:00Z'), acknowledged_at: undefined, mitigated_at: undefined, resolved_at: at('2026-10-03T11:00:00Z') });
    expect(incidentTimes(i)).toBe(t);
    // A changed copy (as incidentsAsOf makes) has its own times.
    const { resolved_at: _gone, ...open } = i;
    expect(incidentTimes(open).resolved_at).toBeUndefined();
  });
});
