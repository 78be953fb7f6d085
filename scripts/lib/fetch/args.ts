import { parseArgs } from 'node:util';
import { MAX_SNAPSHOT_POINTS, tooManyPoints } from '../../../src/adapters/snapshots/store.ts';
import { parseDuration } from '../../../src/schemas/common.ts';
import { parseInstant } from '../../../src/site/as-of.ts';

export const USAGE = `Usage: node scripts/fetch.ts [options]

Pull each SLO's series from Prometheus into data/snapshots/<slo>.json (incrementally).

Options:
  --days N            days to cover, ending at the as-of time (default 90)
  --step 5m           step between points (default 5m)
  --as-of ISO         end of the range, with an offset, e.g. 2026-10-03T09:00:00Z (default: now, or
                      SITREP_AS_OF); aligned down to the step
  --slo ID            fetch only this SLO (repeatable)
  --full              refetch the whole range instead of extending the snapshots
  --concurrency N     requests in flight at most (default 4)
  --timeout 30s       timeout of one request attempt (default 30s)
  --retries N         retries of a failing request (default 5)
  --fail-on-warnings  fail an SLO whose responses carry warnings (partial responses)
  --allow-data-loss   let an answer without data replace values a snapshot holds (by default
                      such an SLO fails and keeps its snapshot)
  --max-response-mb N largest answer read, in MB (default 64); a larger one fails its SLO
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
  allowDataLoss: boolean;
  maxResponseBytes: number;
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
        'allow-data-loss': { type: 'boolean', default: false },
        'max-response-mb': { type: 'string', default: '64' },
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
    const t = parseInstant(asOfText);
    if (t === undefined) {
      throw new UsageError(
        `${values['as-of'] !== undefined ? '--as-of' : 'SITREP_AS_OF'}: expected an ISO 8601 time with an offset that exists, ` +
          `such as 2026-10-03T09:00:00Z or 2026-10-03T11:00:00+02:00 (without one it would be read as local time), got "${asOfText.slice(0, 60)}"`,
      );
    }
    asOf = new Date(t);
  }
  const step = seconds('--step', values.step);
  const points = Math.ceil((days * 86400) / step);
  if (points > MAX_SNAPSHOT_POINTS) throw new UsageError(`--days ${values.days} --step ${values.step}: ${tooManyPoints(points, step)}`);
  return {
    days,
    step,
    asOf,
    slo: values.slo,
    full: values.full,
    concurrency: positiveInt('--concurrency', values.concurrency),
    timeoutMs: seconds('--timeout', values.timeout) * 1000,
    retries: positiveInt('--retries', values.retries, 0),
    failOnWarnings: values['fail-on-warnings'],
    allowDataLoss: values['allow-data-loss'],
    maxResponseBytes: positiveInt('--max-response-mb', values['max-response-mb']) * 1024 * 1024,
    dryRun: values['dry-run'],
    root: values.root,
    help: values.help,
  };
}
