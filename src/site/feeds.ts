/**
 * Atom feeds (RFC 4287) of the incidents and of the published postmortems, and the sitemap.
 * Pure: the site model and the public URL in, XML text out. Every date comes from the content
 * (an incident's last update, a postmortem's date), never the clock, so builds stay reproducible.
 * Without a public URL (SITREP_SITE) links are root-relative, which browsers and most readers
 * resolve against the feed's own address.
 */
import { isUnresolved, secondsOf } from '../core/index.ts';
import type { SiteModel } from './model.ts';
import { utc } from './format.ts';

export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  /** ISO time. */
  updated: string;
  published?: string;
  summary: string;
  categories: string[];
}

export interface Feed {
  id: string;
  title: string;
  /** The page the feed is about, and the feed's own address. */
  url: string;
  self: string;
  entries: FeedEntry[];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const iso = (t: string | number): string => new Date(typeof t === 'number' ? t * 1000 : secondsOf(t) * 1000).toISOString().replace('.000Z', 'Z');

/** An absolute URL under the public site when it is known, else the path. */
export const publicUrl = (path: string, site: URL | string | undefined): string => (site ? new URL(path, site).href : path);

/** The feed as Atom XML; `updated` is the newest entry's (or 1970 for an empty feed). */
export function atom(feed: Feed): string {
  const updated = feed.entries.map((e) => e.updated).sort().at(-1) ?? '1970-01-01T00:00:00Z';
  const entry = (e: FeedEntry) =>
    [
      '  <entry>',
      `    <id>${esc(e.id)}</id>`,
      `    <title>${esc(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${esc(e.url)}"/>`,
      `    <updated>${e.updated}</updated>`,
      ...(e.published ? [`    <published>${e.published}</published>`] : []),
      ...e.categories.map((c) => `    <category term="${esc(c)}"/>`),
      `    <summary type="text">${esc(e.summary)}</summary>`,
      '  </entry>',
    ].join('\n');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${esc(feed.id)}</id>`,
    `  <title>${esc(feed.title)}</title>`,
    `  <link rel="alternate" type="text/html" href="${esc(feed.url)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${esc(feed.self)}"/>`,
    `  <updated>${updated}</updated>`,
    '  <author><name>sitrep</name></author>',
    ...feed.entries.map(entry),
    '</feed>',
    '',
  ].join('\n');
}

/** A stable entry id that does not depend on where the site is hosted: `tag:sitrep,2026:incident/<id>`. */
const tag = (kind: string, id: string): string => `tag:sitrep,2026:${kind}/${id}`;

/** Incidents, newest first by their last change (resolution, or status update, or start). */
export function incidentsFeed(site: SiteModel, base: string, origin: URL | string | undefined): Feed {
  const entries = site.content.incidents.map((i): FeedEntry => {
    const times = [i.started_at, i.resolved_at, ...i.updates.map((u) => u.at)].filter((t): t is string => t !== undefined).map(secondsOf);
    const open = isUnresolved(i);
    return {
      id: tag('incident', i.id),
      title: `${i.severity} ${open ? `(${i.status}) ` : ''}${i.title}`,
      url: publicUrl(`${base}incidents/${i.id}/`, origin),
      updated: iso(Math.max(...times)),
      published: iso(i.started_at),
      summary: `${open ? `Ongoing since ${utc(i.started_at)}` : `Started ${utc(i.started_at)}, resolved ${utc(i.resolved_at)}`}. Services: ${i.services.map(site.serviceName).join(', ')}.${i.impact ? ` ${i.impact.trim()}` : ''}`,
      categories: [i.severity, ...i.services],
    };
  });
  entries.sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id));
  return { id: tag('feed', 'incidents'), title: `${site.content.site.title}: incidents`, url: publicUrl(`${base}incidents/`, origin), self: publicUrl(`${base}feeds/incidents.xml`, origin), entries };
}

/** Published postmortems, newest first by date. */
export function postmortemsFeed(site: SiteModel, base: string, origin: URL | string | undefined): Feed {
  const entries = site.content.postmortems
    .filter((p) => p.status === 'published')
    .map((p): FeedEntry => ({
      id: tag('postmortem', p.id),
      title: p.title,
      url: publicUrl(`${base}postmortems/${p.id}/`, origin),
      updated: iso(`${p.date}T00:00:00Z`),
      published: iso(`${p.date}T00:00:00Z`),
      summary: `Postmortem by ${p.authors.join(', ')} of ${p.incidents.map((id) => site.incidentsById.get(id)?.title ?? id).join('; ')}.`,
      categories: p.incidents,
    }))
    .sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id));
  return { id: tag('feed', 'postmortems'), title: `${site.content.site.title}: postmortems`, url: publicUrl(`${base}postmortems/`, origin), self: publicUrl(`${base}feeds/postmortems.xml`, origin), entries };
}

/** sitemap.xml of these page paths (sorted, once each). */
export function sitemap(paths: readonly string[], origin: URL | string | undefined): string {
  const urls = [...new Set(paths)].sort().map((p) => `  <url><loc>${esc(publicUrl(p, origin))}</loc></url>`);
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n');
}
