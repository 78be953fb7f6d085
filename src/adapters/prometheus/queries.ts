import type { Indicator } from '../../schemas/slo.ts';
import { WINDOW_PLACEHOLDER } from '../../schemas/slo.ts';

/** Seconds as a PromQL duration: 300 -> `5m`, 3600 -> `1h`, 90 -> `90s`. */
export function promDuration(seconds: number): string {
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** Replace `{{window}}` (or Sloth's `{{.window}}`) with a PromQL duration, and `{{window_seconds}}` with the step in seconds. */
export function substituteWindow(query: string, seconds: number): string {
  return query.replace(WINDOW_PLACEHOLDER, promDuration(seconds)).replace(/\{\{\s*window_seconds\s*\}\}/g, String(seconds));
}

/** Add a label matcher to a selector: `m_bucket{job="a"}` + `le="0.3"` -> `m_bucket{job="a",le="0.3"}`. */
function withMatcher(selector: string, matcher: string): string {
  const brace = selector.indexOf('{');
  if (brace < 0) return `${selector}{${matcher}}`;
  const inner = selector.slice(brace + 1, selector.lastIndexOf('}')).trim();
  return `${selector.slice(0, brace)}{${inner ? `${inner},` : ''}${matcher}}`;
}

/**
 * The `le` matcher of a bucket bound. Client libraries disagree on whole numbers (Go writes
 * `le="1"`, Python and Java `le="1.0"`), so a whole-number threshold matches both spellings;
 * fractional bounds are written the same everywhere (`le="0.25"`).
 */
export function leMatcher(threshold: number): string {
  return Number.isInteger(threshold) ? `le=~"${threshold}|${threshold}[.]0"` : `le="${threshold}"`;
}

/**
 * The queries that count an SLO's events over one step, by series name (`good` or `bad`, and `total`).
 * A latency indicator counts requests in the `le="<threshold>"` bucket as good and the `+Inf` bucket as total.
 */
export function indicatorQueries(indicator: Indicator, stepSeconds: number): Record<string, string> {
  if (indicator.kind === 'latency') {
    const w = promDuration(stepSeconds);
    return {
      good: `sum(increase(${withMatcher(indicator.bucket, leMatcher(indicator.threshold))}[${w}]))`,
      total: `sum(increase(${withMatcher(indicator.bucket, 'le="+Inf"')}[${w}]))`,
    };
  }
  const out: Record<string, string> = {};
  if (indicator.good !== undefined) out.good = substituteWindow(indicator.good, stepSeconds);
  if (indicator.bad !== undefined) out.bad = substituteWindow(indicator.bad, stepSeconds);
  out.total = substituteWindow(indicator.total, stepSeconds);
  return out;
}
