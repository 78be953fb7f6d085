/**
 * Frozen period reports. A period that has ended is frozen: its computed report is kept in a record
 * with the commit and the snapshot it was computed from, so later builds render it from the record
 * and a changed SLO file or a re-fetch never rewrites a published report silently. A recomputation
 * that differs appends a version (never overwrites); one that is identical changes nothing.
 *
 * What counts as a change: any figure of the report, compared exactly after a JSON round trip (the
 * record is JSON, and the same inputs give the same doubles). Not compared: `asOf` (a later
 * computation is as of a later time, but an ended period's figures stop at its end) and `summary`
 * (sentences made from the figures, which are compared themselves).
 *
 * Figures are named by path: `incidents.count`, `incidents.bySeverity.SEV2.count`,
 * `slos[api-availability].figures.sli`. Rows of a list with an `id` (SLOs, published postmortems)
 * or an `incident` and `slo` (top spenders) are named by it, so a new row is one change from null.
 * Pure: no I/O, no clock.
 */
import type { PeriodReport } from './period-report.ts';

export const FROZEN_REPORT_SCHEMA = 'sitrep-frozen-report/v1';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A commit, with its commit time (ISO, UTC). */
export interface CommitRef {
  hash: string;
  short: string;
  date: string;
}

/** A commit that changed content/ or data/ between two versions. */
export interface ResponsibleCommit extends CommitRef {
  author: string;
  subject: string;
}

/** The files a version was computed from, and one hash of them all (see snapshotHash). */
export interface SnapshotRef {
  hash: string;
  files: { path: string; sha256: string }[];
}

export interface FigureChange {
  figure: string;
  from: Json;
  to: Json;
}

export interface ReportVersion {
  /** 1, 2, ... in the order they were frozen. */
  version: number;
  /** HEAD when frozen; null outside git. */
  commit: CommitRef | null;
  /** content/ or data/snapshots/ held uncommitted changes when frozen. */
  dirty: boolean;
  /** The report time of the computation. */
  asOf: string;
  snapshot: SnapshotRef;
  /** What differs from the previous version; empty for version 1. */
  changes: FigureChange[];
  /** Commits to content/ and data/ between the previous version's commit and this one; null when git could not tell. */
  commits: ResponsibleCommit[] | null;
  report: PeriodReport;
}

export interface FrozenRecord {
  schema: typeof FROZEN_REPORT_SCHEMA;
  period: PeriodReport['period'];
  versions: ReportVersion[];
}

const IGNORED = new Set(['asOf', 'summary']);

/** The key of a list's rows, when every row has one: `id`, or `incident/slo`. */
function rowKey(row: Json): string | undefined {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return undefined;
  if (typeof row.id === 'string') return row.id;
  if (typeof row.incident === 'string' && typeof row.slo === 'string') return `${row.incident}/${row.slo}`;
  return undefined;
}

function keyedRows(list: Json[]): Map<string, Json> | undefined {
  const out = new Map<string, Json>();
  for (const row of list) {
    const key = rowKey(row);
    if (key === undefined || out.has(key)) return undefined;
    out.set(key, row);
  }
  return out;
}

const isObject = (v: Json | undefined): v is { [key: string]: Json } => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
const same = (a: Json | undefined, b: Json | undefined): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function walk(path: string, a: Json | undefined, b: Json | undefined, out: FigureChange[]): void {
  if (same(a, b)) return;
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) if (!(path === '' && IGNORED.has(k))) walk(path === '' ? k : `${path}.${k}`, a[k], b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const ka = keyedRows(a);
    const kb = keyedRows(b);
    if (ka && kb) {
      for (const k of [...new Set([...ka.keys(), ...kb.keys()])]) walk(`${path}[${k}]`, ka.get(k), kb.get(k), out);
      return;
    }
  }
  out.push({ figure: path, from: a ?? null, to: b ?? null });
}

/** A value as it is stored: through JSON, so `undefined` fields drop out as they would in the record. */
export const asStored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * What differs from `before` to `after`, figure by figure, in the order of the report. Reclassifying
 * the only incident of October from SEV2 to SEV1 gives, among others,
 * `{ figure: 'incidents.bySeverity.SEV1.count', from: 0, to: 1 }` and the SEV2 count from 1 to 0.
 */
export function reportChanges(before: PeriodReport, after: PeriodReport): FigureChange[] {
  const out: FigureChange[] = [];
  walk('', asStored(before) as unknown as Json, asStored(after) as unknown as Json, out);
  return out;
}

/** A recomputation to freeze: everything of a version but its number and what changed. */
export type FreezeCandidate = Omit<ReportVersion, 'version' | 'changes'>;

export type FreezeOutcome =
  | { kind: 'created'; record: FrozenRecord; version: ReportVersion }
  | { kind: 'appended'; record: FrozenRecord; version: ReportVersion }
  | { kind: 'unchanged'; record: FrozenRecord; version: ReportVersion };

/**
 * Freeze a recomputation into a period's record. No record: version 1 (no changes, no commits).
 * A recomputation identical to the newest version: the record is returned as it was. Otherwise
 * version M+1 is appended with the changes against version M; earlier versions are kept as they are.
 * Throws for a period still running (its figures are provisional) or of another period than the record.
 */
export function freezeVersion(record: FrozenRecord | null, candidate: FreezeCandidate): FreezeOutcome {
  const report = asStored(candidate.report);
  if (report.toDate) throw new Error(`${report.period.key} is still running at ${report.asOf}: only a period that has ended can be frozen`);
  if (record === null) {
    const version: ReportVersion = { version: 1, ...asStored(candidate), changes: [], commits: [], report };
    return { kind: 'created', record: { schema: FROZEN_REPORT_SCHEMA, period: report.period, versions: [version] }, version };
  }
  if (record.period.key !== report.period.key) throw new Error(`the record of ${record.period.key} cannot hold a report of ${report.period.key}`);
  const latest = record.versions[record.versions.length - 1]!;
  const changes = reportChanges(latest.report, report);
  if (changes.length === 0) return { kind: 'unchanged', record, version: latest };
  const version: ReportVersion = { version: latest.version + 1, ...asStored(candidate), changes, report };
  return { kind: 'appended', record: { ...record, versions: [...record.versions, version] }, version };
}

/**
 * The listing a snapshot's content hash is taken over: one line `<sha256>  <path>\n` per file,
 * sorted by path, i.e. what `sha256sum` prints for them. The adapter hashes the files and the
 * listing (SHA-256), so `sha256sum $(files) | sort -k2 | sha256sum` gives the same hash.
 */
export function snapshotListing(files: readonly { path: string; sha256: string }[]): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join('');
}
