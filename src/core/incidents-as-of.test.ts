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

  it('an incident that starts exactly at asOf is kept, and so is every timestamp and update exactly at asOf', () => {
    expect(incidentsAsOf([incident({})], secondsOf('2026-10-03T10:00:00Z')).map((i) => i.id)).toEqual(['i']);
    const [i] = incidentsAsOf([incident({})], secondsOf('2026-10-03T11:00:00Z'));
    expect(i).toMatchObject({ status: 'monitoring', mitigated_at: '2026-10-03T10:40:00Z' });
    expect(i!.updates.map((u) => u.at)).toEqual(['2026-10-03T10:15:00Z', '2026-10-03T11:00:00Z']);
    // Resolved, with its last update, exactly at asOf: nothing is later, so it is the incident itself.
    const whole = incident({});
    expect(incidentsAsOf([whole], secondsOf('2026-10-03T12:00:00Z'))[0]).toBe(whole);
    const [m] = incidentsAsOf([incident({ updates: [] })], secondsOf('2026-10-03T10:40:00Z'));
    expect(m).toMatchObject({ status: 'monitoring', mitigated_at: '2026-10-03T10:40:00Z' });
  });

  it('an incident without some timestamps is read without them', () => {
    const [i] = incidentsAsOf([incident({ detected_at: undefined, acknowledged_at: undefined })], secondsOf('2026-10-03T11:30:00Z'));
    expect(i).toMatchObject({ status: 'monitoring', started_at: '2026-10-03T10:00:00Z', mitigated_at: '2026-10-03T10:40:00Z' });
    expect(i!.resolved_at).toBeUndefined();
  });

  it('a resolved incident with an update after asOf stays resolved, without that update', () => {
    const note = { at: '2026-10-04T09:00:00Z', text: 'postmortem published' };
    const i = incident({ updates: [...incident({}).updates, note] });
    const [seen] = incidentsAsOf([i], secondsOf('2026-10-03T18:00:00Z'));
    expect(seen).toMatchObject({ status: 'resolved', resolved_at: '2026-10-03T12:00:00Z' });
    expect(seen!.updates.map((u) => u.text)).toEqual(['found it', 'fixed', 'done']);
  });

  it('an incident still open keeps its own status, whatever its updates said by asOf', () => {
    const open = incident({ status: 'monitoring', resolved_at: undefined, updates: [{ at: '2026-10-03T10:15:00Z', status: 'identified', text: 'found it' }, { at: '2026-10-03T13:00:00Z', status: 'monitoring', text: 'fixed' }] });
    expect(incidentsAsOf([open], secondsOf('2026-10-03T11:00:00Z'))[0]!.status).toBe('monitoring');
  });

  it('the status at asOf is that of the last update that set one, other than resolved', () => {
    const i = incident({
      updates: [
        { at: '2026-10-03T10:15:00Z', status: 'identified', text: 'found it' },
        { at: '2026-10-03T10:20:00Z', text: 'still looking at the pool' },
        { at: '2026-10-03T11:00:00Z', status: 'monitoring', text: 'fixed' },
        { at: '2026-10-03T11:50:00Z', status: 'resolved', text: 'done, a little early' },
      ],
    });
    // At 10:30: identified (an update without a status changes nothing; before mitigation the default would be investigating).
    expect(incidentsAsOf([i], secondsOf('2026-10-03T10:30:00Z'))[0]!.status).toBe('identified');
    // At 11:55: monitoring; the resolved update does not resolve it, resolved_at (12:00) does.
    expect(incidentsAsOf([i], secondsOf('2026-10-03T11:55:00Z'))[0]!.status).toBe('monitoring');
  });
});
