/**
 * Templates for `npm run new`: an incident record and a postmortem draft, as text, with what is
 * known filled in and `TODO` where a person must write. The TODOs that stand for a value (a
 * service id, a due date) are invalid on purpose, so `npm run check` fails until they are written.
 */
import type { Incident } from '../../../src/schemas/incident.ts';
import { TODO } from '../../../src/adapters/content/placeholders.ts';

/** Letters that lose no accent but have a usual spelling in plain Latin letters. */
const PLAIN: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * Lower-case kebab-case words of a title, at most six, accents dropped rather than the letters:
 * "DB failover: checkout down" -> "db-failover-checkout-down", "Zürich DC power loss" -> "zurich-dc-power-loss".
 */
export function slug(title: string): string {
  const plain = title.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[ßæœøłđðþı]/g, (c) => PLAIN[c]!);
  return plain.replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean).slice(0, 6).join('-');
}

/** A YAML scalar: quoted when plain YAML would read it as something else. */
const scalar = (s: string): string => (/^[\w .,()/-]+$/.test(s) && !/^[\d.-]/.test(s) && !/: | #/.test(s) ? s : JSON.stringify(s));

export interface NewIncident {
  id: string;
  title?: string;
  severity: string;
  services: string[];
  startedAt: string;
  /** Service ids that exist, listed in a comment to choose from. */
  knownServices: string[];
}

export function incidentTemplate(o: NewIncident): string {
  return [
    `id: ${o.id}`,
    `title: ${o.title ? scalar(o.title) : TODO.title}`,
    `severity: ${o.severity}                # SEV1 (critical) .. SEV4 (low)`,
    `services: [${o.services.length ? o.services.join(', ') : 'TODO'}]${o.knownServices.length ? `   # service ids: ${o.knownServices.join(', ')}` : ''}`,
    'status: investigating          # investigating | identified | monitoring | resolved',
    `started_at: ${o.startedAt}    # impact began`,
    '# detected_at, acknowledged_at, mitigated_at: add them as they happen;',
    '# resolved_at: required once status is resolved',
    `impact: ${TODO.impact}`,
    'customer_facing: true',
    'updates:',
    `  - at: ${o.startedAt}`,
    '    status: investigating',
    `    text: ${TODO.update}`,
    '',
  ].join('\n');
}

/** `2026-11-09T18:40:00Z` -> `2026-11-09 18:40`. */
const when = (iso: string): string => new Date(iso).toISOString().slice(0, 16).replace('T', ' ');

export function postmortemTemplate(incident: Incident, today: string): string {
  const events: [string, string][] = [
    [incident.started_at, 'Impact begins'],
    ...(incident.detected_at ? [[incident.detected_at, 'Detected'] as [string, string]] : []),
    ...(incident.acknowledged_at ? [[incident.acknowledged_at, 'Acknowledged by a responder'] as [string, string]] : []),
    ...incident.updates.map((u): [string, string] => [u.at, `Status update (${u.status}): ${u.text.replace(/\|/g, '\\|').replace(/\s+/g, ' ')}`]),
    ...(incident.mitigated_at ? [[incident.mitigated_at, 'Mitigated: customer impact stops'] as [string, string]] : []),
    ...(incident.resolved_at ? [[incident.resolved_at, 'Resolved'] as [string, string]] : []),
  ];
  events.sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]));
  return [
    '---',
    `title: ${scalar(incident.title)}`,
    `incidents: [${incident.id}]`,
    `authors: [${TODO.author}]`,
    'status: draft                 # draft | in-review | published',
    `date: ${today}`,
    '---',
    '',
    '## Summary',
    '',
    `${TODO.summary} ${incident.severity} on ${incident.services.join(', ')}.`,
    '',
    '## Impact',
    '',
    incident.impact.trim() || `${TODO.impact}.`,
    '',
    '## Timeline',
    '',
    'All times UTC.',
    '',
    '| Time | Event |',
    '| --- | --- |',
    ...events.map(([t, e]) => `| ${when(t)} | ${e} |`),
    '',
    '## Root cause',
    '',
    'TODO',
    '',
    '## Contributing factors',
    '',
    'TODO',
    '',
    '## What went well',
    '',
    'TODO',
    '',
    '## What went wrong',
    '',
    'TODO',
    '',
    '## Action items',
    '',
    '| Action | Owner | Due | Priority | Status |',
    '| --- | --- | --- | --- | --- |',
    '| TODO | TODO | TODO | P2 | open |',
    '',
    '## Lessons learned',
    '',
    'TODO',
    '',
  ].join('\n');
}
