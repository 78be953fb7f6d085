import type { Connection } from './connection.ts';

/** What the fetch needs from an HTTP response. */
export interface HttpResponse {
  status: number;
  /** Header lookup, case-insensitive (`retry-after`). */
  header: (name: string) => string | null;
  body: string;
}

/** A response body larger than the caller accepts: the rest is not read. */
export class ResponseTooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`the answer is larger than ${formatLimit(limit)}: stopped reading it`);
    this.limit = limit;
  }
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${bytes} bytes`;
}

/**
 * The HTTP seam: one POST of form parameters to a Prometheus API path. The real implementation
 * uses Node's fetch; unit tests pass a fake. Network failures reject (any error); an aborted
 * signal rejects with the signal's reason (a `TimeoutError` DOMException for timeouts); a body
 * over `maxBytes` rejects with a ResponseTooLargeError, having read no more than that.
 */
export interface PromTransport {
  post: (path: string, params: URLSearchParams, signal: AbortSignal, maxBytes?: number) => Promise<HttpResponse>;
}

/** Read a body up to `maxBytes`; cancel the stream and throw beyond. */
async function readCapped(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new ResponseTooLargeError(maxBytes);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ResponseTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A transport over Node's global fetch (undici). */
export function httpTransport(conn: Connection): PromTransport {
  return {
    async post(path, params, signal, maxBytes = Number.POSITIVE_INFINITY) {
      const res = await fetch(`${conn.baseUrl}${path}`, {
        method: 'POST',
        headers: { ...conn.headers, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: params.toString(),
        signal,
        // A redirect is reported, not followed: credentials must not travel to another URL.
        redirect: 'manual',
      });
      const body = await readCapped(res, maxBytes);
      return { status: res.status, header: (name) => res.headers.get(name), body };
    },
  };
}
