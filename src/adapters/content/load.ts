import { extname } from 'node:path';
import { serviceSchema, type Service } from '../../schemas/service.ts';
import { DEFAULT_SEVERITIES, severityConfigSchema, type SeverityConfig } from '../../schemas/severity.ts';
import { MAX_ID_LENGTH } from '../../schemas/common.ts';
import { siteConfigSchema, type Limits, type SiteConfig } from '../../schemas/site.ts';
import type { Snapshot } from '../../schemas/snapshot.ts';
import { readAllSnapshots } from '../snapshots/store.ts';
import { crossCheck } from './checks.ts';
import { partialRefs, readYaml, type Entry, type LoadedIncident, type LoadedPostmortem, type LoadedRunbook, type PartialRefs } from './documents.ts';
import { contentError, sortErrors, type ContentError } from './errors.ts';
import { ContentFiles } from './files.ts';
import { loadMaintenance, type LoadedMaintenance } from './maintenance.ts';
import { parseKey, type ParseCache } from './parse-cache.ts';
import { idOf, parseChunk, rawId, toEntries, type ParallelKind, type ParseJob } from './parse-files.ts';
import type { ParsePool } from './parse-pool.ts';
import { keepingBodies } from './parsed-bodies.ts';
import { readSloDocuments, type LoadedSlo, type SloDocument, type SloEntry } from './slo-formats.ts';
import { yamlDocuments } from './yaml-documents.ts';

export type { LoadedIncident, LoadedMaintenance, LoadedPostmortem, LoadedRunbook, LoadedSlo };

/** Everything in `content/` and `data/`, validated. */
export interface Content {
  site: SiteConfig;
  severities: SeverityConfig;
  services: Service[];
  slos: LoadedSlo[];
  incidents: LoadedIncident[];
  postmortems: LoadedPostmortem[];
  runbooks: LoadedRunbook[];
  /** Scheduled maintenance windows (content/maintenance/), by planned start. */
  maintenance: LoadedMaintenance[];
  /** Snapshots by SLO id. */
  snapshots: Map<string, Snapshot>;
}

/** Entries with their locators, for the cross-file checks. */
export interface Entries {
  services: Entry<Service>[];
  slos: SloEntry[];
  incidents: Entry<LoadedIncident>[];
  postmortems: Entry<LoadedPostmortem>[];
  runbooks: Entry<LoadedRunbook>[];
  snapshots: Map<string, Snapshot>;
  /**
   * Ids of files that exist but failed validation, by kind: a reference to them is not reported
   * as unknown (the file's own error is), so one mistake gives one error, not a cascade.
   */
  invalid: Record<'services' | 'slos' | 'incidents' | 'postmortems' | 'runbooks', Set<string>>;
  /** What incidents and postmortems with errors still refer to (partialRefs): checked too, so one run reports every error. */
  partial: PartialRefs[];
}

export interface LoadResult {
  content: Content;
  /** Every problem found, sorted by file, line and column. Empty when the content is valid. */
  errors: ContentError[];
}

const YAML_EXT = ['.yaml', '.yml'];


/** Postmortem and runbook ids are their file names, so those must be ids too (they become URLs). */
function checkFileId(file: string, errors: ContentError[]): boolean {
  const id = idOf(file);
  if (id.length > MAX_ID_LENGTH) {
    errors.push(contentError(file, 1, 1, '', `the file name is the id, which may be at most ${MAX_ID_LENGTH} characters long: shorten it`));
    return false;
  }
  if (/^[a-z0-9][a-z0-9-]*$/.test(id)) return true;
  const suggestion = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  errors.push(contentError(file, 1, 1, '', `the file name is the id, so it must be lower-case letters, digits and dashes: rename it to ${suggestion}${extname(file)}`));
  return false;
}

/**
 * Incidents, postmortems or runbooks into `entries`: each file read on its own, on the pool's
 * threads when there is one and the folder is big, then joined in file order. With a cache, a
 * file whose parse it holds is not parsed again, and a file parsed without a problem is kept.
 */
