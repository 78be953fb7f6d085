/**
 * Replayed alerts as a reader of the SLO page meets them: one alert that stops and fires again
 * within its reset time is one episode, not several rows. The reset time of a burn-rate alert is
 * its long window: until the long window has moved past the burn, a new firing is the same burn
 * showing again (Alertmanager would have kept one notification open too).
 * Example: page-fast (1h long window) firing 10:00-10:20 and again 10:50-11:05 is one episode
 * 10:00-11:05 fired twice; firing again at 12:30 starts a second episode.
 */
import type { AlertName, AlertSeverity } from './alerts.ts';
import { secondsOf } from './periods.ts';
import type { AlertReport } from './report.ts';

export interface AlertEpisode {
  alert: AlertName;
  severity: AlertSeverity;
  /** ISO times: the first firing's start, the last firing's end. */
  from: string;
  to: string;
  /** Firings merged into this episode (1 when it fired once). */
  firings: number;
  /** Seconds the alert was firing within the episode (the sum of its firings). */
  firingSeconds: number;
  peakBurnRate: number;
  open: boolean;
  /** Incidents that explain any of its firings, once each, in order of first mention. */
  incidents: string[];
}

/** Merge each alert's firings whose gap is at most `resetSeconds(alert)`; episodes by start, then alert order. */
export function alertEpisodes(alerts: readonly AlertReport[], resetSeconds: (alert: AlertName) => number): AlertEpisode[] {
  const out: AlertEpisode[] = [];
  const last = new Map<AlertName, AlertEpisode>();
  const sorted = alerts.map((a, i) => ({ a, i })).sort((x, y) => secondsOf(x.a.from) - secondsOf(y.a.from) || x.i - y.i);
  for (const { a } of sorted) {
    const seconds = secondsOf(a.to) - secondsOf(a.from);
    const prev = last.get(a.alert);
    if (prev && secondsOf(a.from) - secondsOf(prev.to) <= resetSeconds(a.alert)) {
      prev.to = a.to;
      prev.firings++;
      prev.firingSeconds += seconds;
      prev.peakBurnRate = Math.max(prev.peakBurnRate, a.peakBurnRate);
      prev.open = a.open;
      for (const id of a.incidents) if (!prev.incidents.includes(id)) prev.incidents.push(id);
      continue;
    }
    const episode: AlertEpisode = { alert: a.alert, severity: a.severity, from: a.from, to: a.to, firings: 1, firingSeconds: seconds, peakBurnRate: a.peakBurnRate, open: a.open, incidents: [...new Set(a.incidents)] };
    out.push(episode);
    last.set(a.alert, episode);
  }
  return out;
}
