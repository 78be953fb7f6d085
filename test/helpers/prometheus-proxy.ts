/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of a real Prometheus: answers 500 (or 429)
 * for the next N requests, stays down, or requires an Authorization header.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyControl {
  url: string;
  /** Answer 500 to the next `failNext` requests. */
  failNext: number;
  /** Answer 429 with `Retry-After: 1` to the next `throttleNext` requests. */
  throttleNext: number;
  /** Answer 503 to every request. */
  down: boolean;
  /** Never answer (until closed): a request that hangs. */
  hang: boolean;
  /** Requests received (answered or not). */
  received: number;
  /** Require exactly this Authorization header (401 otherwise). */
  requireAuth: string | undefined;
  /** Requests seen, and how they were answered. */
  log: { path: string; status: number }[];
  close: () => Promise<void>;
}

function answer(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function startProxy(target: string): Promise<ProxyControl> {
  const t = new URL(target);
  const control: ProxyControl = {
    url: '',
    failNext: 0,
    throttleNext: 0,
    down: false,
    hang: false,
    received: 0,
    requireAuth: undefined,
    log: [],
    close: async () => {},
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const record = (status: number) => control.log.push({ path, status });
    control.received++;
    if (control.hang) return;
    if (control.requireAuth !== undefined && req.headers.authorization !== control.requireAuth) {
      record(401);
      return answer(res, 401, { status: 'error', errorType: 'unauthorized', error: 'missing or wrong credentials' });
    }
    if (control.down) {
      record(503);
      return answer(res, 503, { status: 'error', errorType: 'unavailable', error: 'injected: server down' });
    }
    if (control.failNext > 0) {
      control.failNext--;
      record(500);
      return answer(res, 500, { status: 'error', errorType: 'internal', error: 'injected failure' });
    }
    if (control.throttleNext > 0) {
      control.throttleNext--;
      record(429);
      return answer(res, 429, { status: 'error', errorType: 'too_many_requests', error: 'injected throttle' }, { 'Retry-After': '1' });
    }
    const headers = { ...req.headers, host: t.host };
    delete headers.authorization;
    const up = request({ host: t.hostname, port: t.port, method: req.method, path, headers }, (upRes) => {
      record(upRes.statusCode ?? 0);
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', (e) => answer(res, 502, { status: 'error', errorType: 'proxy', error: e.message }));
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  control.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  control.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return control;
}
