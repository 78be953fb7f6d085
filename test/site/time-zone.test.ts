/** The site-wide time zone of content/site.yaml: times shown with their zone, a bad zone a check error. */
import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { formatError } from '../../src/adapters/content/errors.ts';
import { loadContent } from '../../src/adapters/content/load.ts';
import { setTimeZone, timeIn, timeZone, utc } from '../../src/site/format.ts';
import { buildModel } from '../../src/site/model.ts';
import { MINIMAL, fixture } from '../helpers/fixture.ts';

afterEach(() => setTimeZone('UTC'));

describe('times with their zone', () => {
  it('2026-10-03T09:12:30Z is 09:12 UTC, 11:12 CEST in Berlin, 05:12 EDT in New York and 14:42 GMT+5:30 in Kolkata', () => {
    expect(timeIn('2026-10-03T09:12:30Z', 'UTC')).toBe('2026-10-03 09:12 UTC');
    expect(timeIn('2026-10-03T09:12:30Z', 'Europe/Berlin')).toBe('2026-10-03 11:12 CEST');
    expect(timeIn('2026-10-03T09:12:30Z', 'America/New_York')).toBe('2026-10-03 05:12 EDT');
    expect(timeIn('2026-10-03T09:12:30Z', 'Asia/Kolkata')).toBe('2026-10-03 14:42 GMT+5:30');
  });

  it('crosses the date line and winter time: 2026-12-31T23:30Z is 2027-01-01 00:30 CET in Berlin', () => {
    expect(timeIn(Date.parse('2026-12-31T23:30:00Z') / 1000, 'Europe/Berlin')).toBe('2027-01-01 00:30 CET');
  });

  it('pages show times in UTC by default, and in the zone content/site.yaml sets', async () => {
    await buildModel(MINIMAL, { SITREP_AS_OF: '2026-11-01T00:00:00Z' }, { history: false });
    expect(timeZone()).toBe('UTC');
    expect(utc('2026-10-03T09:12:00Z')).toBe('2026-10-03 09:12 UTC');
    const fx = await fixture({ 'content/site.yaml': 'title: Test\ntime_zone: Europe/Berlin\n' });
    await buildModel(fx.root, { SITREP_AS_OF: '2026-11-01T00:00:00Z' }, { history: false });
    await fx.cleanup();
    expect(timeZone()).toBe('Europe/Berlin');
    expect(utc('2026-10-03T09:12:00Z')).toBe('2026-10-03 11:12 CEST');
  });

  it('an unknown zone is an error at its line in content/site.yaml', async () => {
    const fx = await fixture({ 'content/site.yaml': 'title: Test\ntime_zone: Mars/Olympus\n' });
    const { errors } = await loadContent(fx.root);
    await fx.cleanup();
    expect(errors.map(formatError).join('\n')).toContain('content/site.yaml:2:12 time_zone: must be an IANA time zone, e.g. UTC or Europe/Berlin');
  });
});

describe('charts', () => {
  it('draw the same bytes whatever the build machine’s time zone: their time axes are in UTC', async () => {
    const draw = (tz: string) =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, [new URL('../helpers/render-chart.ts', import.meta.url).pathname], { env: { ...process.env, TZ: tz } }, (e, out) => (e ? reject(e) : resolve(out))),
      );
    const [inUtc, newYork, tokyo] = await Promise.all(['UTC', 'America/New_York', 'Asia/Tokyo'].map(draw));
    // The first Monday, as UTC names it (New York's own zone would call that midnight Oct 04).
    expect(inUtc).toContain('>Oct 05<');
    expect(newYork).toBe(inUtc);
    expect(tokyo).toBe(inUtc);
  });
});
