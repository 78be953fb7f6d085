/**
 * A fake PromTransport for unit tests: answers query_range with a value per step computed by
 * `value(query, t)` (undefined = no sample), or with scripted failures, and tracks concurrency.
 */
import type { HttpResponse, PromTransport } from '../../src/adapters/prometheus/transport.ts';

export type Scripted = { status: number; body?: object | string; headers?: Record<string, string> } | 'timeout' | 'network';

export interface FakeTransport extends PromTransport {
  /** Answers to give before the normal ones, in order (for any request). */
  script: Scripted[];
  calls: { query: string; start: number; end: number; step: number }[];
  maxInFlight: number;
  warnings: string[];
}

export function fakeTransport(value: (query: string, t: number) => number | undefined, delayMs = 1): FakeTransport {
  let inFlight = 0;
  const fake: FakeTransport = {
    script: [],
    calls: [],
    maxInFlight: 0,
    warnings: [],
    async post(path, params, signal) {
      if (path !== '/api/v1/query_range') throw new Error(`unexpected path ${path}`);
      const q = { query: params.get('query')!, start: Number(params.get('start')), end: Number(params.get('end')), step: Number(params.get('step')) };
      fake.calls.push(q);
      inFlight++;
      fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
      try {
        await new Promise((r) => setTimeout(r, delayMs));
        const next = fake.script.shift();
        if (next === 'timeout') {
          return await new Promise<HttpResponse>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
        }
        if (next === 'network') throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
        if (next) {
          const body = typeof next.body === 'string' ? next.body : JSON.stringify(next.body ?? {});
          const headers = Object.fromEntries(Object.entries(next.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
          return { status: next.status, header: (n) => headers[n.toLowerCase()] ?? null, body };
        }
        const values: [number, string][] = [];
        for (let t = q.start; t <= q.end; t += q.step) {
          const v = value(q.query, t);
          if (v !== undefined) values.push([t, String(v)]);
        }
        const result = values.length ? [{ metric: {}, values }] : [];
        const body = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result }, ...(fake.warnings.length ? { warnings: fake.warnings } : {}) });
        return { status: 200, header: () => null, body };
      } finally {
        inFlight--;
      }
    },
  };
  return fake;
}
