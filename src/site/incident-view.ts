/**
 * The incident page's view model: the public status updates as a timeline, what the incident
 * counts as in the outage figures, and the SLOs it hurt with the budget each lost (from each SLO
 * report's incidentBudget).
 */
import { outageKind, secondsOf } from '../core/index.ts';
import type { LoadedIncident } from '../adapters/content/load.ts';
import { count, duration, pct, utc } from './format.ts';
import type { SiteModel } from './model.ts';

export const OUTAGE_LABELS = { full: 'a full outage', partial: 'partial degradation', none: 'not an outage' } as const;

export interface TimelineEntry {
  at: string;
  datetime: string;
  /** investigating | identified | monitoring | resolved, or `update` when the update names none. */
  status: string;
  text: string;
  sinceStart: string;
}

export interface HurtSlo {
  id: string;
  name: string;
  url: string;
  periods: { period: string; bad: string; share: string }[];
}

export interface IncidentView {
  timeline: TimelineEntry[];
  outage: string;
  hurt: HurtSlo[];
}

export function incidentView(site: SiteModel, i: LoadedIncident, base: string): IncidentView {
  const start = secondsOf(i.started_at);
  const timeline = [...i.updates]
    .sort((a, b) => secondsOf(a.at) - secondsOf(b.at))
    .map((u) => ({ at: utc(u.at), datetime: new Date(secondsOf(u.at) * 1000).toISOString(), status: u.status ?? 'update', text: u.text, sinceStart: `+${duration(secondsOf(u.at) - start)}` }));
  const hurt = site.slos.flatMap((v): HurtSlo[] => {
    const shares = (v.report?.incidentBudget ?? []).filter((b) => b.incident === i.id && b.bad > 0);
    if (!shares.length) return [];
    return [{ id: v.slo.id, name: v.slo.name, url: `${base}slos/${v.slo.id}/`, periods: shares.map((b) => ({ period: b.period, bad: count(b.bad), share: pct(b.share, 1) })) }];
  });
  return { timeline, outage: OUTAGE_LABELS[outageKind(i, site.content.severities)], hurt };
}
