import { INCIDENT_TIMESTAMPS } from '../../schemas/incident.ts';
import { contentError, type ContentError } from './errors.ts';
import type { Entry, Locator } from './documents.ts';
import type { Entries } from './load.ts';
import type { PathKey } from './yaml-source.ts';
import { basename, extname } from 'node:path';

function err(errors: ContentError[], file: string, at: Locator, path: readonly PathKey[], message: string): void {
  const p = at(path);
  errors.push(contentError(file, p.line, p.column, path.join('.'), message));
}

/** Report every id used more than once; the first use is named in the message. */
function unique(errors: ContentError[], kind: string, items: { id: string; file: string; at: Locator; path: PathKey[] }[]): void {
  const first = new Map<string, { file: string; line: number }>();
  for (const it of items) {
    const seen = first.get(it.id);
    if (seen) err(errors, it.file, it.at, it.path, `duplicate ${kind} id "${it.id}": already used in ${seen.file}:${seen.line}`);
    else first.set(it.id, { file: it.file, line: it.at(it.path).line });
  }
}

/** The file name (without extension) must be the id, so URLs and files can be found from each other. */
function idMatchesFile(errors: ContentError[], e: Entry<{ id: string }>): void {
  const name = basename(e.file, extname(e.file));
  if (name !== e.value.id) err(errors, e.file, e.at, ['id'], `is "${e.value.id}" but the file is named ${basename(e.file)}: rename one so they match`);
}

/** Levenshtein distance: the number of one-character edits from a to b. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

/** A hint naming the closest known ids: a few typos away, or one containing the other. */
export function nearest(id: string, known: Iterable<string>): string {
  const limit = Math.max(2, Math.floor(id.length / 4));
  const ranked = [...known]
    .map((k) => ({ k, d: k.includes(id) || id.includes(k) ? Math.min(limit, Math.abs(k.length - id.length)) : editDistance(id, k) }))
    .filter((c) => c.d <= limit)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k));
  return ranked.length ? ` (did you mean ${ranked.slice(0, 3).map((c) => `"${c.k}"`).join(' or ')}?)` : '';
}

/** Checks that span files: unique ids, references that resolve, timestamps in order. */
export function crossCheck(entries: Entries): ContentError[] {
  const errors: ContentError[] = [];
  const services = new Set(entries.services.map((e) => e.value.id));
  const slos = new Set(entries.slos.map((e) => e.slo.id));
  const incidents = new Map(entries.incidents.map((e) => [e.value.id, e.value]));
  const postmortems = new Map(entries.postmortems.map((e) => [e.value.id, e.value]));
  const runbooks = new Set(entries.runbooks.map((e) => e.value.id));
  const invalidOf: Record<string, Set<string>> = {
    service: entries.invalid.services,
    SLO: entries.invalid.slos,
    incident: entries.invalid.incidents,
    postmortem: entries.invalid.postmortems,
    runbook: entries.invalid.runbooks,
  };
  const ref = (kind: keyof typeof invalidOf, id: string, known: Set<string> | Map<string, unknown>, folder: string) =>
    known.has(id) || invalidOf[kind]!.has(id) ? undefined : `unknown ${kind} "${id}": no such id in ${folder}${nearest(id, known.keys())}`;

  unique(errors, 'service', entries.services.map((e) => ({ id: e.value.id, file: e.file, at: e.at, path: ['id'] })));
  unique(errors, 'SLO', entries.slos.map((e) => ({ id: e.slo.id, file: e.slo.source.file, at: e.at, path: ['id'] })));
  unique(errors, 'incident', entries.incidents.map((e) => ({ id: e.value.id, file: e.file, at: e.at, path: ['id'] })));
  unique(errors, 'runbook', entries.runbooks.map((e) => ({ id: e.value.id, file: e.file, at: () => ({ line: 1, column: 1 }), path: [] })));

  for (const e of entries.services) {
    idMatchesFile(errors, e);
    e.value.dependencies.forEach((d, i) => {
      const m = d === e.value.id ? 'a service cannot depend on itself' : ref('service', d, services, 'content/services/');
      if (m) err(errors, e.file, e.at, ['dependencies', i], m);
    });
  }

  for (const { slo, at } of entries.slos) {
    if (slo.source.format === 'sitrep') idMatchesFile(errors, { value: slo, file: slo.source.file, at });
    const s = ref('service', slo.service, services, 'content/services/');
    if (s) err(errors, slo.source.file, at, ['service'], s);
    if (slo.runbook !== undefined) {
      const r = ref('runbook', slo.runbook, runbooks, 'content/runbooks/');
      if (r) err(errors, slo.source.file, at, ['runbook'], r);
    }
  }

  for (const e of entries.runbooks) {
    const s = ref('service', e.value.service, services, 'content/services/');
    if (s) err(errors, e.file, e.at, ['service'], s);
    e.value.covers.slos.forEach((id, i) => {
      const m = ref('SLO', id, slos, 'content/slos/');
      if (m) err(errors, e.file, e.at, ['covers', 'slos', i], m);
    });
  }

  for (const e of entries.incidents) {
    const inc = e.value;
    idMatchesFile(errors, e);
    inc.services.forEach((id, i) => {
      const m = ref('service', id, services, 'content/services/');
      if (m) err(errors, e.file, e.at, ['services', i], m);
    });
    // started <= detected <= acknowledged <= mitigated <= resolved, for the ones present.
    for (let i = 1; i < INCIDENT_TIMESTAMPS.length; i++) {
      const field = INCIDENT_TIMESTAMPS[i]!;
      const value = inc[field];
      if (value === undefined) continue;
      for (let j = i - 1; j >= 0; j--) {
        const earlier = INCIDENT_TIMESTAMPS[j]!;
        const before = inc[earlier];
        if (before === undefined) continue;
        if (Date.parse(value) < Date.parse(before)) err(errors, e.file, e.at, [field], `must not be before ${earlier} (${before})`);
        break;
      }
    }
    if (inc.status === 'resolved' && inc.resolved_at === undefined) err(errors, e.file, e.at, ['status'], 'is resolved, so resolved_at is required');
    if (inc.status !== 'resolved' && inc.resolved_at !== undefined) err(errors, e.file, e.at, ['resolved_at'], `is set but status is ${inc.status}: set status to resolved, or remove resolved_at`);
    inc.updates.forEach((u, i) => {
      if (Date.parse(u.at) < Date.parse(inc.started_at)) err(errors, e.file, e.at, ['updates', i, 'at'], `must not be before started_at (${inc.started_at})`);
    });
    if (inc.postmortem !== undefined) {
      const pm = postmortems.get(inc.postmortem);
      const missing = ref('postmortem', inc.postmortem, postmortems, 'content/postmortems/');
      if (missing) err(errors, e.file, e.at, ['postmortem'], missing);
      else if (pm && !pm.incidents.includes(inc.id)) err(errors, e.file, e.at, ['postmortem'], `postmortem "${pm.id}" does not list this incident in its incidents: add "${inc.id}" there`);
    }
  }

  for (const e of entries.postmortems) {
    e.value.incidents.forEach((id, i) => {
      const m = ref('incident', id, incidents, 'content/incidents/');
      if (m) err(errors, e.file, e.at, ['incidents', i], m);
    });
  }

  for (const [id] of entries.snapshots) {
    if (!slos.has(id) && !entries.invalid.slos.has(id)) errors.push(contentError(`data/snapshots/${id}.json`, 1, 1, 'slo', `no SLO "${id}" in content/slos/: delete the snapshot or restore the SLO`));
  }
  return errors;
}
