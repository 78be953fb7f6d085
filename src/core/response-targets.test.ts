import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITIES, type SeverityConfig } from '../schemas/severity.ts';
import { nextBusinessDayDeadline, responseCompliance, responseOutcome, responseTargets } from './response-targets.ts';
import { at, makeIncident } from './test-fixtures.ts';

describe('nextBusinessDayDeadline', () => {
  it.each([
    { name: 'Friday afternoon is due by the end of Monday', t: '2026-10-02T15:00:00Z', due: '2026-10-06T00:00:00Z' },
    { name: 'Saturday is due by the end of Monday', t: '2026-10-03T09:00:00Z', due: '2026-10-06T00:00:00Z' },
    { name: 'Sunday is due by the end of Monday', t: '2026-10-04T23:59:00Z', due: '2026-10-06T00:00:00Z' },
    { name: 'Monday morning is due by the end of Tuesday', t: '2026-10-05T10:00:00Z', due: '2026-10-07T00:00:00Z' },
    { name: 'Thursday December 31 is due by the end of Friday January 1 (no holidays)', t: '2026-12-31T08:00:00Z', due: '2027-01-02T00:00:00Z' },
    { name: 'a time given with an offset uses its UTC date', t: '2026-10-03T01:00:00+02:00', due: '2026-10-06T00:00:00Z' },
  ])('$name', ({ t, due }) => {
    expect(nextBusinessDayDeadline(at(t))).toBe(at(due));
  });
});

describe('responseOutcome', () => {
  const asOf = at('2026-10-10T00:00:00Z');
  const cfg = DEFAULT_SEVERITIES;
  it.each([
    { name: 'a SEV1 acknowledged 15 minutes after detection met its 15m target', over: { severity: 'SEV1', detected_at: '2026-10-03T10:05:00Z', acknowledged_at: '2026-10-03T10:20:00Z' }, out: 'met' },
    { name: 'a SEV1 acknowledged 16 minutes after detection missed it', over: { severity: 'SEV1', detected_at: '2026-10-03T10:05:00Z', acknowledged_at: '2026-10-03T10:21:00Z' }, out: 'missed' },
    { name: 'without detected_at the clock starts at started_at', over: { severity: 'SEV1', acknowledged_at: '2026-10-03T10:16:00Z' }, out: 'missed' },
    { name: 'a SEV4 detected on Friday and acknowledged Monday met next-business-day', over: { severity: 'SEV4', detected_at: '2026-10-02T15:00:00Z', started_at: '2026-10-02T14:00:00Z', acknowledged_at: '2026-10-05T17:00:00Z', resolved_at: '2026-10-05T18:00:00Z' }, out: 'met' },
    { name: 'a SEV4 acknowledged on Tuesday after a Friday detection missed it', over: { severity: 'SEV4', detected_at: '2026-10-02T15:00:00Z', started_at: '2026-10-02T14:00:00Z', acknowledged_at: '2026-10-06T00:00:01Z', resolved_at: '2026-10-06T01:00:00Z' }, out: 'missed' },
    { name: 'an open incident never acknowledged past its target missed it', over: { severity: 'SEV2', status: 'investigating', resolved_at: undefined }, out: 'missed' },
    { name: 'a closed incident with no acknowledged_at on record is unknown', over: { severity: 'SEV2' }, out: 'unknown' },
  ])('$name', ({ over, out }) => {
    expect(responseOutcome(makeIncident(over), cfg, asOf)).toBe(out);
  });

  it('an open incident not yet acknowledged but within its target is unknown', () => {
    const i = makeIncident({ severity: 'SEV3', status: 'investigating', resolved_at: undefined });
    expect(responseOutcome(i, cfg, at('2026-10-03T11:00:00Z'))).toBe('unknown');
  });

  it('a severity with no configured level is unknown', () => {
    const only: SeverityConfig = { levels: [cfg.levels[0]!] };
    expect(responseOutcome(makeIncident({ severity: 'SEV3', acknowledged_at: '2026-10-03T10:01:00Z' }), only, asOf)).toBe('unknown');
  });
});

describe('responseTargets', () => {
  it('tallies every severity, including those with no incidents', () => {
    const incidents = [
      makeIncident({ id: 'a', severity: 'SEV1', acknowledged_at: '2026-10-03T10:10:00Z' }),
      makeIncident({ id: 'b', severity: 'SEV1', acknowledged_at: '2026-10-03T10:30:00Z' }),
      makeIncident({ id: 'c', severity: 'SEV1' }),
    ];
    const only: SeverityConfig = { levels: DEFAULT_SEVERITIES.levels.filter((l) => l.id !== 'SEV3') };
    const r = responseTargets(incidents, only, at('2026-10-10T00:00:00Z'));
    expect(r.SEV1).toEqual({ target: '15m', count: 3, met: 1, missed: 1, unknown: 1 });
    expect(r.SEV2).toEqual({ target: '1h', count: 0, met: 0, missed: 0, unknown: 0 });
    expect(r.SEV3.target).toBeNull();
    expect(r.SEV4.target).toBe('next-business-day');
  });
});

describe('responseCompliance', () => {
  it('6 met, 2 missed and 1 unknown is 75%; nothing known is null, not 100%', () => {
    expect(responseCompliance({ met: 6, missed: 2 })).toBe(0.75);
    expect(responseCompliance({ met: 0, missed: 0 })).toBeNull();
  });
});
