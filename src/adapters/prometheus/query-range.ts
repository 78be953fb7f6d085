import { pointsIn } from './plan.ts';
import { quoteServerText } from './redact.ts';
import { backoffMs, parseRetryAfter, type RetryPolicy } from './retry.ts';
import { ResponseTooLargeError, type HttpResponse, type PromTransport } from './transport.ts';

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

/** Prometheus's JSON error fields, if the body is one. */
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

type Redact = (text: string) => string;

/** Statuses whose body is never shown: an auth proxy's page may echo the credentials it refused. */
const AUTH_STATUSES: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 407: 'Proxy Authentication Required' };

/**
 * The shape of a matrix, checked: each series has a `values` array of `[time, "value"]` pairs.
 * (How many a series may hold is checked with the duplicates, in `matrixToColumn`.)
 */
function checkMatrix(result: unknown[]): string | undefined {
  for (let i = 0; i < result.length; i++) {
    const values = (result[i] as { values?: unknown } | null)?.values;
    if (!Array.isArray(values) || values.some((v) => !Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number')) {
      return `series ${i + 1} of the answer is not a list of [time, "value"] pairs`;
    }
  }
  return undefined;
}

function classify(res: HttpResponse, q: RangeQuery, nowMs: number, redact: Redact): Attempt {
  const { status, body } = res;
  const quote = (text: string, max = 200) => quoteServerText(text, redact, max) || '(empty body)';
  if (status >= 200 && status < 300) {
    let json: { status?: string; data?: { resultType?: string; result?: unknown }; warnings?: unknown; error?: unknown; errorType?: unknown };
    try {
      json = JSON.parse(body);
    } catch {
      return { error: `HTTP ${status} but the body is not JSON: ${quote(body)}`, retriable: true, status };
    }
    if (json?.status !== 'success') {
      const errorType = typeof json?.errorType === 'string' ? quote(json.errorType, 40) : undefined;
      const text = typeof json?.error === 'string' ? quote(json.error, 500) : quote(body);
      return { error: `Prometheus answered ${errorType ?? 'error'}: ${text}`, retriable: false, status, errorType };
    }
    if (json.data?.resultType !== 'matrix' || !Array.isArray(json.data.result)) {
      return { error: `expected a matrix (range vector) result, got ${typeof json.data?.resultType === 'string' ? quote(json.data.resultType, 40) : 'nothing'}`, retriable: false, status };
    }
    const bad = checkMatrix(json.data.result);
    if (bad) return { error: bad, retriable: false, status };
    const warnings = Array.isArray(json.warnings) ? json.warnings.slice(0, 20).map((w) => quote(String(w), 300)) : [];
    return { ok: { series: json.data.result as MatrixSeries[], warnings, bytes: Buffer.byteLength(body), retries: 0 } };
  }
  if (AUTH_STATUSES[status]) {
    return {
      error: `HTTP ${status} ${AUTH_STATUSES[status]}: the server refused the credentials (check PROMETHEUS_BEARER_TOKEN, PROMETHEUS_USERNAME/PASSWORD and PROMETHEUS_HEADERS); its answer is not shown, as it may echo them`,
      retriable: false,
      status,
    };
  }
  const parsed = promError(body);
  const errorType = parsed.errorType !== undefined ? quote(parsed.errorType, 40) : undefined;
  const detail = parsed.error !== undefined ? `${errorType ? `(${errorType}) ` : ''}${quote(parsed.error, 500)}` : quote(body);
  if (status >= 300 && status < 400) {
    return { error: `HTTP ${status}: redirected (to ${quote(res.header('location') ?? '?', 200)}); set PROMETHEUS_URL to the final URL`, retriable: false, status };
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
  /** Hides credentials in text the server sent back, before it is cut short (default: none). */
  redact?: (text: string) => string;
  /** Largest response body read, in bytes (default: no limit); a larger one fails the query. */
  maxBytes?: number;
}

/** The message for an answer over the size limit: what was asked, and what to change. */
function tooLarge(limit: number, q: RangeQuery): string {
  return `${new ResponseTooLargeError(limit).message} (asked for ${pointsIn(q)} points per series): refusing it; if the query returns many series, aggregate them with sum(), or raise --max-response-mb`;
}

/** `POST /api/v1/query_range`, with a timeout per attempt and retries on timeouts, connection errors, 429 and 5xx. */
export async function queryRange(transport: PromTransport, q: RangeQuery, opts: QueryRangeOptions): Promise<RangeResult> {
  const now = opts.now ?? Date.now;
  const redact = opts.redact ?? ((text: string) => text);
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
      result = classify(await transport.post('/api/v1/query_range', params, signal, opts.maxBytes), q, now(), redact);
    } catch (e) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      if (e instanceof ResponseTooLargeError) result = { error: tooLarge(e.limit, q), retriable: false };
      else result = { error: describeThrown(e, opts.timeoutMs), retriable: true };
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
