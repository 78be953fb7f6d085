import { lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SNAPSHOT_FORMAT, snapshotHeaderSchema, type Column, type Snapshot } from '../../schemas/snapshot.ts';

/** Where snapshots live, relative to the project root. */
export const SNAPSHOT_DIR = join('data', 'snapshots');

/**
 * The most points a snapshot's series may hold: 1,000,000, i.e. 3,472 days at 5-minute steps, a
 * year at 30 seconds, or 11.5 days at 1 second. It bounds what one snapshot costs to fetch, store
 * and build (about 100 MB of memory), so a year of 1-second data (31.5 million points, over 4 GB)
 * is refused with a message instead of exhausting the machine.
 */
export const MAX_SNAPSHOT_POINTS = 1_000_000;
/** The largest snapshot file read: enough for 3 series of MAX_SNAPSHOT_POINTS written in full. */
export const MAX_SNAPSHOT_BYTES = 96 * 1024 * 1024;

/** Why `points` steps of `step` seconds are too many for one snapshot, and what to do. */
export function tooManyPoints(points: number, step: number): string {
  const days = (MAX_SNAPSHOT_POINTS * step) / 86400;
  return (
    `${points.toLocaleString('en-US')} points per series, more than the ${MAX_SNAPSHOT_POINTS.toLocaleString('en-US')} a snapshot may hold ` +
    `(at a ${step}s step that is ${days < 100 ? days.toFixed(1) : Math.floor(days)} days): use a longer step, or fewer days`
  );
}

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

export class SnapshotError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.file = file;
  }
}

/** A value as JSON, cut to 60 characters: an error never quotes a whole huge value. */
function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}...` : s;
}

function checkColumn(file: string, name: string, value: unknown, length?: number): Column {
  if (!Array.isArray(value)) throw new SnapshotError(file, `series.${name}: must be an array of numbers or null`);
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      throw new SnapshotError(file, `series.${name}[${i}]: must be a non-negative number or null, got ${short(v)}`);
    }
  }
  if (length !== undefined && value.length !== length) {
    throw new SnapshotError(file, `series.${name}: has ${value.length} points but series.total has ${length}`);
  }
  return value as Column;
}

/** Validate a parsed snapshot; throws a SnapshotError naming the file and field. */
export function parseSnapshot(file: string, json: unknown): Snapshot {
  const header = snapshotHeaderSchema.safeParse(json);
  if (!header.success) {
    const issue = header.error.issues[0]!;
    throw new SnapshotError(file, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const h = header.data;
  const total = checkColumn(file, 'total', h.series.total);
  if (total.length > MAX_SNAPSHOT_POINTS) throw new SnapshotError(file, `series.total: ${tooManyPoints(total.length, h.step)}`);
  const hasGood = h.series.good !== undefined;
  const hasBad = h.series.bad !== undefined;
  if (hasGood === hasBad) throw new SnapshotError(file, 'series: must hold exactly one of good or bad, beside total');
  const extra = Object.keys(h.series).filter((k) => !['good', 'bad', 'total'].includes(k));
  if (extra.length) throw new SnapshotError(file, `series.${extra[0]}: unknown series (expected good or bad, and total)`);
  const series: Snapshot['series'] = { total };
  if (hasGood) series.good = checkColumn(file, 'good', h.series.good, total.length);
  if (hasBad) series.bad = checkColumn(file, 'bad', h.series.bad, total.length);
  return { ...h, format: SNAPSHOT_FORMAT, series };
}

/** Read one snapshot file. */
export async function readSnapshot(file: string): Promise<Snapshot> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > MAX_SNAPSHOT_BYTES) {
      throw new SnapshotError(file, `is ${(size / 1024 / 1024).toFixed(0)} MB, more than the ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB a snapshot may take (at most ${MAX_SNAPSHOT_POINTS.toLocaleString('en-US')} points per series): refetch it with a longer step`);
    }
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof SnapshotError) throw e;
    throw new SnapshotError(file, `cannot read: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SnapshotError(file, `not valid JSON: ${(e as Error).message}`);
  }
  return parseSnapshot(file, json);
}

/** Read one snapshot file, or undefined if there is none; other errors throw a SnapshotError. */
export async function readSnapshotIfExists(file: string): Promise<Snapshot | undefined> {
  try {
    return await readSnapshot(file);
  } catch (e) {
    if (e instanceof SnapshotError && (await stat(file).then(() => false, isMissing))) return undefined;
    throw e;
  }
}

/** Path of the snapshot of one SLO under a project root. */
export function snapshotPath(root: string, sloId: string): string {
  return join(root, SNAPSHOT_DIR, `${sloId}.json`);
}

/** Read every snapshot under `<root>/data/snapshots`, keyed by SLO id. Errors are collected, not thrown. */
export async function readAllSnapshots(root: string): Promise<{ snapshots: Map<string, Snapshot>; errors: SnapshotError[] }> {
  const dir = join(root, SNAPSHOT_DIR);
  const snapshots = new Map<string, Snapshot>();
  const errors: SnapshotError[] = [];
  let names: string[] = [];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    // No data/snapshots/ folder: no snapshots. Any other failure (permissions) is an error.
    if (!isMissing(e)) errors.push(new SnapshotError(SNAPSHOT_DIR, `cannot read the folder: ${(e as Error).message}`));
    return { snapshots, errors };
  }
  for (const name of names) {
    const file = join(SNAPSHOT_DIR, name);
    try {
      // Only regular files: a link to /proc/self/environ or a FIFO is refused before it is opened.
      if (!(await lstat(join(root, file))).isFile()) throw new SnapshotError(file, 'is not a regular file (a symbolic link, folder or FIFO): snapshots are files written by npm run fetch');
      const snap = await readSnapshot(join(root, file));
      if (`${snap.slo}.json` !== name) throw new SnapshotError(file, `slo: is "${snap.slo}" but the file is named ${name}`);
      snapshots.set(snap.slo, snap);
    } catch (e) {
      errors.push(e instanceof SnapshotError ? new SnapshotError(file, e.message.slice(e.file.length + 2)) : new SnapshotError(file, String(e)));
    }
  }
  return { snapshots, errors };
}

/**
 * Write a snapshot atomically: to a temporary file beside it, then rename, so a reader or an
 * interrupted writer never sees half a file and the last good snapshot survives a failed fetch.
 * One line per series keeps diffs and `head` readable.
 */
export async function writeSnapshot(root: string, snapshot: Snapshot): Promise<string> {
  const file = snapshotPath(root, snapshot.slo);
  await mkdir(join(root, SNAPSHOT_DIR), { recursive: true });
  const { series, ...header } = snapshot;
  const lines = Object.entries(series)
    .filter(([, col]) => col !== undefined)
    .map(([name, col]) => `    ${JSON.stringify(name)}: ${JSON.stringify(col)}`);
  const headerJson = JSON.stringify(header, null, 2);
  const text = `${headerJson.slice(0, -2)},\n  "series": {\n${lines.join(',\n')}\n  }\n}\n`;
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return file;
}
