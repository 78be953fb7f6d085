/**
 * Synthetic Prometheus data with KNOWN traffic, as OpenMetrics text for
 * `promtool tsdb create-blocks-from openmetrics`, plus the ground truth to check fetches against.
 *
 * Two instances (a, b) of job "api" are scraped every minute at 17s past the minute (so windows
 * never line up with samples and increase() extrapolates, as in real life). They serve:
 * - `http_requests_total{job,instance,code}` for codes 200, 404, 500, 503 (8 series);
 * - `http_request_duration_seconds` histogram (buckets 0.1, 0.25, 0.5, 1, +Inf) of the same requests.
 * Events:
 * - an outage on instance a: elevated 500s and slower requests for `outage` minutes;
 * - a counter reset: instance b restarts (every counter of b drops to the events since the restart);
 * - a scrape gap: no samples at all for `gap` minutes (the counters keep counting).
 */
import { mulberry32 as rng } from '../../scripts/lib/sample/prng.ts';

export const SCRAPE_OFFSET = 17;
export const CODES = ['200', '404', '500', '503'] as const;
export const BUCKETS = ['0.1', '0.25', '0.5', '1', '+Inf'] as const;
const INSTANCES = ['a', 'b'] as const;

export interface GeneratorOptions {
  /** First and last scrape minute (Unix seconds, multiples of 60; scrapes happen 17s later). */
  startMinute: number;
  endMinute: number;
  /** Outage (instance a) and scrape gap: [from, to) in Unix seconds, multiples of 60. */
  outage: [number, number];
  gap: [number, number];
  /** Minute at which instance b restarts (its counters reset). */
  resetAt: number;
  seed?: number;
}

/** Events of one scrape interval `(t - 60, t]`, t = the scrape time. */
interface Interval {
  t: number;
  scraped: boolean;
  /** Requests by instance and code. */
  requests: Record<string, Record<string, number>>;
  /** Requests by instance and bucket (cumulative: le="0.5" counts every request <= 0.5s). */
  buckets: Record<string, Record<string, number>>;
}

export interface GeneratedData {
  openMetrics: string;
  intervals: Interval[];
  /** Samples written. */
  samples: number;
}


/** A count with mean `mean`: integer part plus a Bernoulli for the fraction, with +-20% noise. */
function count(mean: number, r: () => number): number {
  const m = mean * (0.8 + 0.4 * r());
  return Math.floor(m) + (r() < m - Math.floor(m) ? 1 : 0);
}

/** Share of requests at or under each bucket bound, normal and during the outage. */
const LATENCY = { normal: [0.7, 0.88, 0.97, 0.995, 1], slow: [0.2, 0.45, 0.7, 0.9, 1] };
const RATES = { '200': 120, '404': 3, '500': 0.2, '503': 0.1 } as const;

export function generate(o: GeneratorOptions): GeneratedData {
  const r = rng(o.seed ?? 42);
  const intervals: Interval[] = [];
  for (let m = o.startMinute; m <= o.endMinute; m += 60) {
    const t = m + SCRAPE_OFFSET;
    const requests: Interval['requests'] = {};
    const buckets: Interval['buckets'] = {};
    for (const inst of INSTANCES) {
      const out = inst === 'a' && m >= o.outage[0] && m < o.outage[1];
      requests[inst] = {};
      for (const code of CODES) requests[inst][code] = count(code === '500' && out ? 40 : RATES[code], r);
      const n = CODES.reduce((s, c) => s + requests[inst]![c]!, 0);
      const shares = out ? LATENCY.slow : LATENCY.normal;
      buckets[inst] = {};
      let below = 0;
      BUCKETS.forEach((le, i) => {
        // Cumulative and monotone: each bound gets at least the requests under the previous one.
        below = le === '+Inf' ? n : Math.max(below, Math.min(n, Math.round(n * shares[i]! + (r() - 0.5) * 2)));
        buckets[inst]![le] = below;
      });
    }
    intervals.push({ t, scraped: !(m >= o.gap[0] && m < o.gap[1]), requests, buckets });
  }
  return { ...render(intervals, o.resetAt), intervals };
}

function render(intervals: Interval[], resetAt: number): { openMetrics: string; samples: number } {
  const counters: Record<string, number> = {};
  const req: string[] = [];
  const hist: string[] = [];
  let samples = 0;
  // Counters start well above 0, as for a long-running process (avoids increase()'s zero clamp).
  const bump = (key: string, by: number, reset: boolean) => {
    counters[key] = (reset ? 0 : (counters[key] ?? 100_000)) + by;
    return counters[key];
  };
  for (const iv of intervals) {
    for (const inst of INSTANCES) {
      const reset = inst === 'b' && iv.t - SCRAPE_OFFSET === resetAt;
      const out: [string, number][] = [];
      for (const code of CODES) {
        out.push([`http_requests_total{job="api",instance="${inst}",code="${code}"}`, bump(`r${inst}${code}`, iv.requests[inst]![code]!, reset)]);
      }
      for (const le of BUCKETS) {
        out.push([`http_request_duration_seconds_bucket{job="api",instance="${inst}",le="${le}"}`, bump(`b${inst}${le}`, iv.buckets[inst]![le]!, reset)]);
      }
      const n = iv.buckets[inst]!['+Inf']!;
      out.push([`http_request_duration_seconds_count{job="api",instance="${inst}"}`, bump(`c${inst}`, n, reset)]);
      out.push([`http_request_duration_seconds_sum{job="api",instance="${inst}"}`, bump(`s${inst}`, n * 0.1, reset)]);
      if (!iv.scraped) continue;
      for (const [series, v] of out) {
        (series.startsWith('http_requests') ? req : hist).push(`${series} ${Number(v.toFixed(3))} ${iv.t}`);
        samples++;
      }
    }
  }
  // OpenMetrics: samples of one metric family together, `# TYPE` first, `# EOF` last.
  const text = [
    '# TYPE http_requests counter',
    ...req,
    '# TYPE http_request_duration_seconds histogram',
    ...hist,
    '# EOF',
    '',
  ].join('\n');
  return { openMetrics: text, samples };
}

/** Events whose scrape interval ends in (from, to]: by request code (or all), or under a bucket. */
export function truth(data: GeneratedData, from: number, to: number, pick: { codes?: readonly string[]; le?: string; onlyScraped?: boolean }): number {
  let sum = 0;
  for (const iv of data.intervals) {
    if (iv.t <= from || iv.t > to) continue;
    for (const inst of INSTANCES) {
      if (pick.le !== undefined) sum += iv.buckets[inst]![pick.le]!;
      else for (const c of pick.codes ?? CODES) sum += iv.requests[inst]![c]!;
    }
  }
  return sum;
}
