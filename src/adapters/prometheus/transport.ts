import type { Connection } from './connection.ts';

/** What the fetch needs from an HTTP response. */
export interface HttpResponse {
  status: number;
  /** Header lookup, case-insensitive (`retry-after`). */
  header: (name: string) => string | null;
  body: string;
}

/**
 * The HTTP seam: one POST of form parameters to a Prometheus API path. The real implementation
 * uses Node's fetch; unit tests pass a fake. Network failures reject (any error); an aborted
 * signal rejects with the signal's reason (a `TimeoutError` DOMException for timeouts).
 */
export interface PromTransport {
  post: (path: string, params: URLSearchParams, signal: AbortSignal) => Promise<HttpResponse>;
}

/** A transport over Node's global fetch (undici). */
export function httpTransport(conn: Connection): PromTransport {
  return {
    async post(path, params, signal) {
      const res = await fetch(`${conn.baseUrl}${path}`, {
        method: 'POST',
        headers: { ...conn.headers, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: params.toString(),
        signal,
        // A redirect is reported, not followed: credentials must not travel to another URL.
        redirect: 'manual',
      });
      const body = await res.text();
      return { status: res.status, header: (name) => res.headers.get(name), body };
    },
  };
}
