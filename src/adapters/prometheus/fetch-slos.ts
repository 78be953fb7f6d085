import type { Column, Snapshot } from '../../schemas/snapshot.ts';
import { MAX_SNAPSHOT_POINTS, readSnapshotIfExists, snapshotPath, tooManyPoints, writeSnapshot } from '../snapshots/store.ts';
import { matrixToColumn, mergeSeries } from './columns.ts';
import { readFetchStatus, updateFetchStatus, type SloFetchStatus } from './fetch-status.ts';
import { planSlo, pointsIn, type FetchableSlo, type SloPlan, type TimeGrid } from './plan.ts';
import { queryRange } from './query-range.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.ts';
import type { PromTransport } from './transport.ts';

/** Default cap on one response body: 64 MB, about 150 series of 11,000 points. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface FetchOptions {
  /** Project root: snapshots go to `<root>/data/snapshots`, the status to `<root>/data/fetch-status.json`. */
  root: string;
  /** The steps to cover (see `requestedRange`). */
  range: TimeGrid;
  /** Refetch the whole range even where a snapshot has it. */
  full?: boolean;
  /** Requests in flight at most (default 4). */
  concurrency?: number;
  /** Timeout of one request attempt (default 30s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Points per series per request (default and maximum that Prometheus accepts: 11,000). */
  maxPoints?: number;
  overlapSeconds?: number;
  /** Fail an SLO whose responses carry warnings (partial responses) instead of writing it. */
  failOnWarnings?: boolean;
  /** Hide credentials in messages (the connection's `redact`). */
  redact?: (text: string) => string;
  /** Hide credentials, even in part, in text the server sent (the connection's `redactServerText`; default `redact`). */
  redactServerText?: (text: string) => string;
  /** Largest response body read, in bytes (default 64 MB); a larger answer fails its SLO. */
  maxResponseBytes?: number;
  /**
   * Let an answer with no data replace values the snapshot holds (default false: a series that
   * comes back empty where the snapshot has data fails its SLO, and a step without data in the
   * answer keeps its known value).
   */
  allowDataLoss?: boolean;
  now?: () => Date;
  onEvent?: (e: FetchEvent) => void;
  signal?: AbortSignal;
}

export interface SloFetchResult {
  id: string;
  source: string;
  ok: boolean;
  mode: SloPlan['mode'];
  reason: string;
  error?: string;
  warnings: string[];
  /** Samples received, chunks (query_range requests: a time range of one series) done and planned. */
  points: number;
  chunks: number;
  chunksTotal: number;
  retries: number;
  bytes: number;
  durationMs: number;
}

export type FetchEvent =
  | { type: 'start'; plan: SloPlan }
  | { type: 'progress'; id: string; chunks: number; chunksTotal: number; points: number; bytes: number }
  | { type: 'retry'; id: string; reason: string; waitMs: number }
  | { type: 'done'; result: SloFetchResult };

export interface FetchReport {
  ok: boolean;
  results: SloFetchResult[];
  statusFile: string;
}

/** A semaphore: at most `n` tasks at once. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

function sourceOf(slo: FetchableSlo): string {
  return slo.source.line ? `${slo.source.file}:${slo.source.line}` : slo.source.file;
}

/** Plan every SLO against its snapshot on disk (no network): what `--dry-run` prints. */
export async function planFetch(slos: FetchableSlo[], opts: Pick<FetchOptions, 'root' | 'range' | 'full' | 'maxPoints' | 'overlapSeconds'>): Promise<SloPlan[]> {
  return Promise.all(
    slos.map(async (slo) => {
      const existing = await readSnapshotIfExists(snapshotPath(opts.root, slo.id)).catch((e: Error) => e);
      return planSlo(slo, existing, opts.range, { full: opts.full ?? false, maxPoints: opts.maxPoints, overlapSeconds: opts.overlapSeconds });
    }),
  );
}

/** What the requests of one SLO gathered so far. */
interface Gathered {
  result: SloFetchResult;
  /** Fetched columns by series name, one per chunk in chunk order. */
  parts: Record<string, Column[]>;
  warnings: Set<string>;
  /** The first failure (the other requests are then aborted). */
  failure?: string;
}

/** `file:line` of a series' query in the SLO file (the SLO's own line when the query's is unknown). */
function querySource(slo: FetchableSlo, name: string): string {
  const line = slo.source.queryLines?.[name] ?? slo.source.line;
  return line ? `${slo.source.file}:${line}` : slo.source.file;
}

const isoRange = (g: TimeGrid) => `${new Date(g.start * 1000).toISOString()} .. ${new Date(g.end * 1000).toISOString()}`;

