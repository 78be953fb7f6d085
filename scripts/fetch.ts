/**
 * `npm run fetch`: pull every SLO's series from Prometheus into data/snapshots/ (see --help).
 * Exit status: 0 all fetched, 1 some SLOs failed (the others are written), 2 usage/configuration,
 * 130 interrupted (SIGINT/SIGTERM: requests are aborted, nothing half-written, status recorded).
 */
import { resolve } from 'node:path';
import { loadContent } from '../src/adapters/content/load.ts';
import { formatError } from '../src/adapters/content/errors.ts';
import { ConnectionError, connectionFromEnv, type Connection } from '../src/adapters/prometheus/connection.ts';
import { fetchSlos, planFetch } from '../src/adapters/prometheus/fetch-slos.ts';
import { requestedRange } from '../src/adapters/prometheus/plan.ts';
import { httpTransport } from '../src/adapters/prometheus/transport.ts';
import { parseFetchArgs, USAGE, UsageError, type FetchArgs } from './lib/fetch/args.ts';
import { formatPlan, formatSummary, progressReporter } from './lib/fetch/report.ts';

const err = (s: string) => process.stderr.write(s);

async function main(): Promise<number> {
  let args: FetchArgs;
  let conn: Connection | undefined;
  try {
    args = parseFetchArgs(process.argv.slice(2), process.env, new Date());
    if (args.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    conn = connectionFromEnv(process.env);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConnectionError) {
      err(`sitrep fetch: ${e.message}\n${e instanceof UsageError ? 'See node scripts/fetch.ts --help.\n' : ''}`);
      return 2;
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
    return 2;
  }

  const root = resolve(args.root);
  const { content, errors } = await loadContent(root);
  if (errors.length) {
    err(`sitrep fetch: ${errors.length} content error(s) (run npm run check); fetching the SLOs that loaded:\n`);
    for (const e of errors.slice(0, 5)) err(`  ${formatError(e)}\n`);
    if (errors.length > 5) err(`  ... and ${errors.length - 5} more\n`);
  }
  let slos = content.slos;
  if (args.slo.length) {
    const known = new Set(slos.map((s) => s.id));
    const unknown = args.slo.filter((id) => !known.has(id));
    if (unknown.length) {
      err(`sitrep fetch: --slo: no SLO ${unknown.map((u) => `"${u}"`).join(', ')} in content/slos/ (known: ${[...known].sort().join(', ') || 'none'})\n`);
      return 2;
    }
    slos = slos.filter((s) => args.slo.includes(s.id));
  }
  if (!slos.length) {
    err('sitrep fetch: no SLOs in content/slos/: nothing to fetch.\n');
    return 0;
  }

  const range = requestedRange(args.asOf.getTime(), args.days, args.step);
  const common = { root, range, full: args.full };
  if (args.dryRun) {
    process.stdout.write(`Dry run: ${slos.length} SLO(s), ${conn ? `would query ${conn.redact(conn.baseUrl)}` : 'PROMETHEUS_URL not set'}\n`);
    // One at a time: a plan holds the SLO's snapshot, and there may be a thousand.
    for (const slo of slos) process.stdout.write(`\n${formatPlan((await planFetch([slo], common))[0]!)}\n`);
    return 0;
  }

  const c = conn!;
  const extra = c.extraHeaderNames.length ? `, headers ${c.extraHeaderNames.join(', ')}` : '';
  err(`Fetching ${slos.length} SLO(s) from ${c.redact(c.baseUrl)} (auth: ${c.auth}${extra}), ${args.days} days to ${new Date(range.end * 1000).toISOString()}, step ${args.step}s\n`);
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const report = await fetchSlos(slos, httpTransport(c), {
    ...common,
    concurrency: args.concurrency,
    timeoutMs: args.timeoutMs,
    retry: { retries: args.retries },
    failOnWarnings: args.failOnWarnings,
    redact: c.redact,
    signal: interrupt.signal,
    onEvent: progressReporter(err, process.stderr.isTTY === true, slos.length),
  });
  process.stdout.write(`\n${formatSummary(report.results)}`);
  if (interrupt.signal.aborted) return 130;
  return report.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    err(`sitrep fetch: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
