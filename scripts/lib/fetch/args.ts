import { parseArgs } from 'node:util';
import { parseDuration } from '../../../src/schemas/common.ts';

export const USAGE = `Usage: node scripts/fetch.ts [options]

Pull each SLO's series from Prometheus into data/snapshots/<slo>.json (incrementally).

Options:
  --days N            days to cover, ending at the as-of time (default 90)
  --step 5m           step between points (default 5m)
  --as-of ISO         end of the range (default: now, or SITREP_AS_OF); aligned down to the step
  --slo ID            fetch only this SLO (repeatable)
  --full              refetch the whole range instead of extending the snapshots
  --concurrency N     requests in flight at most (default 4)
  --timeout 30s       timeout of one request attempt (default 30s)
  --retries N         retries of a failing request (default 5)
  --fail-on-warnings  fail an SLO whose responses carry warnings (partial responses)
  --dry-run           print the queries and chunk ranges; contact nothing
  --root DIR          project root (default: the current directory)
  -h, --help          this help

Environment:
  PROMETHEUS_URL            base URL, e.g. http://prometheus:9090 or https://mimir.example.com/prometheus
  PROMETHEUS_BEARER_TOKEN   bearer token, or
  PROMETHEUS_USERNAME, PROMETHEUS_PASSWORD   basic auth
  PROMETHEUS_HEADERS        extra headers: Name=value pairs separated by commas (or newlines, then
                            values may hold commas), e.g. X-Scope-OrgID=tenant1,X-Other=x
  SITREP_AS_OF              default for --as-of

Exit status: 0 all fetched; 1 some SLOs failed (the others are written); 2 usage or configuration
error; 130 interrupted (snapshots not yet written keep their last good version).
`;

export class UsageError extends Error {}

export interface FetchArgs {
  days: number;
  step: number;
  asOf: Date;
  slo: string[];
  full: boolean;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  failOnWarnings: boolean;
  dryRun: boolean;
  root: string;
  help: boolean;
}

function positiveInt(flag: string, v: string, min = 1): number {
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`${flag}: expected an integer of at least ${min}, got "${v}"`);
  return Number(v);
}

function seconds(flag: string, v: string): number {
  const s = parseDuration(v);
  if (s === undefined) throw new UsageError(`${flag}: expected a duration such as 5m, 30s or 1h, got "${v}"`);
  return s;
}

export function parseFetchArgs(argv: string[], env: Record<string, string | undefined>, now: Date): FetchArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        days: { type: 'string', default: '90' },
        step: { type: 'string', default: '5m' },
        'as-of': { type: 'string' },
        slo: { type: 'string', multiple: true, default: [] },
        full: { type: 'boolean', default: false },
        concurrency: { type: 'string', default: '4' },
        timeout: { type: 'string', default: '30s' },
        retries: { type: 'string', default: '5' },
        'fail-on-warnings': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        root: { type: 'string', default: '.' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const days = Number(values.days);
  if (!Number.isFinite(days) || days <= 0) throw new UsageError(`--days: expected a positive number, got "${values.days}"`);
  const asOfText = values['as-of'] ?? env.SITREP_AS_OF;
  let asOf = now;
  if (asOfText !== undefined && asOfText !== '') {
    asOf = new Date(asOfText);
    if (Number.isNaN(asOf.getTime()) || !/^\d{4}-\d\d-\d\d/.test(asOfText)) {
      throw new UsageError(`${values['as-of'] !== undefined ? '--as-of' : 'SITREP_AS_OF'}: expected an ISO 8601 time such as 2026-10-03T09:00:00Z, got "${asOfText}"`);
    }
  }
  return {
    days,
    step: seconds('--step', values.step),
    asOf,
    slo: values.slo,
    full: values.full,
    concurrency: positiveInt('--concurrency', values.concurrency),
    timeoutMs: seconds('--timeout', values.timeout) * 1000,
    retries: positiveInt('--retries', values.retries, 0),
    failOnWarnings: values['fail-on-warnings'],
    dryRun: values['dry-run'],
    root: values.root,
    help: values.help,
  };
}
