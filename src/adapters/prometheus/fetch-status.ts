import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** `data/fetch-status.json`: how the last fetch of each SLO went, so the site can flag stale data. */
export const FETCH_STATUS_FILE = join('data', 'fetch-status.json');
export const FETCH_STATUS_FORMAT = 'sitrep-fetch-status/v1';

export interface SloFetchStatus {
  /** Whether the last attempt succeeded (the snapshot holds its data). */
  ok: boolean;
  /** When the last attempt ran (ISO 8601). */
  lastAttempt: string;
  /** `fetchedAt` of the snapshot on disk: the last successful fetch; null if there is no snapshot. */
  lastSuccess: string | null;
  /** End of the snapshot's last step (ISO 8601): "data as of"; null if there is no snapshot. */
  dataEnd: string | null;
  /** The SLO's source file. */
  source: string;
  /** Why the last attempt failed (credentials redacted). */
  error?: string;
  /** Warnings of the last attempt: partial responses, several series summed, invalid values. */
  warnings?: string[];
}

export interface FetchStatus {
  format: typeof FETCH_STATUS_FORMAT;
  /** When the status was last written. */
  updatedAt: string;
  slos: Record<string, SloFetchStatus>;
}

export function fetchStatusPath(root: string): string {
  return join(root, FETCH_STATUS_FILE);
}

/** A status file that exists but cannot be used: its path and why. */
export class FetchStatusError extends Error {}

/**
 * Read the status file. No file is an empty status (no fetch has run); a file that cannot be read
 * or is not a status (corrupt JSON, another format) throws a FetchStatusError naming the file,
 * since "missing" would hide that the site's stale flags are unknown.
 */
export async function readFetchStatus(root: string): Promise<FetchStatus> {
  const file = fetchStatusPath(root);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { format: FETCH_STATUS_FORMAT, updatedAt: new Date(0).toISOString(), slos: {} };
    throw new FetchStatusError(`${FETCH_STATUS_FILE}: cannot read it: ${(e as Error).message}`);
  }
  let json: Partial<FetchStatus> | null;
  try {
    json = JSON.parse(text) as Partial<FetchStatus> | null;
  } catch (e) {
    throw new FetchStatusError(`${FETCH_STATUS_FILE}: not valid JSON (${(e as Error).message}): fix it, or delete it (the next fetch writes it again)`);
  }
  if (json?.format !== FETCH_STATUS_FORMAT || !json.slos || typeof json.slos !== 'object' || Array.isArray(json.slos)) {
    throw new FetchStatusError(`${FETCH_STATUS_FILE}: not a fetch status (expected "format": "${FETCH_STATUS_FORMAT}" and "slos"): fix it, or delete it`);
  }
  return json as FetchStatus;
}

/** Merge this run's entries into the status file (entries of SLOs not fetched this run are kept), atomically. */
export async function updateFetchStatus(root: string, entries: Record<string, SloFetchStatus>, now: Date): Promise<string> {
  const file = fetchStatusPath(root);
  const current = await readFetchStatus(root);
  const slos = { ...current.slos, ...entries };
  const sorted = Object.fromEntries(Object.keys(slos).sort().map((k) => [k, slos[k]!]));
  const status: FetchStatus = { format: FETCH_STATUS_FORMAT, updatedAt: now.toISOString(), slos: sorted };
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(status, null, 2)}\n`, 'utf8');
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return file;
}