/** Step 1: run every chunk request of every series, at most `run`'s concurrency at once; stop at the first failure. */
async function requestChunks(plan: SloPlan, transport: PromTransport, run: ReturnType<typeof limiter>, opts: FetchOptions, g: Gathered): Promise<void> {
  const redact = opts.redact ?? ((s: string) => s);
  const abort = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, abort.signal]) : abort.signal;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const { result } = g;
  const tasks = Object.keys(plan.queries).flatMap((name) =>
    plan.chunks.map((chunk, ci) =>
      run(async () => {
        if (signal.aborted) return;
        const query = plan.queries[name]!;
        try {
          const res = await queryRange(transport, { query, ...chunk }, {
            timeoutMs: opts.timeoutMs ?? 30_000, retry, signal, redact: opts.redactServerText ?? redact, maxBytes: opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
            onRetry: (reason, waitMs) => {
              result.retries++;
              opts.onEvent?.({ type: 'retry', id: plan.slo.id, reason: redact(reason), waitMs });
            },
          });
          const col = matrixToColumn(res.series, chunk);
          g.parts[name]![ci] = col.column;
          for (const w of res.warnings) g.warnings.add(`series ${name}: Prometheus warning: ${w}`);
          if (col.seriesCount > 1) g.warnings.add(`series ${name}: the query returned ${col.seriesCount} series; summed per step (wrap the query in sum() to silence this)`);
          if (col.invalid) g.warnings.add(`series ${name}: ${col.invalid} NaN, infinite or negative values stored as null`);
          if (col.offGrid) g.warnings.add(`series ${name}: ${col.offGrid} samples off the step grid ignored`);
          if (col.duplicates) g.warnings.add(`series ${name}: ${col.duplicates} duplicate samples (same series, time and value) dropped`);
          result.chunks++;
          result.points += col.samples;
          result.bytes += res.bytes;
          opts.onEvent?.({ type: 'progress', id: plan.slo.id, chunks: result.chunks, chunksTotal: result.chunksTotal, points: result.points, bytes: result.bytes });
        } catch (e) {
          if (g.failure === undefined && !opts.signal?.aborted) {
            g.failure = `${querySource(plan.slo, name)}: SLO ${plan.slo.id}, series ${name}: ${(e as Error).message}\n  query: ${query}\n  range: ${isoRange(chunk)} step ${chunk.step}s`;
          }
          abort.abort(new Error('another query of this SLO failed'));
        }
      }),
    ),
  );
  await Promise.all(tasks);
}

/** Step 2: why the SLO must not be written although every request answered, if it must not. */
function refusal(plan: SloPlan, opts: FetchOptions, g: Gathered): string | undefined {
  if (opts.signal?.aborted) return `${g.result.source}: SLO ${plan.slo.id}: interrupted`;
  if (opts.failOnWarnings && g.warnings.size) return `${g.result.source}: SLO ${plan.slo.id}: the responses carry warnings and --fail-on-warnings is set`;
  return undefined;
}

/**
 * Step 3: the new snapshot from the fetched columns and the old snapshot, or why there is none.
 * An answer with no data at all for a series, where the snapshot holds values over the same
 * steps (a wrong tenant, a shorter retention), fails the SLO, unless `allowDataLoss`.
 */
function assemble(plan: SloPlan, opts: FetchOptions, g: Gathered): { snapshot?: Snapshot; failure?: string } {
  const names = Object.keys(plan.queries);
  const columns = Object.fromEntries(names.map((n) => [n, g.parts[n]!.flat()]));
  for (const [n, col] of Object.entries(columns)) {
    if (col.length !== pointsIn(plan.fetch)) throw new Error(`internal: series ${n} has ${col.length} points, expected ${pointsIn(plan.fetch)}`);
  }
  const allowDataLoss = opts.allowDataLoss ?? false;
  const merged = mergeSeries(plan.base, plan.fetch, columns, allowDataLoss);
  for (const [n, col] of Object.entries(columns)) {
    const empty = col.every((v) => v === null);
    const known = merged.known[n]!;
    if (empty && known > 0 && !allowDataLoss) {
      return {
        failure:
          `${querySource(plan.slo, n)}: SLO ${plan.slo.id}, series ${n}: Prometheus answered no data over ${isoRange(plan.fetch)}, ` +
          `where the snapshot holds ${known} values (a wrong tenant or URL, or a shorter retention?): the snapshot is kept as it was; ` +
          'pass --allow-data-loss to replace them with no data',
      };
    }
    // Most often a typo in a metric or label name: Prometheus answers an empty result, not an error.
    if (empty) g.warnings.add(`series ${n}: no data at all in the fetched range (check the metric and label names)`);
    if (merged.kept[n]) g.warnings.add(`series ${n}: no data in the answer for ${merged.kept[n]} steps that hold values in the snapshot: the known values are kept`);
  }
  const points = merged.series.total!.length;
  if (points > MAX_SNAPSHOT_POINTS) {
    return { failure: `${g.result.source}: SLO ${plan.slo.id}: ${tooManyPoints(points, plan.fetch.step)}; the snapshot is kept as it was` };
  }
  const snapshot: Snapshot = {
    format: 'sitrep-snapshot/v1',
    slo: plan.slo.id,
    step: plan.fetch.step,
    start: merged.start,
    queries: plan.queries,
    fetchedAt: (opts.now?.() ?? new Date()).toISOString(),
    generator: 'sitrep fetch',
    series: merged.series as Snapshot['series'],
  };
  return { snapshot };
}

