import { describe, expect, it } from 'vitest';
import { at, constantSeries, makeSlo } from './test-fixtures.ts';
import { buildSloReport } from './report.ts';
import { reportPeriodAt, sloWindowAt } from './periods.ts';
import { isTimeZone, zonedPeriodOf, zoneOffset } from './zoned-periods.ts';

describe('calendar periods in a time zone', () => {
  it('New York is 5 hours behind UTC in January and 4 in July', () => {
    expect(zoneOffset('America/New_York', at('2026-01-15T12:00:00Z'))).toBe(-18_000);
    expect(zoneOffset('America/New_York', at('2026-07-15T12:00:00Z'))).toBe(-14_400);
    expect(zoneOffset('Asia/Kolkata', at('2026-07-15T12:00:00Z'))).toBe(19_800);
  });

  it('October 2026 in New York runs from 04:00Z on the 1st to 04:00Z on 1 November: 31 days', () => {
    const p = zonedPeriodOf('month', at('2026-10-15T00:00:00Z'), 'America/New_York');
    expect(p).toEqual({ kind: 'month', key: '2026-10', from: at('2026-10-01T04:00:00Z'), to: at('2026-11-01T04:00:00Z') });
  });

  it('November 2026 in New York is 30 days and one hour long: the clocks go back on 1 November', () => {
    const p = zonedPeriodOf('month', at('2026-11-10T00:00:00Z'), 'America/New_York');
    expect([p.from, p.to]).toEqual([at('2026-11-01T04:00:00Z'), at('2026-12-01T05:00:00Z')]);
    expect(p.to - p.from).toBe(30 * 86_400 + 3_600);
  });

  it('the first hours of 1 November UTC still belong to New York\'s October', () => {
    expect(zonedPeriodOf('month', at('2026-11-01T03:59:59Z'), 'America/New_York').key).toBe('2026-10');
    expect(zonedPeriodOf('quarter', at('2026-10-01T03:00:00Z'), 'America/New_York')).toMatchObject({ key: '2026-Q3', from: at('2026-07-01T04:00:00Z'), to: at('2026-10-01T04:00:00Z') });
  });

  it('a report at the zone\'s month boundary reports the month that just ended', () => {
    expect(reportPeriodAt('month', at('2026-11-01T04:00:00Z'), 'America/New_York').key).toBe('2026-10');
  });

  it('an SLO window over a New York month starts at its local midnight; without a zone, at UTC midnight', () => {
    const asOf = at('2026-10-20T00:00:00Z');
    expect(sloWindowAt('month', asOf, 'America/New_York')).toMatchObject({ from: at('2026-10-01T04:00:00Z'), to: asOf, lengthSeconds: 31 * 86_400 });
    expect(sloWindowAt('month', asOf).from).toBe(at('2026-10-01T00:00:00Z'));
  });

  it('knows IANA names and refuses others', () => {
    expect([isTimeZone('America/New_York'), isTimeZone('UTC'), isTimeZone('Mars/Olympus')]).toEqual([true, true, false]);
  });

  it('an SLO report and its budget burndown use the SLO\'s time zone', () => {
    const asOf = at('2026-10-20T00:00:00Z');
    const series = constantSeries(at('2026-09-01T00:05:00Z'), 300, 14_000, 100);
    const ny = buildSloReport(makeSlo({ window: 'month', time_zone: 'America/New_York' }), series, asOf);
    expect([ny.from, ny.to]).toEqual(['2026-10-01T04:00:00.000Z', '2026-10-20T00:00:00.000Z']);
    expect(buildSloReport(makeSlo({ window: 'month' }), series, asOf).from).toBe('2026-10-01T00:00:00.000Z');
  });
});
