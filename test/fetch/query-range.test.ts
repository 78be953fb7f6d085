import { describe, expect, it } from 'vitest';
import { PromQueryError, queryRange, type QueryRangeOptions } from '../../src/adapters/prometheus/query-range.ts';
import { backoffMs, DEFAULT_RETRY, parseRetryAfter } from '../../src/adapters/prometheus/retry.ts';
import { fakeTransport } from '../helpers/prometheus-fake.ts';

const q = { query: 'sum(x)', start: 0, end: 600, step: 300 };

function opts(waits: number[], over: Partial<QueryRangeOptions> = {}): QueryRangeOptions {
  return {
    timeoutMs: 50,
    retry: { ...DEFAULT_RETRY, retries: 3, random: () => 1, sleep: async (ms) => void waits.push(ms) },
    ...over,
  };
}

describe('backoff', () => {
  it('is full jitter under an exponential cap', () => {
    const p = { baseMs: 500, capMs: 30_000 };
    expect([0, 1, 2, 3, 10].map((n) => backoffMs(n, { ...p, random: () => 0.999999 }))).toEqual([499, 999, 1999, 3999, 29999]);
    expect(backoffMs(5, { ...p, random: () => 0 })).toBe(0);
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7', 0)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});

describe('queryRange', () => {
  it('returns the matrix and the warnings of a partial response', async () => {
    const t = fakeTransport(() => 1);
    t.warnings = ['partial response: store gateway down'];
    const r = await queryRange(t, q, opts([]));
    expect(r.series[0]!.values).toEqual([[0, '1'], [300, '1'], [600, '1']]);
    expect(r).toMatchObject({ warnings: ['partial response: store gateway down'], retries: 0 });
  });

  it('retries 5xx, timeouts and connection errors with growing backoff', async () => {
    const t = fakeTransport(() => 1);
    t.script = [{ status: 502, body: '<html>bad gateway</html>' }, 'timeout', 'network'];
    const waits: number[] = [];
    const retried: string[] = [];
    const r = await queryRange(t, q, opts(waits, { onRetry: (reason) => retried.push(reason) }));
    expect(r.retries).toBe(3);
    expect(waits).toEqual([500, 1000, 2000]);
    expect(retried).toEqual(['HTTP 502: <html>bad gateway</html>', 'timed out after 0.05s', 'connection error: fetch failed (ECONNREFUSED)']);
  });

  it('honours Retry-After on 429', async () => {
    const t = fakeTransport(() => 1);
    t.script = [{ status: 429, headers: { 'Retry-After': '3' } }];
    const waits: number[] = [];
    await queryRange(t, q, opts(waits));
    expect(waits).toEqual([3000]);
  });

  it('gives up on a Retry-After longer than it waits', async () => {
    const t = fakeTransport(() => 1);
    t.script = [{ status: 503, headers: { 'Retry-After': '3600' } }];
    await expect(queryRange(t, q, opts([]))).rejects.toThrow(/retry after 3600s, longer than we wait/);
  });

  it('gives up after the retries, saying why', async () => {
    const t = fakeTransport(() => 1);
    t.script = Array(4).fill({ status: 500, body: { status: 'error', errorType: 'internal', error: 'boom' } });
    const e = await queryRange(t, q, opts([])).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PromQueryError);
    expect((e as PromQueryError).message).toBe('gave up after 4 attempts: HTTP 500: (internal) boom');
    expect(t.calls).toHaveLength(4);
  });

  it('does not retry a rejected query (400/422) and reports Prometheus\'s error text', async () => {
    for (const status of [400, 422]) {
      const t = fakeTransport(() => 1);
      t.script = [{ status, body: { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected <EOF>' } }];
      const e = (await queryRange(t, q, opts([])).catch((x: unknown) => x)) as PromQueryError;
      expect(e.message).toBe(`Prometheus rejected the query: HTTP ${status} (bad_data) 1:5: parse error: unexpected <EOF>`);
      expect(e).toMatchObject({ retriable: false, status, errorType: 'bad_data' });
      expect(t.calls).toHaveLength(1);
    }
  });

  // Redirects: see test/fetch/hostile.test.ts, against a real server that redirects.
  it('refuses a non-matrix result, and a matrix that is not a list of [time, "value"] pairs', async () => {
    const t = fakeTransport(() => 1);
    t.script = [
      { status: 200, body: { status: 'success', data: { resultType: 'vector', result: [] } } },
      { status: 200, body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: 'lots' }] } } },
    ];
    await expect(queryRange(t, q, opts([]))).rejects.toThrow(/expected a matrix/);
    await expect(queryRange(t, q, opts([]))).rejects.toThrow('series 1 of the answer is not a list of [time, "value"] pairs');
  });

  it('stops at once when the caller aborts', async () => {
    const t = fakeTransport(() => 1);
    t.script = ['timeout'];
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('interrupted')), 5);
    await expect(queryRange(t, q, opts([], { signal: ac.signal, timeoutMs: 10_000 }))).rejects.toThrow('interrupted');
  });
});
