import { INCIDENT_TIMESTAMPS } from '../../schemas/incident.ts';
import { contentError, type ContentError } from './errors.ts';
import { editDistance } from './near.ts';
import type { Entry, LoadedIncident, LoadedPostmortem, Locator } from './documents.ts';
import type { Entries } from './load.ts';
import type { PathKey } from './yaml-source.ts';
import { basename, extname } from 'node:path';

function err(errors: ContentError[], file: string, at: Locator, path: readonly PathKey[], message: string): void {
  const p = at(path);
  errors.push(contentError(file, p.line, p.column, path.join('.'), message));
}

/** Report every id used more than once; the first use is named in the message. */
function unique(errors: ContentError[], kind: string, items: { id: string; file: string; at: Locator; path: PathKey[] }[]): void {
  // The first use's line is looked up only for a duplicate: locating a field may read its file again.
  const first = new Map<string, (typeof items)[number]>();
  for (const it of items) {
    const seen = first.get(it.id);
    if (seen) err(errors, it.file, it.at, it.path, `duplicate ${kind} id "${it.id}": already used in ${seen.file}:${seen.at(seen.path).line}`);
    else first.set(it.id, it);
  }
}

/** The file name (without extension) must be the id, so URLs and files can be found from each other. */
function idMatchesFile(errors: ContentError[], e: Entry<{ id: string }>): void {
  const name = basename(e.file, extname(e.file));
  if (name !== e.value.id) err(errors, e.file, e.at, ['id'], `is "${e.value.id}" but the file is named ${basename(e.file)}: rename one so they match`);
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

/** What the cross-file checks look references up in. */
interface Known {
  services: Set<string>;
  slos: Set<string>;
  incidents: Map<string, LoadedIncident>;
  postmortems: Map<string, LoadedPostmortem>;
  runbooks: Set<string>;
  /** The message for a reference to an id that does not exist, or undefined when it does (or its file is broken). */
  ref(kind: Kind, id: string): string | undefined;
}

type Kind = 'service' | 'SLO' | 'incident' | 'postmortem' | 'runbook';

function known(entries: Entries): Known {
  const sets = {
    services: new Set(entries.services.map((e) => e.value.id)),
    slos: new Set(entries.slos.map((e) => e.slo.id)),
    incidents: new Map(entries.incidents.map((e) => [e.value.id, e.value])),
    postmortems: new Map(entries.postmortems.map((e) => [e.value.id, e.value])),
    runbooks: new Set(entries.runbooks.map((e) => e.value.id)),
  };
  const byKind: Record<Kind, { ids: Set<string> | Map<string, unknown>; invalid: Set<string>; folder: string }> = {
    service: { ids: sets.services, invalid: entries.invalid.services, folder: 'content/services/' },
    SLO: { ids: sets.slos, invalid: entries.invalid.slos, folder: 'content/slos/' },
    incident: { ids: sets.incidents, invalid: entries.invalid.incidents, folder: 'content/incidents/' },
    postmortem: { ids: sets.postmortems, invalid: entries.invalid.postmortems, folder: 'content/postmortems/' },
    runbook: { ids: sets.runbooks, invalid: entries.invalid.runbooks, folder: 'content/runbooks/' },
  };
  const ref = (kind: Kind, id: string) => {
    const k = byKind[kind];
    return k.ids.has(id) || k.invalid.has(id) ? undefined : `unknown ${kind} "${id}": no such id in ${k.folder}${nearest(id, k.ids.keys())}`;
  };
  return { ...sets, ref };
}

function uniqueIds(entries: Entries, errors: ContentError[]): void {
  unique(errors, 'service', entries.services.map((e) => ({ id: e.value.id, file: e.file, at: e.at, path: ['id'] })));
  unique(errors, 'SLO', entries.slos.map((e) => ({ id: e.slo.id, file: e.slo.source.file, at: e.at, path: ['id'] })));
  unique(errors, 'incident', entries.incidents.map((e) => ({ id: e.value.id, file: e.file, at: e.at, path: ['id'] })));
  unique(errors, 'runbook', entries.runbooks.map((e) => ({ id: e.value.id, file: e.file, at: () => ({ line: 1, column: 1 }), path: [] })));
}

function checkServices(entries: Entries, k: Known, errors: ContentError[]): void {
  for (const e of entries.services) {
    idMatchesFile(errors, e);
    e.value.dependencies.forEach((d, i) => {
      const m = d === e.value.id ? 'a service cannot depend on itself' : k.ref('service', d);
      if (m) err(errors, e.file, e.at, ['dependencies', i], m);
    });
  }
}

function checkSlos(entries: Entries, k: Known, errors: ContentError[]): void {
  for (const { slo, at } of entries.slos) {
    if (slo.source.format === 'sitrep') idMatchesFile(errors, { value: slo, file: slo.source.file, at });
    const s = k.ref('service', slo.service);
    if (s) err(errors, slo.source.file, at, ['service'], s);
    const r = slo.runbook === undefined ? undefined : k.ref('runbook', slo.runbook);
    if (r) err(errors, slo.source.file, at, ['runbook'], r);
  }
}

function checkRunbooks(entries: Entries, k: Known, errors: ContentError[]): void {
  for (const e of entries.runbooks) {
    const s = k.ref('service', e.value.service);
    if (s) err(errors, e.file, e.at, ['service'], s);
    e.value.covers.slos.forEach((id, i) => {
      const m = k.ref('SLO', id);
      if (m) err(errors, e.file, e.at, ['covers', 'slos', i], m);
    });
  }
}

/** started <= detected <= acknowledged <= mitigated <= resolved, for the ones present. */
function timestampsInOrder(e: Entry<LoadedIncident>, errors: ContentError[]): void {
  const inc = e.value;
  for (let i = 1; i < INCIDENT_TIMESTAMPS.length; i++) {
    const field = INCIDENT_TIMESTAMPS[i]!;
    const value = inc[field];
    if (value === undefined) continue;
    const earlier = INCIDENT_TIMESTAMPS.slice(0, i).findLast((f) => inc[f] !== undefined);
    if (earlier && Date.parse(value) < Date.parse(inc[earlier]!)) err(errors, e.file, e.at, [field], `must not be before ${earlier} (${inc[earlier]})`);
  }
}

/** Status and resolved_at agree, updates come after the start, and the postmortem lists the incident. */
function statusAndLinks(e: Entry<LoadedIncident>, k: Known, errors: ContentError[]): void {
  const inc = e.value;
  if (inc.status === 'resolved' && inc.resolved_at === undefined) err(errors, e.file, e.at, ['status'], 'is resolved, so resolved_at is required');
  if (inc.status !== 'resolved' && inc.resolved_at !== undefined) err(errors, e.file, e.at, ['resolved_at'], `is set but status is ${inc.status}: set status to resolved, or remove resolved_at`);
  inc.updates.forEach((u, i) => {
    if (Date.parse(u.at) < Date.parse(inc.started_at)) err(errors, e.file, e.at, ['updates', i, 'at'], `must not be before started_at (${inc.started_at})`);
  });
  if (inc.postmortem === undefined) return;
  const pm = k.postmortems.get(inc.postmortem);
  const missing = k.ref('postmortem', inc.postmortem);
  if (missing) err(errors, e.file, e.at, ['postmortem'], missing);
  else if (pm && !pm.incidents.includes(inc.id)) err(errors, e.file, e.at, ['postmortem'], `postmortem "${pm.id}" does not list this incident in its incidents: add "${inc.id}" there`);
}

function checkIncidents(entries: Entries, k: Known, errors: ContentError[]): void {
  for (const e of entries.incidents) {
    idMatchesFile(errors, e);
    e.value.services.forEach((id, i) => {
      const m = k.ref('service', id);
      if (m) err(errors, e.file, e.at, ['services', i], m);
    });
    timestampsInOrder(e, errors);
    statusAndLinks(e, k, errors);
  }
}

function checkPostmortems(entries: Entries, k: Known, errors: ContentError[]): void {
  for (const e of entries.postmortems) {
    e.value.incidents.forEach((id, i) => {
      const m = k.ref('incident', id);
      if (m) err(errors, e.file, e.at, ['incidents', i], m);
    });
  }
}

/** A snapshot must belong to an SLO (a valid one, or one whose file has its own error). */
function checkSnapshots(entries: Entries, k: Known, errors: ContentError[]): void {
  for (const [id] of entries.snapshots) {
    if (!k.slos.has(id) && !entries.invalid.slos.has(id)) errors.push(contentError(`data/snapshots/${id}.json`, 1, 1, 'slo', `no SLO "${id}" in content/slos/: delete the snapshot or restore the SLO`));
  }
}

/**
 * Time slices are whole runs of snapshot steps, so a slice length the step does not divide cannot
 * be computed as written: 1-minute slices from 5-minute steps would silently be 5-minute slices.
 * `npm run fetch` picks such a step (plan.ts sloStep); a snapshot fetched otherwise (an older sitrep, by hand) is refused.
 */
function checkSliceSteps(entries: Entries, errors: ContentError[]): void {
  for (const { slo, at } of entries.slos) {
    const step = entries.snapshots.get(slo.id)?.step;
    const slice = slo.budgeting.slice;
    if (step === undefined || slo.budgeting.method === 'occurrences' || slice.seconds % step === 0) continue;
    err(errors, slo.source.file, at, ['budgeting', 'slice'], `time slices of ${slice.text} need data at a step that divides them, but data/snapshots/${slo.id}.json has ${step}-second steps: run npm run fetch again (it fetches these slices at a step that divides them), or use slices that are a multiple of the step`);
  }
}

/** Checks that span files: unique ids, references that resolve, timestamps in order. */
export function crossCheck(entries: Entries): ContentError[] {
  const errors: ContentError[] = [];
  const k = known(entries);
  uniqueIds(entries, errors);
  checkServices(entries, k, errors);
  checkSlos(entries, k, errors);
  checkRunbooks(entries, k, errors);
  checkIncidents(entries, k, errors);
  checkPostmortems(entries, k, errors);
  // Files with errors of their own: their references too, so the author sees every error in one run.
  for (const p of entries.partial) for (const r of p.refs) {
    const m = k.ref(r.kind, r.id);
    if (m) err(errors, p.file, p.at, r.path, m);
  }
  checkSnapshots(entries, k, errors);
  checkSliceSteps(entries, errors);
  return errors;
}