async function readFolder(kind: ParallelKind, pairs: [string, string | undefined][], limits: Limits, entries: Entries, errors: ContentError[], { pool, cache }: LoadOptions): Promise<void> {
  const html = keepingBodies();
  const keys = pairs.map(([file, text]) => (cache && text !== undefined ? parseKey(kind, file, text, limits, html) : undefined));
  const cached = keys.map((key) => (key === undefined ? undefined : cache!.get(key)));
  const job: ParseJob = { kind, pairs: pairs.filter((_, i) => !cached[i]), limits, html };
  const chunk = !job.pairs.length ? { results: [], errors: [] } : pool ? await pool.parse(job) : await parseChunk(job);
  errors.push(...chunk.errors);
  // A file with a problem is never kept, so its errors are found again. Today such a file has no
  // value (the readers give none once they report one); the check by file stays true if one did.
  const failed = new Set(chunk.errors.map((e) => e.file));
  let next = 0;
  const results = cached.map((hit, i) => {
    if (hit) return hit;
    const parsed = chunk.results[next++]!;
    if (keys[i] !== undefined && 'value' in parsed && !failed.has(pairs[i]![0])) cache!.put(keys[i], parsed);
    return parsed;
  });
  const read = toEntries(kind, pairs, results, limits);
  (entries[kind] as Entry<unknown>[]).push(...read.entries);
  for (const id of read.invalid) entries.invalid[kind].add(id);
  if (kind === 'runbooks') return;
  for (const [file, text] of pairs) {
    const refs = failed.has(file) && text !== undefined ? partialRefs(kind, file, text, limits) : undefined;
    if (refs) entries.partial.push(refs);
  }
}

function emptyEntries(): Entries {
  return {
    services: [],
    slos: [],
    incidents: [],
    postmortems: [],
    runbooks: [],
    snapshots: new Map(),
    invalid: { services: new Set(), slos: new Set(), incidents: new Set(), postmortems: new Set(), runbooks: new Set() },
    partial: [],
  };
}

/** content/site.yaml and content/severities.yaml, both optional. The site's limits apply from here on. */
async function readSettings(files: ContentFiles, errors: ContentError[]): Promise<{ site: SiteConfig; severities: SeverityConfig }> {
  const siteText = await files.read('content/site.yaml', true);
  const site = (siteText !== undefined ? readYaml('content/site.yaml', siteText, siteConfigSchema, errors)?.value : undefined) ?? siteConfigSchema.parse({});
  files.limits = site.limits;
  const sevText = await files.read('content/severities.yaml', true);
  const severities = (sevText !== undefined ? readYaml('content/severities.yaml', sevText, severityConfigSchema, errors, site.limits)?.value : undefined) ?? DEFAULT_SEVERITIES;
  return { site, severities };
}

/** Services, SLOs (any format) and incidents: YAML, one folder each. */
async function readYamlFolders(files: ContentFiles, entries: Entries, errors: ContentError[], options: LoadOptions): Promise<void> {
  const limits = files.limits;
  for (const [file, text] of await files.readAll(await files.list('content/services', YAML_EXT, 'services are .yaml or .yml files'))) {
    const e = text === undefined ? undefined : readYaml(file, text, serviceSchema, errors, limits);
    if (e) entries.services.push(e);
    else entries.invalid.services.add(rawId(file, text));
  }
  // OpenSLO files refer to each other (indicatorRef, metricSourceRef, alert policies): read every
  // document first, then convert them together.
  const docs: SloDocument[] = [];
  const texts = new Map<string, string | undefined>();
  for (const [file, text] of await files.readAll(await files.list('content/slos', YAML_EXT, 'SLOs are .yaml or .yml files'))) {
    texts.set(file, text);
    if (text === undefined) continue;
    for (const source of yamlDocuments(file, text, limits.field_chars)) {
      errors.push(...source.errors);
      if (!source.errors.length) docs.push({ source, value: source.value() });
    }
  }
  entries.slos.push(...readSloDocuments(docs, errors));
  // A file with any error so far (its YAML or its SLOs; the errors before are other folders') is invalid.
  const failed = new Set(errors.map((e) => e.file));
  for (const [file, text] of texts) {
    if (text === undefined || failed.has(file)) entries.invalid.slos.add(rawId(file, text));
  }
  await readFolder('incidents', await files.readAll(await files.list('content/incidents', YAML_EXT, 'incidents are .yaml or .yml files')), limits, entries, errors, options);
}

