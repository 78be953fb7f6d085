import { describe, expect, it } from 'vitest';
import { alertEpisodes } from './alert-episodes.ts';
import type { AlertReport } from './report.ts';

const fire = (alert: AlertReport['alert'], from: string, to: string, incidents: string[] = [], peak = 20): AlertReport => ({
  alert,
  severity: alert.startsWith('page') ? 'page' : 'ticket',
  from: `2026-10-03T${from}:00Z`,
  to: `2026-10-03T${to}:00Z`,
  peakBurnRate: peak,
  open: false,
  incidents,
});
const LONG: Record<string, number> = { 'page-fast': 3600, 'page-slow': 6 * 3600, 'ticket-fast': 86_400, 'ticket-slow': 3 * 86_400 };

describe('alertEpisodes', () => {
  it('page-fast firing 10:00-10:20 and 10:50-11:05 within its 1h window is one episode fired twice; at 12:30 it starts another', () => {
    const e = alertEpisodes([fire('page-fast', '10:00', '10:20', ['inc-1'], 15), fire('page-fast', '10:50', '11:05', ['inc-1', 'inc-2'], 30), fire('page-fast', '12:30', '12:40')], (a) => LONG[a]!);
    expect(e.map((x) => [x.from.slice(11, 16), x.to.slice(11, 16), x.firings, x.firingSeconds, x.peakBurnRate, x.incidents])).toEqual([
      ['10:00', '11:05', 2, 35 * 60, 30, ['inc-1', 'inc-2']],
      ['12:30', '12:40', 1, 600, 20, []],
    ]);
  });

  it('a gap of exactly the reset time still merges; other alerts never merge with it', () => {
    const e = alertEpisodes([fire('page-fast', '10:00', '10:20'), fire('page-slow', '10:30', '10:40'), fire('page-fast', '11:20', '11:30')], (a) => LONG[a]!);
    expect(e.map((x) => [x.alert, x.firings])).toEqual([['page-fast', 2], ['page-slow', 1]]);
  });

  it('an episode is still firing when its last firing is', () => {
    const e = alertEpisodes([fire('ticket-fast', '01:00', '02:00'), { ...fire('ticket-fast', '05:00', '06:00'), open: true }], (a) => LONG[a]!);
    expect(e).toHaveLength(1);
    expect(e[0]!.open).toBe(true);
  });
});
