/**
 * The incident page's view model: the public status updates as a timeline, what the incident
 * counts as in the outage figures, and the SLOs it hurt with the budget each lost (from each SLO
 * report's incidentBudget).
 */
import { isUnresolved, outageKind, secondsOf } from '../core/index.ts';
import type { LoadedIncident } from '../adapters/content/load.ts';
import { count, duration, pct, utc } from './format.ts';
import type { SiteModel, SloView } from './model.ts';
import { perBuild } from './per-build.ts';

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
  const hurt = (budgetByIncident(site).get(i.id) ?? []).map(({ view: v, shares }) => ({
    id: v.slo.id,
    name: v.slo.name,
    url: `${base}slos/${v.slo.id}/`,
    periods: shares.map((b) => ({ period: b.period, bad: count(b.bad), share: pct(b.share, 1) })),
  }));
  return { timeline, outage: OUTAGE_LABELS[outageKind(i, site.content.severities)], hurt };
}

type IncidentShare = NonNullable<SloView['report']>['incidentBudget'][number];
type HurtIndex = Map<string, { view: SloView; shares: IncidentShare[] }[]>;
const budgetIndexes = perBuild<HurtIndex>();

/**
 * Per incident id, the SLOs (in site order) it spent budget of, with the spending per period:
 * one pass over every SLO report per build, not one per incident page.
 */
function budgetByIncident(site: SiteModel): HurtIndex {
  return budgetIndexes(site, '', () => {
    const index: HurtIndex = new Map();
    for (const view of site.slos) {
      const mine = new Map<string, IncidentShare[]>();
      for (const b of view.report?.incidentBudget ?? []) if (b.bad > 0) (mine.get(b.incident) ?? mine.set(b.incident, []).get(b.incident)!).push(b);
      for (const [incident, shares] of mine) (index.get(incident) ?? index.set(incident, []).get(incident)!).push({ view, shares });
    }
    return index;
  });
}

/** How many of the newest resolved incidents /incidents/ lists; the rest are in the paginated history. */
export const LATEST_INCIDENTS = 50;

/**
 * The incidents /incidents/ lists: every unresolved one, then the newest resolved ones, newest
 * first; `more` is how many older ones are left to the incident history (/outages/).
 */
export function incidentList(incidents: readonly LoadedIncident[], limit = LATEST_INCIDENTS): { open: LoadedIncident[]; latest: LoadedIncident[]; more: number } {
  const newestFirst = [...incidents].sort((a, b) => secondsOf(b.started_at) - secondsOf(a.started_at) || b.id.localeCompare(a.id));
  const open = newestFirst.filter(isUnresolved);
  const resolved = newestFirst.filter((i) => !isUnresolved(i));
  return { open, latest: resolved.slice(0, limit), more: Math.max(0, resolved.length - limit) };
}
