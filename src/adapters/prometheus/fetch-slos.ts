import type { Column, Snapshot } from '../../schemas/snapshot.ts';
import { readSnapshotIfExists, snapshotPath, writeSnapshot } from '../snapshots/store.ts';
import { matrixToColumn, mergeSeries } from './columns.ts';
import { updateFetchStatus, type SloFetchStatus } from './fetch-status.ts';
import { planSlo, pointsIn, type FetchableSlo, type SloPlan, type TimeGrid } from './plan.ts';
import { queryRange } from './query-range.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.ts';
import type { PromTransport } from './transport.ts';

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

async function fetchOne(plan: SloPlan, transport: PromTransport, run: ReturnType<typeof limiter>, opts: FetchOptions): Promise<{ result: SloFetchResult; snapshot?: Snapshot }> {
  const redact = opts.redact ?? ((s: string) => s);
  const began = Date.now();
  const names = Object.keys(plan.queries);
  const result: SloFetchResult = {
    id: plan.slo.id, source: sourceOf(plan.slo), ok: false, mode: plan.mode, reason: plan.reason, warnings: [],
    points: 0, chunks: 0, chunksTotal: plan.chunks.length * names.length, retries: 0, bytes: 0, durationMs: 0,
  };
  const abort = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, abort.signal]) : abort.signal;
  const warnings = new Set<string>();
  const parts: Record<string, Column[]> = Object.fromEntries(names.map((n) => [n, []]));
  let failure: string | undefined;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const tasks = names.flatMap((name) =>
    plan.chunks.map((chunk, ci) =>
      run(async () => {
        if (signal.aborted) return;
        const query = plan.queries[name]!;
        try {
          const res = await queryRange(transport, { query, ...chunk }, {
            timeoutMs: opts.timeoutMs ?? 30_000, retry, signal,
            onRetry: (reason, waitMs) => {
              result.retries++;
              opts.onEvent?.({ type: 'retry', id: plan.slo.id, reason: redact(reason), waitMs });
            },
          });
          const col = matrixToColumn(res.series, chunk);
          parts[name]![ci] = col.column;
          for (const w of res.warnings) warnings.add(`series ${name}: Prometheus warning: ${w}`);
          if (col.seriesCount > 1) warnings.add(`series ${name}: the query returned ${col.seriesCount} series; summed per step (wrap the query in sum() to silence this)`);
          if (col.invalid) warnings.add(`series ${name}: ${col.invalid} NaN, infinite or negative values stored as null`);
          if (col.offGrid) warnings.add(`series ${name}: ${col.offGrid} samples off the step grid ignored`);
          result.chunks++;
          result.points += col.samples;
          result.bytes += res.bytes;
          opts.onEvent?.({ type: 'progress', id: plan.slo.id, chunks: result.chunks, chunksTotal: result.chunksTotal, points: result.points, bytes: result.bytes });
        } catch (e) {
          if (failure === undefined && !(opts.signal?.aborted)) {
            const range = `${new Date(chunk.start * 1000).toISOString()} .. ${new Date(chunk.end * 1000).toISOString()}`;
            failure = `${result.source}: SLO ${plan.slo.id}, series ${name}: ${(e as Error).message}\n  query: ${query}\n  range: ${range} step ${chunk.step}s`;
          }
          abort.abort(new Error('another query of this SLO failed'));
        }
      }),
    ),
  );
  await Promise.all(tasks);
  result.durationMs = Date.now() - began;
  result.warnings = [...warnings].map(redact);
  if (opts.signal?.aborted) failure ??= `${result.source}: SLO ${plan.slo.id}: interrupted`;
  if (failure === undefined && opts.failOnWarnings && result.warnings.length) {
    failure = `${result.source}: SLO ${plan.slo.id}: the responses carry warnings and --fail-on-warnings is set`;
  }
  if (failure !== undefined) {
    result.error = redact(failure);
    return { result };
  }
  const columns = Object.fromEntries(names.map((n) => [n, parts[n]!.flat()]));
  for (const [n, col] of Object.entries(columns)) {
    if (col.length !== pointsIn(plan.fetch)) throw new Error(`internal: series ${n} has ${col.length} points, expected ${pointsIn(plan.fetch)}`);
    // Most often a typo in a metric or label name: Prometheus answers an empty result, not an error.
    if (col.every((v) => v === null)) result.warnings.push(`series ${n}: no data at all in the fetched range (check the metric and label names)`);
  }
  const merged = mergeSeries(plan.base, plan.fetch, columns);
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
  result.ok = true;
  return { result, snapshot };
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
