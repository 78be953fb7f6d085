import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentError, type ContentError } from '../../src/adapters/content/errors.ts';
import type { Content } from '../../src/adapters/content/load.ts';
import { YamlSource, type PathKey } from '../../src/adapters/content/yaml-source.ts';
import { INCIDENT_TIMESTAMPS } from '../../src/schemas/incident.ts';

/** Clocks disagree a little: a time up to 5 minutes ahead is not reported. */
const SLACK_SECONDS = 300;

const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

/**
 * Times in the future, as warnings at `file:line:col field`: an incident time after `now` (a typo
 * in the year, a wrong offset) or a snapshot that ends after `now`. They are not errors: the site
 * still shows every incident (see incidentHorizon in src/site/as-of.ts), but such a time would
 * also move the report time of a build without --as-of.
 */
export async function futureTimes(root: string, content: Content, now: number): Promise<ContentError[]> {
  const out: ContentError[] = [];
  for (const incident of content.incidents) {
    const found: { path: PathKey[]; value: string }[] = [];
    for (const k of INCIDENT_TIMESTAMPS) if (incident[k] !== undefined) found.push({ path: [k], value: incident[k]! });
    incident.updates.forEach((u, i) => found.push({ path: ['updates', i, 'at'], value: u.at }));
    const ahead = found.filter((f) => Date.parse(f.value) / 1000 > now + SLACK_SECONDS);
    if (!ahead.length) continue;
    const source = new YamlSource(incident.file, await readFile(join(root, incident.file), 'utf8'));
    for (const f of ahead) {
      const at = source.locate(f.path);
      out.push(contentError(incident.file, at.line, at.column, f.path.join('.'), `warning: ${f.value} is in the future (now is ${iso(now)}): a typo in the date?`));
    }
  }
  for (const [id, s] of content.snapshots) {
    const end = s.start + (s.series.total.length - 1) * s.step;
    if (end > now + SLACK_SECONDS) out.push(contentError(`data/snapshots/${id}.json`, 1, 1, '', `warning: the data ends at ${iso(end)}, in the future (now is ${iso(now)})`));
  }
  return out;
}
