import { backoffMs, parseRetryAfter, type RetryPolicy } from './retry.ts';
import type { HttpResponse, PromTransport } from './transport.ts';

export interface RangeQuery {
  query: string;
  /** Unix seconds of the first and last evaluation, and seconds between evaluations. */
  start: number;
  end: number;
  step: number;
}

/** One series of a range-vector result: `values` are `[unixSeconds, "value"]`. */
export interface MatrixSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

export interface RangeResult {
  series: MatrixSeries[];
  /** `warnings` of the response (partial responses from Thanos, Mimir, ...). */
  warnings: string[];
  /** Bytes of the response body that was used. */
  bytes: number;
  /** Attempts that failed and were retried. */
  retries: number;
}

/** A query that failed: `retriable` is false for a rejected query (4xx), true when retries ran out. */
export class PromQueryError extends Error {
  readonly retriable: boolean;
  readonly status: number | undefined;
  readonly errorType: string | undefined;
  readonly retries: number;
  constructor(message: string, opts: { retriable: boolean; status?: number; errorType?: string; retries?: number }) {
    super(message);
    this.retriable = opts.retriable;
    this.status = opts.status;
    this.errorType = opts.errorType;
    this.retries = opts.retries ?? 0;
  }
}

interface Attempt {
  ok?: RangeResult;
  /** Why it failed, and whether to retry. */
  error?: string;
  retriable?: boolean;
  status?: number;
  errorType?: string;
  retryAfterMs?: number;
}

function snippet(body: string): string {
  const s = body.replace(/\s+/g, ' ').trim();
  return s.length > 200 ? `${s.slice(0, 200)}...` : s || '(empty body)';
}

function promError(body: string): { error?: string; errorType?: string } {
  try {
    const j = JSON.parse(body) as { error?: unknown; errorType?: unknown };
    return {
      error: typeof j.error === 'string' ? j.error : undefined,
      errorType: typeof j.errorType === 'string' ? j.errorType : undefined,
    };
  } catch {
    return {};
  }
}

function classify(res: HttpResponse, nowMs: number): Attempt {
  const { status, body } = res;
  if (status >= 200 && status < 300) {
    let json: { status?: string; data?: { resultType?: string; result?: unknown }; warnings?: unknown; error?: string; errorType?: string };
    try {
      json = JSON.parse(body);
    } catch {
      return { error: `HTTP ${status} but the body is not JSON: ${snippet(body)}`, retriable: true, status };
    }
    if (json.status !== 'success') {
      return { error: `Prometheus answered ${json.errorType ?? 'error'}: ${json.error ?? snippet(body)}`, retriable: false, status, errorType: json.errorType };
    }
    if (json.data?.resultType !== 'matrix' || !Array.isArray(json.data.result)) {
      return { error: `expected a matrix (range vector) result, got ${json.data?.resultType ?? 'nothing'}`, retriable: false, status };
    }
    const warnings = Array.isArray(json.warnings) ? json.warnings.map(String) : [];
    return { ok: { series: json.data.result as MatrixSeries[], warnings, bytes: Buffer.byteLength(body), retries: 0 } };
  }
  const { error, errorType } = promError(body);
  const detail = error !== undefined ? `${errorType ? `(${errorType}) ` : ''}${error}` : snippet(body);
  if (status >= 300 && status < 400) {
    return { error: `HTTP ${status}: redirected (to ${res.header('location') ?? '?'}); set PROMETHEUS_URL to the final URL`, retriable: false, status };
  }
  if (status === 429 || status >= 500) {
    return { error: `HTTP ${status}: ${detail}`, retriable: true, status, errorType, retryAfterMs: parseRetryAfter(res.header('retry-after'), nowMs) };
  }
  return { error: `Prometheus rejected the query: HTTP ${status} ${detail}`, retriable: false, status, errorType };
}

function describeThrown(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return `timed out after ${timeoutMs / 1000}s`;
  const cause = err?.cause?.code ?? err?.cause?.message;
  return `connection error: ${err?.message ?? String(e)}${cause ? ` (${cause})` : ''}`;
}

export interface QueryRangeOptions {
  timeoutMs: number;
  retry: RetryPolicy;
  /** Aborts the whole request, retries included (another query of the SLO failed, or an interrupt). */
  signal?: AbortSignal;
  /** Called before each retry. */
  onRetry?: (reason: string, waitMs: number) => void;
  now?: () => number;
}

/** `POST /api/v1/query_range`, with a timeout per attempt and retries on timeouts, connection errors, 429 and 5xx. */
export async function queryRange(transport: PromTransport, q: RangeQuery, opts: QueryRangeOptions): Promise<RangeResult> {
  const now = opts.now ?? Date.now;
  const params = new URLSearchParams({
    query: q.query,
    start: String(q.start),
    end: String(q.end),
    step: String(q.step),
    timeout: `${Math.max(1, Math.floor(opts.timeoutMs / 1000))}s`,
  });
  for (let attempt = 0; ; attempt++) {
    opts.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let result: Attempt;
    try {
      result = classify(await transport.post('/api/v1/query_range', params, signal), now());
    } catch (e) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      result = { error: describeThrown(e, opts.timeoutMs), retriable: true };
    }
    if (result.ok) return { ...result.ok, retries: attempt };
    const fail = (message: string) =>
      new PromQueryError(message, { retriable: result.retriable!, status: result.status, errorType: result.errorType, retries: attempt });
    if (!result.retriable) throw fail(result.error!);
    if (attempt >= opts.retry.retries) throw fail(`gave up after ${attempt + 1} attempts: ${result.error}`);
    if (result.retryAfterMs !== undefined && result.retryAfterMs > opts.retry.maxRetryAfterMs) {
      throw fail(`${result.error}; the server asks to retry after ${Math.round(result.retryAfterMs / 1000)}s, longer than we wait`);
    }
    const waitMs = result.retryAfterMs ?? backoffMs(attempt, opts.retry);
    opts.onRetry?.(result.error!, waitMs);
    await opts.retry.sleep(waitMs, opts.signal);
  }
}
