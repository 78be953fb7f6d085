/**
 * A real Prometheus for the integration tests: backfill OpenMetrics text with promtool into a
 * fresh TSDB in a temp dir, start `prometheus` on a free loopback port, wait for /-/ready.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrometheusServer {
  url: string;
  dir: string;
  stop: () => Promise<void>;
}

function requireBinary(name: string): void {
  const r = spawnSync(name, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `"${name}" is not installed or does not run (${r.error?.message ?? r.stderr.trim()}). ` +
        'The fetch integration tests need a real Prometheus: apt-get install prometheus (which provides prometheus and promtool).',
    );
  }
}

/** A port that was free a moment ago (listen on port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitReady(url: string, proc: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`prometheus exited with ${proc.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`prometheus not ready after ${timeoutMs / 1000}s:\n${log()}`);
}

/** Backfill `openMetrics` and start Prometheus on it. Call `stop()` in afterAll. */
export async function startPrometheus(openMetrics: string): Promise<PrometheusServer> {
  requireBinary('promtool');
  requireBinary('prometheus');
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-prom-'));
  const tsdb = join(dir, 'tsdb');
  try {
    await writeFile(join(dir, 'data.om'), openMetrics);
    const backfill = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', join(dir, 'data.om'), tsdb], { encoding: 'utf8' });
    if (backfill.status !== 0) throw new Error(`promtool backfill failed: ${backfill.stderr || backfill.stdout}`);
    await writeFile(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\nscrape_configs: []\n');
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      let output = '';
      const proc = spawn('prometheus', [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${tsdb}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=100y',
        '--log.level=warn',
      ], { stdio: ['ignore', 'pipe', 'pipe'] });
      proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      const stop = async () => {
        if (proc.exitCode === null) {
          const exited = new Promise((r) => proc.once('exit', r));
          proc.kill('SIGTERM');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
          if (proc.exitCode === null) proc.kill('SIGKILL');
        }
        await rm(dir, { recursive: true, force: true });
      };
      try {
        await waitReady(url, proc, () => output.slice(-2000), 60_000);
        return { url, dir, stop };
      } catch (e) {
        if (proc.exitCode === null) proc.kill('SIGKILL');
        // Someone took the port between our check and Prometheus's bind: try another.
        if (attempt >= 3 || !/address already in use/.test(output)) throw e;
      }
    }
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Prometheus's own instant evaluation of `query` at `time` (Unix seconds): the single value, or undefined. */
export async function instantQuery(url: string, query: string, time: number): Promise<number | undefined> {
  const res = await fetch(`${url}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query, time: String(time) }) });
  const json = (await res.json()) as { status: string; error?: string; data: { result: { value: [number, string] }[] } };
  if (json.status !== 'success') throw new Error(`instant query failed: ${json.error}`);
  const v = json.data.result[0]?.value[1];
  return v === undefined ? undefined : Number(v);
}
