/**
 * Frozen report records on disk: `data/reports/<period>.json`, one per frozen period, and the
 * snapshot (files and content hash) a freeze is computed from.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { periodFromSlug, periodSlug, snapshotListing, type FrozenRecord, type SnapshotRef } from '../../core/index.ts';
import { parseFrozenRecord } from '../../schemas/frozen-report.ts';
import type { ContentError } from '../content/errors.ts';

/** Where the records live, relative to the content root. */
export const REPORTS_DIR = join('data', 'reports');

/** What a freeze is computed from: every file under these folders of the content root. */
export const SNAPSHOT_PATHS = ['content', join('data', 'snapshots')];

/** A record that cannot be used, with its file (relative) and the field at fault (empty for the whole file). */
export class FrozenRecordError extends Error {
  readonly file: string;
  readonly field: string;
  readonly detail: string;
  constructor(file: string, field: string, detail: string) {
    super(`${file}: ${field ? `${field}: ` : ''}${detail}`);
    this.file = file;
    this.field = field;
    this.detail = detail;
  }

  /** As `npm run check` prints errors: a machine-written JSON record has no line to point at, so 1:1. */
  toContentError(): ContentError {
    return { file: this.file, line: 1, column: 1, field: this.field, message: this.detail };
  }
}

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Validate one record read from `file` (relative path, for messages) whose name gives `slug`. */
export function checkRecord(file: string, slug: string, value: unknown): FrozenRecord {
  const period = periodFromSlug(slug);
  if (!period || periodSlug(period) !== slug) throw new FrozenRecordError(file, '', 'the file name must be a period, e.g. 2026-10.json or 2026-q4.json');
  const parsed = parseFrozenRecord(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FrozenRecordError(file, issue.path.join('.'), issue.message);
  }
  const record = parsed.data;
  if (record.period.slug !== slug) throw new FrozenRecordError(file, 'period.slug', `${JSON.stringify(record.period.slug)} is not the period the file is named for (${slug})`);
  record.versions.forEach((v, i) => {
    if (v.version !== i + 1) throw new FrozenRecordError(file, `versions.${i}.version`, `expected ${i + 1}, got ${v.version} (versions are numbered 1, 2, ... in order)`);
    if (v.report.period.slug !== slug) throw new FrozenRecordError(file, `versions.${i}.report.period.slug`, `${JSON.stringify(v.report.period.slug)} is not ${slug}`);
  });
  return record;
}

/** Every record under `root`/data/reports, by period slug; none when the folder is absent. Throws a FrozenRecordError naming the file. */
export async function readFrozenRecords(root: string): Promise<Map<string, FrozenRecord>> {
  let names: string[];
  try {
    names = (await readdir(join(root, REPORTS_DIR))).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  } catch (e) {
    if (isMissing(e)) return new Map();
    throw e;
  }
  const out = new Map<string, FrozenRecord>();
  for (const name of names) {
    // A name that is not plain text is quoted, so it cannot forge a line of output.
    const file = `${REPORTS_DIR}/${/^[\w.-]+$/.test(name) ? name : JSON.stringify(name)}`;
    let value: unknown;
    try {
      value = JSON.parse(await readFile(join(root, REPORTS_DIR, name), 'utf8'));
    } catch (e) {
      throw new FrozenRecordError(file, '', `not valid JSON: ${(e as Error).message}`);
    }
    const slug = name.slice(0, -'.json'.length);
    out.set(slug, checkRecord(file, slug, value));
  }
  return out;
}

/** Write a record (to a temporary file, then renamed: a reader never sees half of it); returns its relative path. */
export async function writeFrozenRecord(root: string, record: FrozenRecord): Promise<string> {
  const file = join(REPORTS_DIR, `${record.period.slug}.json`);
  await mkdir(join(root, REPORTS_DIR), { recursive: true });
  const tmp = join(root, REPORTS_DIR, `.${record.period.slug}.json.${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify(record, null, 2)}\n`);
  await rename(tmp, join(root, file));
  return file;
}

async function filesUnder(root: string, dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true });
  } catch (e) {
    if (isMissing(e)) return [];
    throw e;
  }
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'));
}

/** The snapshot a freeze is computed from: every file under content/ and data/snapshots/, hashed. */
export async function readSnapshotRef(root: string): Promise<SnapshotRef> {
  const paths = (await Promise.all(SNAPSHOT_PATHS.map((d) => filesUnder(root, d)))).flat();
  const files = await Promise.all(paths.map(async (path) => ({ path, sha256: sha256(await readFile(join(root, path))) })));
  const listing = snapshotListing(files);
  return { hash: `sha256:${sha256(listing)}`, files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
