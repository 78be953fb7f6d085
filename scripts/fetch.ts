/**
 * `npm run fetch`: pull every SLO's series from Prometheus into data/snapshots/ (see --help).
 * Exit status: 0 all fetched, 1 some SLOs failed (the others are written), 2 usage/configuration,
 * 130 interrupted (SIGINT/SIGTERM: requests are aborted, nothing half-written, status recorded).
 */
import { resolve } from 'node:path';
import { loadContent, type LoadedSlo } from '../src/adapters/content/load.ts';
import { formatError } from '../src/adapters/content/errors.ts';
import { ConnectionError, connectionFromEnv, type Connection } from '../src/adapters/prometheus/connection.ts';
import { fetchSlos, planFetch } from '../src/adapters/prometheus/fetch-slos.ts';
import { requestedRange, type TimeGrid } from '../src/adapters/prometheus/plan.ts';
import { withQueryLines } from '../src/adapters/prometheus/query-lines.ts';
import { httpTransport } from '../src/adapters/prometheus/transport.ts';
import { parseFetchArgs, USAGE, UsageError, type FetchArgs } from './lib/fetch/args.ts';
import { formatPlan, formatSummary, progressReporter } from './lib/fetch/report.ts';

const err = (s: string) => process.stderr.write(s);

/** An early end of the command, with its exit status. */
class Exit {
  readonly code: number;
  constructor(code: number) {
    this.code = code;
  }
}

/** Step 1: the options and the connection (none for a dry run without PROMETHEUS_URL). */
function readSettings(): { args: FetchArgs; conn: Connection | undefined } {
  let args: FetchArgs;
  let conn: Connection | undefined;
  try {
    args = parseFetchArgs(process.argv.slice(2), process.env, new Date());
    if (args.help) {
      process.stdout.write(USAGE);
      throw new Exit(0);
    }
    conn = connectionFromEnv(process.env);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConnectionError) {
      err(`sitrep fetch: ${e.message}\n${e instanceof UsageError ? 'See node scripts/fetch.ts --help.\n' : ''}`);
      throw new Exit(2);
    }
    throw e;
  }
  if (!conn && !args.dryRun) {
    err(
      'sitrep fetch: PROMETHEUS_URL is not set.\n' +
        'Set it to the Prometheus-compatible API base URL, e.g. PROMETHEUS_URL=http://prometheus:9090\n' +
        'and, if needed, PROMETHEUS_BEARER_TOKEN or PROMETHEUS_USERNAME/PROMETHEUS_PASSWORD, and\n' +
        'PROMETHEUS_HEADERS=X-Scope-OrgID=tenant1 for multi-tenant Mimir/Cortex. Or use --dry-run.\n',
    );
    throw new Exit(2);
  }
  return { args, conn };
}

/** Step 2: the SLOs to fetch (those that loaded, narrowed by --slo), with the lines of their queries. */
async function selectSlos(root: string, wanted: string[]): Promise<LoadedSlo[]> {
  const { content, errors } = await loadContent(root);
  if (errors.length) {
    err(`sitrep fetch: ${errors.length} content error(s) (run npm run check); fetching the SLOs that loaded:\n`);
    for (const e of errors.slice(0, 5)) err(`  ${formatError(e)}\n`);
    if (errors.length > 5) err(`  ... and ${errors.length - 5} more\n`);
  }
  let slos = content.slos;
  if (wanted.length) {
    const known = new Set(slos.map((s) => s.id));
    const unknown = wanted.filter((id) => !known.has(id));
    if (unknown.length) {
      err(`sitrep fetch: --slo: no SLO ${unknown.map((u) => `"${u}"`).join(', ')} in content/slos/ (known: ${[...known].sort().join(', ') || 'none'})\n`);
      throw new Exit(2);
    }
    slos = slos.filter((s) => wanted.includes(s.id));
  }
  return withQueryLines(root, slos);
}

/** Step 3a: `--dry-run`: print each SLO's plan. */
async function dryRun(slos: LoadedSlo[], conn: Connection | undefined, common: { root: string; range: TimeGrid; full: boolean }): Promise<number> {
  process.stdout.write(`Dry run: ${slos.length} SLO(s), ${conn ? `would query ${conn.redact(conn.baseUrl)}` : 'PROMETHEUS_URL not set'}\n`);
  // One at a time: a plan holds the SLO's snapshot, and there may be a thousand.
  for (const slo of slos) process.stdout.write(`\n${formatPlan((await planFetch([slo], common))[0]!)}\n`);
  return 0;
}

/** Step 3b: fetch, print the summary; the exit status says whether every SLO was fetched. */
async function run(slos: LoadedSlo[], conn: Connection, args: FetchArgs, common: { root: string; range: TimeGrid; full: boolean }): Promise<number> {
  const extra = conn.extraHeaderNames.length ? `, headers ${conn.extraHeaderNames.join(', ')}` : '';
  err(`Fetching ${slos.length} SLO(s) from ${conn.redact(conn.baseUrl)} (auth: ${conn.auth}${extra}), ${args.days} days to ${new Date(common.range.end * 1000).toISOString()}, step ${args.step}s\n`);
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const report = await fetchSlos(slos, httpTransport(conn), {
    ...common,
    concurrency: args.concurrency,
    timeoutMs: args.timeoutMs,
    retry: { retries: args.retries },
    failOnWarnings: args.failOnWarnings,
    allowDataLoss: args.allowDataLoss,
    maxResponseBytes: args.maxResponseBytes,
    redact: conn.redact,
    redactServerText: conn.redactServerText,
    signal: interrupt.signal,
    onEvent: progressReporter(err, process.stderr.isTTY === true, slos.length),
  });
  process.stdout.write(`\n${formatSummary(report.results)}`);
  if (interrupt.signal.aborted) return 130;
  return report.ok ? 0 : 1;
}

async function main(): Promise<number> {
  const { args, conn } = readSettings();
  const root = resolve(args.root);
  const slos = await selectSlos(root, args.slo);
  if (!slos.length) {
    err('sitrep fetch: no SLOs in content/slos/: nothing to fetch.\n');
    return 0;
  }
  const common = { root, range: requestedRange(args.asOf.getTime(), args.days, args.step), full: args.full };
  return args.dryRun ? dryRun(slos, conn, common) : run(slos, conn!, args, common);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof Exit) {
      process.exitCode = e.code;
      return;
    }
    err(`sitrep fetch: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
