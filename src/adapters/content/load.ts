import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { serviceSchema, type Service } from '../../schemas/service.ts';
import { DEFAULT_SEVERITIES, severityConfigSchema, type SeverityConfig } from '../../schemas/severity.ts';
import { siteConfigSchema, type SiteConfig } from '../../schemas/site.ts';
import type { Snapshot } from '../../schemas/snapshot.ts';
import { readAllSnapshots } from '../snapshots/store.ts';
import { crossCheck } from './checks.ts';
import {
  readIncident,
  readPostmortem,
  readRunbook,
  readYaml,
  type Entry,
  type LoadedIncident,
  type LoadedPostmortem,
  type LoadedRunbook,
} from './documents.ts';
import { contentError, sortErrors, type ContentError } from './errors.ts';
import { loadMaintenance, type LoadedMaintenance } from './maintenance.ts';
import { readSloFile, type LoadedSlo, type SloEntry } from './slo-formats.ts';
import { YamlSource } from './yaml-source.ts';

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
}

export interface LoadResult {
  content: Content;
  /** Every problem found, sorted by file, line and column. Empty when the content is valid. */
  errors: ContentError[];
}

const YAML_EXT = ['.yaml', '.yml'];

/** The files of one content folder, by extension; other files are reported, not ignored. */
async function listFiles(root: string, dir: string, allowed: string[], hint: string, errors: ContentError[]): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(root, dir));
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    if (allowed.includes(extname(name))) out.push(`${dir}/${name}`);
    else errors.push(contentError(`${dir}/${name}`, 1, 1, '', `unexpected file in ${dir}/: ${hint}`));
  }
  return out;
}

const idOf = (file: string) => basename(file, extname(file));

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Postmortem and runbook ids are their file names, so those must be ids too (they become URLs). */
function checkFileId(file: string, errors: ContentError[]): boolean {
  const id = idOf(file);
  if (/^[a-z0-9][a-z0-9-]*$/.test(id)) return true;
  const suggestion = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  errors.push(contentError(file, 1, 1, '', `the file name is the id, so it must be lower-case letters, digits and dashes: rename it to ${suggestion}${extname(file)}`));
  return false;
}

async function readOptional<T>(root: string, file: string, read: (text: string) => T | undefined): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
  return read(text);
}

/**
 * Load and validate all content under `root`. Never throws for bad content: every problem is
 * returned in `errors` (and the entity it concerns is left out of `content`), so `npm run check`
 * can report them all at once and the build can refuse to publish.
 */
export async function loadContent(root: string): Promise<LoadResult> {
  const errors: ContentError[] = [];
  if (!(await isDirectory(join(root, 'content')))) {
    errors.push(contentError('content', 1, 1, '', `no content/ folder in ${root}: is --root (or SITREP_ROOT) right?`));
  }
  const read = (file: string) => readFile(join(root, file), 'utf8');

  const site =
    (await readOptional(root, 'content/site.yaml', (t) => readYaml('content/site.yaml', t, siteConfigSchema, errors)?.value)) ??
    siteConfigSchema.parse({});
  const severities =
    (await readOptional(root, 'content/severities.yaml', (t) => readYaml('content/severities.yaml', t, severityConfigSchema, errors)?.value)) ??
    DEFAULT_SEVERITIES;

  const entries: Entries = {
    services: [],
    slos: [],
    incidents: [],
    postmortems: [],
    runbooks: [],
    snapshots: new Map(),
    invalid: { services: new Set(), slos: new Set(), incidents: new Set(), postmortems: new Set(), runbooks: new Set() },
  };
  const rawId = (text: string) => /^id:\s*["']?([a-z0-9-]+)/m.exec(text)?.[1] ?? '';

  for (const file of await listFiles(root, 'content/services', YAML_EXT, 'services are .yaml files', errors)) {
    const text = await read(file);
    const e = readYaml(file, text, serviceSchema, errors);
    if (e) entries.services.push(e);
    else entries.invalid.services.add(rawId(text) || idOf(file));
  }
  for (const file of await listFiles(root, 'content/slos', YAML_EXT, 'SLOs are .yaml files', errors)) {
    const text = await read(file);
    const source = new YamlSource(file, text);
    errors.push(...source.errors);
    const before = errors.length;
    if (!source.errors.length) entries.slos.push(...readSloFile(source, source.value(), errors));
    if (source.errors.length || errors.length > before) entries.invalid.slos.add(rawId(text) || idOf(file));
  }
  for (const file of await listFiles(root, 'content/incidents', YAML_EXT, 'incidents are .yaml files', errors)) {
    const text = await read(file);
    const e = readIncident(file, text, errors);
    if (e) entries.incidents.push(e);
    else entries.invalid.incidents.add(rawId(text) || idOf(file));
  }
  for (const file of await listFiles(root, 'content/postmortems', ['.md'], 'postmortems are plain Markdown (.md); MDX is not allowed because it can run code at build time', errors)) {
    if (!checkFileId(file, errors)) continue;
    const e = readPostmortem(file, idOf(file), await read(file), errors);
    if (e) entries.postmortems.push(e);
    else entries.invalid.postmortems.add(idOf(file));
  }
  for (const file of await listFiles(root, 'content/runbooks', ['.md', '.mdx'], 'runbooks are .md or .mdx files', errors)) {
    if (!checkFileId(file, errors)) continue;
    const e = readRunbook(file, idOf(file), await read(file), errors);
    if (e) entries.runbooks.push(e);
    else entries.invalid.runbooks.add(idOf(file));
  }

  const snaps = await readAllSnapshots(root);
  entries.snapshots = snaps.snapshots;
  for (const e of snaps.errors) errors.push(contentError(e.file, 1, 1, '', e.message.slice(e.file.length + 2)));

  errors.push(...crossCheck(entries));
  const maintenance = await loadMaintenance(root, new Set(entries.services.map((e) => e.value.id)), entries.invalid.services, errors);

  const content: Content = {
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
  return { content, errors: sortErrors(errors) };
}
