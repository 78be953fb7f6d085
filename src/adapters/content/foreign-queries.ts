/**
 * How the queries of other tools' SLO files become sitrep queries, which count the events of one
 * step with `{{window}}` set to the step (README, "SLOs"). Pure string functions.
 */
import { WINDOW_PLACEHOLDER } from '../../schemas/slo.ts';

/** Seconds of one step in a query, set by the fetch like `{{window}}` (300 for 5-minute steps). */
export const WINDOW_SECONDS = '{{window_seconds}}';

export const hasWindow = (q: string): boolean => new RegExp(WINDOW_PLACEHOLDER.source).test(q);

const SELECTOR = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^{}]*\})?$/;

/**
 * An OpenSLO `counter: true` query, a cumulative counter, as its increase over one step:
 * `http_requests_total{code!~"5.."}` -> `sum(increase(http_requests_total{code!~"5.."}[{{window}}]))`;
 * any other expression through a subquery: `sum(http_requests)` -> `sum(increase((sum(http_requests))[{{window}}:]))`.
 * A query that already holds `{{window}}` already counts a step's events and is kept.
 */
export function counterQuery(query: string): string {
  const q = query.trim();
  if (hasWindow(q)) return q;
  return SELECTOR.test(q) ? `sum(increase(${q}[{{window}}]))` : `sum(increase((${q})[{{window}}:]))`;
}

/**
 * Whether a query returns a per-second rate: it applies `rate()` or `irate()` and never `increase()`.
 * Sloth's examples do (`sum(rate(http_requests_total[{{.window}}]))`); a query mixing both is
 * ambiguous and reported (`undefined`).
 */
export function isPerSecond(query: string): boolean | undefined {
  const rate = /(^|[^a-zA-Z0-9_:])i?rate\s*\(/.test(query);
  const increase = /(^|[^a-zA-Z0-9_:])increase\s*\(/.test(query);
  if (rate && increase) return undefined;
  return rate;
}

/**
 * A per-second query as events per step: a rate times the step's length is the step's count, as
 * Prometheus defines `increase(x[w])` = `rate(x[w])` x w. At 5-minute steps, 0.01 req/s gives
 * 0.01 x 300 = 3 events a step, 864 a day and 25,920 over 30 days.
 */
export function eventsPerStep(query: string): string {
  return isPerSecond(query) ? `(${query.trim()}) * ${WINDOW_SECONDS}` : query.trim();
}

/**
 * A query that returns an error ratio (Sloth `raw`, OpenSLO `raw` with `rawType: failure`) as
 * bad and total series: each step with data is one event, the ratio of it bad. `total` is 1
 * exactly where the ratio has a value, so a step without data stays a gap in both series.
 */
export function ratioAsEvents(ratioQuery: string): { ratio: string; total: string } {
  const q = ratioQuery.trim();
  return { ratio: q, total: `(${q}) * 0 + 1` };
}
