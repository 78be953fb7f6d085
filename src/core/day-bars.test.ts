import { describe, expect, it } from 'vitest';
import { dayBars, dayStart, incidentCalendar, lastDays } from './day-bars.ts';
import { at, makeIncident } from './test-fixtures.ts';
import { DEFAULT_SEVERITIES } from '../schemas/severity.ts';
import { maintenanceSchema } from '../schemas/maintenance.ts';
import { DAY } from './periods.ts';

const asOf = at('2026-11-15T00:00:00Z');

describe('lastDays', () => {
  it('ends with the day that just ended when asOf is midnight, and with the running day otherwise', () => {
    const d = lastDays(asOf, 90);
    expect(d).toHaveLength(90);
    expect(d[89]).toEqual({ from: at('2026-11-14T00:00:00Z'), to: asOf });
    expect(d[0]!.from).toBe(at('2026-08-17T00:00:00Z'));
    expect(lastDays(at('2026-11-15T06:00:00Z'), 2)).toEqual([{ from: at('2026-11-14T00:00:00Z'), to: at('2026-11-15T00:00:00Z') }, { from: at('2026-11-15T00:00:00Z'), to: at('2026-11-15T06:00:00Z') }]);
    expect(dayStart(at('2026-11-15T06:00:00Z'))).toBe(at('2026-11-15T00:00:00Z'));
  });
});

describe('dayBars', () => {
  const incidents = [
    makeIncident({ id: 'down', severity: 'SEV1', customer_facing: true, started_at: '2026-10-27T18:14:00Z', mitigated_at: '2026-10-27T19:06:00Z', resolved_at: '2026-10-27T20:12:00Z' }),
    makeIncident({ id: 'slow', severity: 'SEV3', customer_facing: true, started_at: '2026-11-02T23:30:00Z', resolved_at: '2026-11-03T00:30:00Z' }),
    makeIncident({ id: 'internal', severity: 'SEV1', customer_facing: false, started_at: '2026-11-05T10:00:00Z', resolved_at: '2026-11-05T11:00:00Z' }),
    makeIncident({ id: 'emails', severity: 'SEV4', customer_facing: true, started_at: '2026-11-12T05:50:00Z', resolved_at: '2026-11-12T10:00:00Z' }),
    makeIncident({ id: 'elsewhere', services: ['search'], severity: 'SEV1', customer_facing: true, started_at: '2026-11-06T10:00:00Z', resolved_at: '2026-11-06T11:00:00Z' }),
  ];
  const maintenance = [maintenanceSchema.parse({ id: 'upgrade', title: 'Upgrade', services: ['checkout'], planned_start: '2026-11-08T02:00:00Z', planned_end: '2026-11-08T03:00:00Z' })];
  const [checkout, payments] = dayBars(['checkout', 'payments'], incidents, maintenance, DEFAULT_SEVERITIES, asOf);
  const bar = (date: string) => checkout!.bars.find((b) => b.date === date)!;

  it('colours each day by the worst that happened: outage, major (partial), minor (no outage), none', () => {
    expect(checkout!.bars).toHaveLength(90);
    expect(bar('2026-10-27')).toMatchObject({ level: 'outage', outageMinutes: 52, partialMinutes: 0, incidents: ['down'] });
    expect(bar('2026-11-02')).toMatchObject({ level: 'major', partialMinutes: 30, incidents: ['slow'] });
    expect(bar('2026-11-03')).toMatchObject({ level: 'major', partialMinutes: 30, incidents: ['slow'] });
    expect(bar('2026-11-05')).toMatchObject({ level: 'minor', outageMinutes: 0, incidents: ['internal'] });
    expect(bar('2026-11-12')).toMatchObject({ level: 'minor', incidents: ['emails'] });
    expect(bar('2026-11-06')).toMatchObject({ level: 'none', incidents: [] });
    expect(checkout!.bars.filter((b) => b.level !== 'none')).toHaveLength(5);
  });

  it('lists maintenance on its day, apart from the level', () => {
    expect(bar('2026-11-08')).toMatchObject({ level: 'none', maintenance: ['upgrade'] });
    expect(checkout!.bars.filter((b) => b.maintenance.length > 0)).toHaveLength(1);
  });

  it('90-day availability: one 52-minute full outage is 1 − 3,120 s / 7,776,000 s = 99.9599%', () => {
    expect(checkout!.availability).toBeCloseTo(1 - 3120 / (90 * DAY), 12);
    expect(checkout!.outageMinutes).toBe(52);
    expect(checkout!.partialMinutes).toBe(60);
    expect(payments).toMatchObject({ availability: 1, outageMinutes: 0, partialMinutes: 0 });
    expect(payments!.bars.every((b) => b.level === 'none')).toBe(true);
  });

  it('runs an open incident to asOf, and lists two incidents of one start by id', () => {
    const open = makeIncident({ id: 'b-open', status: 'investigating', started_at: '2026-11-13T10:00:00Z', resolved_at: undefined });
    const same = makeIncident({ id: 'a-same', started_at: '2026-11-13T10:00:00Z', resolved_at: '2026-11-13T10:30:00Z' });
    const [s] = dayBars(['checkout'], [open, same], [], DEFAULT_SEVERITIES, asOf, 3);
    expect(s!.bars.map((b) => [b.date, b.incidents])).toEqual([['2026-11-12', []], ['2026-11-13', ['a-same', 'b-open']], ['2026-11-14', ['b-open']]]);
  });

  it('marks the day of an incident that started and ended at the same instant', () => {
    const blip = makeIncident({ id: 'blip', started_at: '2026-11-10T10:00:00Z', resolved_at: '2026-11-10T10:00:00Z' });
    const [s] = dayBars(['checkout'], [blip], [], DEFAULT_SEVERITIES, asOf, 7);
    expect(s!.bars.find((b) => b.date === '2026-11-10')).toMatchObject({ level: 'minor', incidents: ['blip'] });
  });
});

describe('incidentCalendar', () => {
  it('counts incidents by the day they started and full-outage minutes per day, over a year', () => {
    const incidents = [
      makeIncident({ id: 'a', severity: 'SEV1', customer_facing: true, started_at: '2026-10-27T23:30:00Z', resolved_at: '2026-10-28T00:30:00Z' }),
      makeIncident({ id: 'b', severity: 'SEV3', started_at: '2026-10-27T10:00:00Z', resolved_at: '2026-10-27T11:00:00Z' }),
    ];
    const cal = incidentCalendar(incidents, DEFAULT_SEVERITIES, asOf);
    expect(cal).toHaveLength(365);
    expect(cal.at(-1)!.date).toBe('2026-11-14');
    expect(cal.find((d) => d.date === '2026-10-27')).toEqual({ date: '2026-10-27', incidents: 2, outageMinutes: 30 });
    expect(cal.find((d) => d.date === '2026-10-28')).toEqual({ date: '2026-10-28', incidents: 0, outageMinutes: 30 });
  });
});
