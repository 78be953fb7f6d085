/**
 * Runbooks as on-call finds them: who owns each, when it was last reviewed (its `last_reviewed`
 * date or its last commit, whichever is later; see review.ts), whether it is due for review
 * (`review_after_days` in content/site.yaml, default 90), and what points at it. Pointing at a
 * runbook means sending a reader there:
 * - an SLO whose `runbook` is this one (or, for OpenSLO, its `sitrep.dev/runbook` annotation);
 * - the burn-rate alerts `npm run rules` generates for those SLOs, whose `runbook_url` is this page;
 * - the services of those SLOs, and a service whose `links` go to this runbook's page.
 * A runbook nothing points at is orphaned: no page or alert sends anyone to it. Its own `covers`
 * list is what it claims to cover, not a pointer to it. Pure; no Astro.
 */
import { ALERT_NAME } from '../adapters/rules/prometheus-rules.ts';
import { alertPlan, compareNames } from '../core/index.ts';
import type { LoadedRunbook } from '../adapters/content/documents.ts';
import { plural, utc } from './format.ts';
import { perBuild } from './per-build.ts';
import { reviewState, type ReviewState } from './review.ts';
import type { SiteModel } from './model.ts';

export interface Ref {
  id: string;
  name: string;
  url: string;
}

export interface RunbookRefs {
  slos: Ref[];
  /** `ErrorBudgetBurn` alerts by SLO, each with its four severities (page-fast, ...). */
  alerts: { name: string; slo: string; severities: string[] }[];
  services: (Ref & { via: 'slo' | 'link' })[];
  orphaned: boolean;
  /** "1 SLO, 4 alerts, 1 service", or "nothing". */
  summary: string;
}

export interface RunbookView {
  id: string;
  title: string;
  url: string;
  service: Ref;
  owner: string;
  /** "2026-11-03 (marked reviewed)" or "2026-10-12 09:14 UTC (changed)". */
  lastReviewed: string;
  review: ReviewState;
  /** "due for review: 120 days since the last review (every 90 days)", or null. */
  stale: string | null;
  covers: { slos: Ref[]; alerts: string[] };
  refs: RunbookRefs;
}

/** The runbook id a URL goes to (`…/runbooks/<id>/`, with or without the slash), or undefined. */
const runbookOfUrl = (url: string): string | undefined => /\/runbooks\/([^/?#]+)\/?(?:[?#].*)?$/.exec(url)?.[1];

/** What points at each runbook, built once: the SLOs naming it, the services linking to it. */
interface Pointers {
  slos: Map<string, SiteModel['content']['slos']>;
  links: Map<string, SiteModel['content']['services']>;
}

function pointers(site: SiteModel): Pointers {
  const slos: Pointers['slos'] = new Map();
  for (const s of site.content.slos) if (s.runbook) slos.set(s.runbook, [...(slos.get(s.runbook) ?? []), s]);
  const links: Pointers['links'] = new Map();
  for (const s of site.content.services) {
    for (const id of new Set(s.links.map((l) => runbookOfUrl(l.url)).filter((x) => x !== undefined))) links.set(id, [...(links.get(id) ?? []), s]);
  }
  return { slos, links };
}

function refsOf(site: SiteModel, rb: LoadedRunbook, base: string, to: Pointers): RunbookRefs {
  const slos = [...(to.slos.get(rb.id) ?? [])].sort((a, b) => a.id.localeCompare(b.id));
  const services = new Map<string, Ref & { via: 'slo' | 'link' }>();
  for (const s of slos) services.set(s.service, { id: s.service, name: site.serviceName(s.service), url: `${base}services/${s.service}/`, via: 'slo' });
  for (const s of to.links.get(rb.id) ?? []) {
    if (!services.has(s.id)) services.set(s.id, { id: s.id, name: s.name, url: `${base}services/${s.id}/`, via: 'link' });
  }
  // The alerts `npm run rules` writes for each SLO: the four defaults less those turned off, or the SLO's own.
  const plans = slos.map((s) => ({ s, alerts: alertPlan(s, 300).map((p) => p.alert) }));
  const alerts = plans.reduce((n, p) => n + p.alerts.length, 0);
  return {
    summary: slos.length + services.size === 0 ? 'nothing' : `${plural(slos.length, 'SLO')}, ${plural(alerts, 'alert')}, ${plural(services.size, 'service')}`,
    slos: slos.map((s) => ({ id: s.id, name: s.name, url: `${base}slos/${s.id}/` })),
    alerts: plans.map(({ s, alerts: names }) => ({ name: s.alerting.name ?? ALERT_NAME, slo: s.id, severities: names })),
    services: [...services.values()].sort((a, b) => a.id.localeCompare(b.id)),
    orphaned: slos.length === 0 && services.size === 0,
  };
}

const views = perBuild<RunbookView[]>();

/** Every runbook, by service then title; computed once per build (each runbook page reads it). */
export function runbookViews(site: SiteModel, base: string): RunbookView[] {
  return views(site, base, () => computeViews(site, base));
}

function computeViews(site: SiteModel, base: string): RunbookView[] {
  const after = site.content.site.review_after_days;
  const to = pointers(site);
  const slos = new Map(site.content.slos.map((s) => [s.id, s]));
  return [...site.content.runbooks]
    .sort((a, b) => compareNames(site.serviceName(a.service), site.serviceName(b.service)) || compareNames(a.service, b.service) || compareNames(a.title, b.title) || compareNames(a.id, b.id))
    .map((rb): RunbookView => {
      const review = reviewState(rb.last_reviewed, site.history.files.get(rb.file)?.updated.date, site.asOf, after);
      return {
        id: rb.id,
        title: rb.title,
        url: `${base}runbooks/${rb.id}/`,
        service: { id: rb.service, name: site.serviceName(rb.service), url: `${base}services/${rb.service}/` },
        owner: rb.owner,
        lastReviewed: review.at === null ? '—' : `${review.by === 'marked reviewed' ? review.at.slice(0, 10) : utc(review.at)} (${review.by})`,
        review,
        stale: review.due ? `due for review: ${review.ageDays} days since the last review (every ${after} days)` : null,
        covers: {
          slos: rb.covers.slos.map((id) => ({ id, name: slos.get(id)?.name ?? id, url: `${base}slos/${id}/` })),
          alerts: [...rb.covers.alerts],
        },
        refs: refsOf(site, rb, base, to),
      };
    });
}
