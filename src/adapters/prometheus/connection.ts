import { makeRedactor } from './redact.ts';

/**
 * How to reach Prometheus (or Mimir, Cortex, Thanos, VictoriaMetrics), from the environment:
 *
 * - `PROMETHEUS_URL`: base URL, e.g. `https://prometheus.example.com` or `https://mimir/prometheus`
 *   (the API is under `<url>/api/v1/`). Userinfo in the URL (`https://user:pass@host`) is taken
 *   out of the URL and sent as basic auth.
 * - `PROMETHEUS_BEARER_TOKEN`: sent as `Authorization: Bearer <token>`, or
 * - `PROMETHEUS_USERNAME` / `PROMETHEUS_PASSWORD`: basic auth.
 * - `PROMETHEUS_HEADERS`: extra headers as `Name=value` pairs separated by commas, e.g.
 *   `X-Scope-OrgID=tenant1,X-Other=x`. The first `=` splits name from value, so values may hold
 *   `=`. If the variable contains a newline, pairs are separated by newlines instead and values
 *   may hold commas. Blank entries are ignored; whitespace around names and values is trimmed.
 *
 * Credentials never reach a snapshot, a log line or an error message: every message goes through
 * the connection's `redact`.
 */
export interface Connection {
  /** Base URL without userinfo and without a trailing slash. */
  baseUrl: string;
  /** Headers to send with every request (may hold credentials: never print them). */
  headers: Record<string, string>;
  /** What authentication is used, safe to print: `none`, `bearer token`, `basic auth`. */
  auth: 'none' | 'bearer token' | 'basic auth';
  /** Names of the extra headers (values are not safe to print). */
  extraHeaderNames: string[];
  /** Replace every credential (and URL userinfo) in a message with `[REDACTED]`, escaped forms too. */
  redact: (text: string) => string;
  /** `redact`, and also any piece of 8 characters or more of a credential: for text a server sent. */
  redactServerText: (text: string) => string;
}

export class ConnectionError extends Error {}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Parse `PROMETHEUS_HEADERS`. Throws a ConnectionError that never quotes a value. */
export function parseHeaderList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = text.includes('\n') ? text.split(/\r?\n/) : text.split(',');
  entries.forEach((entry, i) => {
    if (entry.trim() === '') return;
    const eq = entry.indexOf('=');
    const name = (eq < 0 ? entry : entry.slice(0, eq)).trim();
    if (eq < 0 || !HEADER_NAME.test(name)) {
      throw new ConnectionError(
        `PROMETHEUS_HEADERS: entry ${i + 1} is not Name=value (expected e.g. X-Scope-OrgID=tenant1,X-Other=x)`,
      );
    }
    out[name] = entry.slice(eq + 1).trim();
  });
  return out;
}

/** Read the connection from an environment; undefined when `PROMETHEUS_URL` is not set. */
export function connectionFromEnv(env: Record<string, string | undefined>): Connection | undefined {
  const raw = env.PROMETHEUS_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConnectionError('PROMETHEUS_URL is not a valid URL (expected e.g. http://prometheus:9090)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConnectionError(`PROMETHEUS_URL must be http:// or https://, not ${url.protocol}//`);
  }
  let username = env.PROMETHEUS_USERNAME ?? '';
  let password = env.PROMETHEUS_PASSWORD ?? '';
  const urlUser = decodeURIComponent(url.username);
  const urlPass = decodeURIComponent(url.password);
  if (url.username || url.password) {
    if (username || password) throw new ConnectionError('PROMETHEUS_URL holds a user and password and so do PROMETHEUS_USERNAME/PASSWORD: set only one');
    username = urlUser;
    password = urlPass;
    url.username = '';
    url.password = '';
  }
  const token = env.PROMETHEUS_BEARER_TOKEN ?? '';
  if (token && (username || password)) {
    throw new ConnectionError('set either PROMETHEUS_BEARER_TOKEN or basic auth (PROMETHEUS_USERNAME/PASSWORD), not both');
  }
  const extra = env.PROMETHEUS_HEADERS ? parseHeaderList(env.PROMETHEUS_HEADERS) : {};
  const headers: Record<string, string> = { ...extra };
  let auth: Connection['auth'] = 'none';
  if (token) {
    headers.Authorization = `Bearer ${token}`;
    auth = 'bearer token';
  } else if (username || password) {
    headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    auth = 'basic auth';
  }
  const secrets = [token, password, `${username}:${password}`, urlUser, urlPass, ...Object.values(extra)];
  if (username.length >= 3) secrets.push(username);
  const baseUrl = url.toString().replace(/\/+$/, '');
  const kept = secrets.filter((s) => s === token || s === password || s.length >= 3);
  return {
    baseUrl,
    headers,
    auth,
    extraHeaderNames: Object.keys(extra),
    redact: makeRedactor(kept),
    redactServerText: makeRedactor(kept, true),
  };
}
