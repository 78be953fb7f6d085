/** Retries: exponential backoff with full jitter, honouring `Retry-After`. */
export interface RetryPolicy {
  /** Retries after the first attempt (so `retries + 1` attempts at most). */
  retries: number;
  /** Backoff before retry n (0-based) is uniform in [0, min(capMs, baseMs * 2^n)]. */
  baseMs: number;
  capMs: number;
  /** A `Retry-After` longer than this is not waited for: the request fails instead. */
  maxRetryAfterMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 5,
  baseMs: 500,
  capMs: 30_000,
  maxRetryAfterMs: 120_000,
  sleep: abortableSleep,
  random: Math.random,
};

/** Full-jitter backoff before retry number `retry` (0 for the first retry). */
export function backoffMs(retry: number, policy: Pick<RetryPolicy, 'baseMs' | 'capMs' | 'random'>): number {
  return Math.floor(policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** retry));
}

/** `Retry-After` as milliseconds to wait: delta-seconds or an HTTP date. Undefined if absent or malformed. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