/** Fetch one SLO: request its chunks, check the answers, assemble the snapshot (not written here). */
async function fetchOne(plan: SloPlan, transport: PromTransport, run: ReturnType<typeof limiter>, opts: FetchOptions): Promise<{ result: SloFetchResult; snapshot?: Snapshot }> {
  const redact = opts.redact ?? ((s: string) => s);
  const began = Date.now();
  const names = Object.keys(plan.queries);
  const g: Gathered = {
    result: {
      id: plan.slo.id, source: sourceOf(plan.slo), ok: false, mode: plan.mode, reason: plan.reason, warnings: [],
      points: 0, chunks: 0, chunksTotal: plan.chunks.length * names.length, retries: 0, bytes: 0, durationMs: 0,
    },
    parts: Object.fromEntries(names.map((n) => [n, []])),
    warnings: new Set(),
  };
  await requestChunks(plan, transport, run, opts, g);
  let failure = g.failure ?? refusal(plan, opts, g);
  let snapshot: Snapshot | undefined;
  if (failure === undefined) ({ snapshot, failure } = assemble(plan, opts, g));
  const result = { ...g.result, durationMs: Date.now() - began, warnings: [...g.warnings].map(redact) };
  if (failure !== undefined) return { result: { ...result, error: redact(failure) } };
  return { result: { ...result, ok: true }, snapshot };
}

function statusEntry(result: SloFetchResult, snap: Snapshot | undefined, attempt: Date): SloFetchStatus {
  const end = snap ? snap.start + (snap.series.total.length - 1) * snap.step : undefined;
  return {
    ok: result.ok,
    lastAttempt: attempt.toISOString(),
    lastSuccess: snap?.fetchedAt ?? null,
    dataEnd: end === undefined ? null : new Date(end * 1000).toISOString(),
    source: result.source,
    ...(result.error !== undefined ? { error: result.error } : {}),
    ...(result.warnings.length ? { warnings: result.warnings } : {}),
  };
}

/**
 * Fetch every SLO's series into its snapshot. An SLO that fails keeps its last good snapshot
 * untouched; the others are still written. `data/fetch-status.json` records every attempt.
 */
export async function fetchSlos(slos: FetchableSlo[], transport: PromTransport, opts: FetchOptions): Promise<FetchReport> {
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const run = limiter(concurrency);
  const perSlo = limiter(concurrency);
  const now = () => opts.now?.() ?? new Date();
  const started = now();
  // A corrupt status file stops the fetch before it starts, not after every request was made.
  await readFetchStatus(opts.root);
  const entries: Record<string, SloFetchStatus> = {};
  // Plan inside the pool: only `concurrency` snapshots are in memory at once.
  const results = await Promise.all(
    slos.map((slo) =>
      perSlo(async () => {
        const [plan] = (await planFetch([slo], opts)) as [SloPlan];
        opts.onEvent?.({ type: 'start', plan });
        let { result, snapshot } = await fetchOne(plan, transport, run, opts);
        if (snapshot) {
          try {
            await writeSnapshot(opts.root, snapshot);
          } catch (e) {
            result = { ...result, ok: false, error: `${result.source}: SLO ${plan.slo.id}: cannot write the snapshot: ${(e as Error).message}` };
            snapshot = undefined;
          }
        }
        const onDisk = snapshot ?? (await readSnapshotIfExists(snapshotPath(opts.root, plan.slo.id)).catch(() => undefined));
        entries[plan.slo.id] = statusEntry(result, onDisk, started);
        opts.onEvent?.({ type: 'done', result });
        return result;
      }),
    ),
  );
  const statusFile = await updateFetchStatus(opts.root, entries, now());
  return { ok: results.every((r) => r.ok), results, statusFile };
}