/** Postmortems (Markdown only) and runbooks (Markdown or restricted MDX), named by their ids. */
async function readMarkdownFolders(files: ContentFiles, entries: Entries, errors: ContentError[], options: LoadOptions): Promise<void> {
  const limits = files.limits;
  const postmortemFiles = (await files.list('content/postmortems', ['.md'], 'postmortems are plain Markdown (.md); MDX is not allowed because it can run code at build time')).filter((file) => checkFileId(file, errors));
  await readFolder('postmortems', await files.readAll(postmortemFiles), limits, entries, errors, options);
  const runbookFiles = (await files.list('content/runbooks', ['.md', '.mdx'], 'runbooks are .md or .mdx files')).filter((file) => checkFileId(file, errors));
  await readFolder('runbooks', await files.readAll(runbookFiles), limits, entries, errors, options);
}

const SHARED_LOADS = Symbol.for('sitrep.shared-content-loads');
type SharedLoads = Map<string, Promise<LoadResult>>;

/**
 * Turn on one load per content root for the rest of this process (or thread). The build's model
 * thread loads the content to report its errors, then builds the model from that same load. The
 * memo lives on globalThis, so that copies of this module (Vite bundles the pages apart) share
 * it too. Only for one-shot processes: a process that edits content and loads it again (a test,
 * a dev server) must not call this. Callers treat the shared result as read-only.
 */
export function shareContentLoads(): void {
  const g = globalThis as { [SHARED_LOADS]?: SharedLoads };
  g[SHARED_LOADS] ??= new Map();
}

/**
 * Load and validate all content under `root`. Never throws for bad content: every problem is
 * returned in `errors` (and the entity it concerns is left out of `content`), so `npm run check`
 * can report them all at once and the build can refuse to publish.
 * Once per process after shareContentLoads.
 */
export function loadContent(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const shared = (globalThis as { [SHARED_LOADS]?: SharedLoads })[SHARED_LOADS];
  if (!shared) return readContent(root, options);
  let load = shared.get(root);
  if (!load) shared.set(root, (load = readContent(root, options)));
  return load;
}

export interface LoadOptions {
  /** Threads to parse big folders on (parse-pool.ts); without one, everything is parsed on this thread. */
  pool?: ParsePool;
  /** Incidents, postmortems and runbooks parsed by an earlier build (parse-cache.ts). */
  cache?: ParseCache;
}

async function readContent(root: string, options: LoadOptions): Promise<LoadResult> {
  const errors: ContentError[] = [];
  const files = await ContentFiles.open(root, errors);
  const { site, severities } = await readSettings(files, errors);
  const entries = emptyEntries();
  await readYamlFolders(files, entries, errors, options);
  await readMarkdownFolders(files, entries, errors, options);

  const snaps = await readAllSnapshots(root);
  entries.snapshots = snaps.snapshots;
  for (const e of snaps.errors) errors.push(contentError(e.file, 1, 1, '', e.message.slice(e.file.length + 2)));

  errors.push(...crossCheck(entries));
  const maintenance = await loadMaintenance(files, new Set(entries.services.map((e) => e.value.id)), entries.invalid.services, errors);
  return { content: toContent(site, severities, entries, maintenance), errors: sortErrors(errors) };
}

/** The validated values, without their locators; incidents in order of start. */
function toContent(site: SiteConfig, severities: SeverityConfig, entries: Entries, maintenance: LoadedMaintenance[]): Content {
  return {
    site,
    severities,
    services: entries.services.map((e) => e.value),
    slos: entries.slos.map((e) => e.slo),
    incidents: entries.incidents.map((e) => e.value).sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at)),
    postmortems: entries.postmortems.map((e) => e.value),
    runbooks: entries.runbooks.map((e) => e.value),
    maintenance,
    snapshots: entries.snapshots,
  };
}
