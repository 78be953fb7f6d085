/**
 * A real HTTP server on 127.0.0.1 that answers as a broken or hostile Prometheus would: `answer`
 * decides each response from the request (its form parameters, headers). Every request is
 * recorded, headers included, so a test can prove what was (not) sent.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  params: URLSearchParams;
}

export interface HostileAnswer {
  status: number;
  headers?: Record<string, string>;
  /** A string, or chunks written one by one (a generator may produce far more than memory holds). */
  body?: string | Iterable<string>;
}

export interface HostileServer {
  url: string;
  requests: SeenRequest[];
  /** Bytes of body written, over all responses (a stream stops when the client hangs up). */
  bytesWritten: number;
  answer: (req: SeenRequest) => HostileAnswer;
  close: () => Promise<void>;
}

async function writeChunks(res: ServerResponse, chunks: Iterable<string>, onBytes: (n: number) => void): Promise<void> {
  for (const chunk of chunks) {
    if (res.destroyed || res.writableEnded) return;
    onBytes(Buffer.byteLength(chunk));
    if (!res.write(chunk)) {
      const drained = await new Promise<boolean>((resolve) => {
        res.once('drain', () => resolve(true));
        res.once('close', () => resolve(false));
      });
      if (!drained) return;
    }
  }
  res.end();
}

export async function startHostile(answer: HostileServer['answer']): Promise<HostileServer> {
  const server: HostileServer = { url: '', requests: [], bytesWritten: 0, answer, close: async () => {} };
  const http = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const seen: SeenRequest = { method: req.method ?? '', path: req.url ?? '/', headers: req.headers, params: new URLSearchParams(raw) };
      server.requests.push(seen);
      const a = server.answer(seen);
      res.writeHead(a.status, { 'Content-Type': 'application/json', ...a.headers });
      if (typeof a.body === 'string' || a.body === undefined) {
        server.bytesWritten += Buffer.byteLength(a.body ?? '');
        res.end(a.body ?? '');
      } else {
        void writeChunks(res, a.body, (n) => (server.bytesWritten += n));
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  server.close = () =>
    new Promise<void>((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    });
  return server;
}

/** The steps a query_range request asks for. */
export function requestedSteps(req: SeenRequest): number[] {
  const start = Number(req.params.get('start'));
  const end = Number(req.params.get('end'));
  const step = Number(req.params.get('step'));
  const out: number[] = [];
  for (let t = start; t <= end; t += step) out.push(t);
  return out;
}

/** A successful matrix answer: one series per entry, each `[time, value]` pair as Prometheus writes it. */
export function matrix(series: { metric?: Record<string, string>; values: [number, number | string][] }[]): HostileAnswer {
  const result = series.map((s) => ({ metric: s.metric ?? {}, values: s.values.map(([t, v]) => [t, String(v)]) }));
  return { status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }) };
}
