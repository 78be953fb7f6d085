import { describe, expect, it } from 'vitest';
import type { Incident } from '../schemas/incident.ts';
import { incidentsAsOf } from './incidents-as-of.ts';
import { secondsOf } from './periods.ts';

const incident = (over: Partial<Incident>): Incident => ({
  id: 'i',
  title: 't',
  severity: 'SEV2',
  services: ['api'],
  status: 'resolved',
  started_at: '2026-10-03T10:00:00Z',
  detected_at: '2026-10-03T10:05:00Z',
  acknowledged_at: '2026-10-03T10:10:00Z',
  mitigated_at: '2026-10-03T10:40:00Z',
  resolved_at: '2026-10-03T12:00:00Z',
  impact: '',
  customer_facing: true,
  roles: {},
  updates: [
    { at: '2026-10-03T10:15:00Z', status: 'identified', text: 'found it' },
    { at: '2026-10-03T11:00:00Z', status: 'monitoring', text: 'fixed' },
    { at: '2026-10-03T12:00:00Z', status: 'resolved', text: 'done' },
  ],
  tags: [],
  ...over,
});

describe('incidents as of a report time', () => {
  it('an incident that had not started by asOf is left out', () => {
    expect(incidentsAsOf([incident({})], secondsOf('2026-10-03T09:59:59Z'))).toEqual([]);
  });

  it('an incident wholly before asOf is unchanged (the same object)', () => {
    const i = incident({});
    expect(incidentsAsOf([i], secondsOf('2026-10-04T00:00:00Z'))[0]).toBe(i);
  });

  it('an incident resolved after asOf is open at asOf, with its last known status', () => {
    const [i] = incidentsAsOf([incident({})], secondsOf('2026-10-03T11:30:00Z'));
    expect(i).toMatchObject({ status: 'monitoring', mitigated_at: '2026-10-03T10:40:00Z' });
    expect(i!.resolved_at).toBeUndefined();
    expect(i!.updates.map((u) => u.status)).toEqual(['identified', 'monitoring']);
  });

  it('before mitigation and without updates, the status is investigating', () => {
    const [i] = incidentsAsOf([incident({ updates: [] })], secondsOf('2026-10-03T10:07:00Z'));
    expect(i).toMatchObject({ status: 'investigating', detected_at: '2026-10-03T10:05:00Z' });
    expect(i!.acknowledged_at).toBeUndefined();
    expect(i!.mitigated_at).toBeUndefined();
  });

  it('mitigated but not resolved by asOf, without updates, is monitoring', () => {
    expect(incidentsAsOf([incident({ updates: [] })], secondsOf('2026-10-03T11:00:00Z'))[0]!.status).toBe('monitoring');
  });
});
