/**
 * Prometheus rules for every SLO, from the same SLO files the reports use: recording rules for the
 * error ratio over each alert window, and the multi-window multi-burn-rate alerts the engine
 * replays (thresholds and windows from alertPlan, never restated here).
 *
 * How the rules come from the SLO's queries: an SLO's queries count events over `{{window}}`
 * (the fetch sets it to the step, 5m). Setting it to an alert window instead counts the events of
 * that window, so for each window W of alertPlan (5m, 30m, 1h, 2h, 6h, 1d, 3d):
 *
 *   slo:sli_error:ratio_rate<W> = bad[W] / total[W]            (a `bad` query)
 *                               = 1 - good[W] / total[W]       (a `good` query, or latency)
 *
 * which is the engine's error ratio over the steps of W (bad / total, summed over the window,
 * not an average of per-step ratios). An alert then fires when the burn rate, error ratio /
 * (1 - objective), is above the threshold over both its long and its short window, as the
 * replay does: 99.9% over 30 days, page-fast: ratio_rate1h / 0.001 > 14.4 and ratio_rate5m /
 * 0.001 > 14.4. The alert's value is the long window's burn rate, shown in its summary.
 *
 * An SLO's own alert (`alerting.alerts`, OpenSLO alert conditions) is one rule over its one window
 * with its comparison and its hold as `for:`: `{ op: gte, burn_rate: 2, window: 90m, for: 10m }` is
 * `ratio_rate1h30m / allowed >= 2` with `for: 10m`, `sitrep_alert` its name and `long` its window.
 *
 * Names and labels follow Sloth: `slo:sli_error:ratio_rate5m` with `sloth_id`, `sloth_service`,
 * `sloth_slo` and `sloth_window`, and `slo:objective:ratio` / `slo:error_budget:ratio`.
 */
import { alertPlan } from '../../core/alerts.ts';
import { errorRatioAllowed } from '../../core/budget.ts';
import { objectiveFraction } from '../../core/report.ts';
import type { Slo } from '../../schemas/slo.ts';
import { indicatorQueries, promDuration } from '../prometheus/queries.ts';

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}
export interface AlertingRule {
  alert: string;
  expr: string;
  /** How long the expression must hold before the alert fires (an own alert's `for`). */
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
export interface RuleGroup {
  name: string;
  rules: (RecordingRule | AlertingRule)[];
}

/** The name of every burn-rate alert; `sitrep_alert` (page-fast ..), `severity`, `slo` tell them apart. */
export const ALERT_NAME = 'ErrorBudgetBurn';

/** PromQL's comparison for each burn-rate op, and the op in words. */
const PROM_OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
const OP_WORDS = { gt: 'above', gte: 'at or above', lt: 'below', lte: 'at or below' } as const;

/** A number as PromQL writes it, without float noise: 14.399999999999999 -> 14.4. */
const num = (x: number): string => String(Number(x.toPrecision(12)));

/** `slo:sli_error:ratio_rate1h` for 3,600 seconds. */
export const ratioRecord = (seconds: number): string => `slo:sli_error:ratio_rate${promDuration(seconds)}`;

/** The error ratio over a window, from the SLO's own queries with `{{window}}` set to the window. */
export function errorRatioExpr(slo: Pick<Slo, 'indicator'>, seconds: number): string {
  const perStep = slo.indicator.kind === 'ratio' && slo.indicator.per_step === true;
  // `per_step` queries return one 5-minute step's events whatever the window: sum them over W.
  const q = perStep
    ? Object.fromEntries(Object.entries(indicatorQueries(slo.indicator, 300)).map(([k, v]) => [k, `sum_over_time((${v})[${promDuration(seconds)}:5m])`]))
    : indicatorQueries(slo.indicator, seconds);
  if (q.bad !== undefined) return `(${q.bad})\n/\n(${q.total})`;
  return `1 - (\n  (${q.good})\n  /\n  (${q.total})\n)`;
}

/** The selector of one SLO's series of a recording rule. */
const ofSlo = (record: string, id: string) => `${record}{sloth_id="${id}"}`;

/**
 * The rule group of one SLO: its recording rules, then its alerts. One group, because rules in a
 * group run in order at each evaluation, so the alerts read this evaluation's ratios and fire when
 * the replay says (Sloth's separate groups can lag by one evaluation interval). `runbookUrl` is
 * the page an alert links to.
 */
export function sloRuleGroup(slo: Slo, runbookUrl: string): RuleGroup {
  // The thresholds and windows in seconds do not depend on the step; 300 is the fetch's default.
  const plan = alertPlan(slo, 300);
  const windows = [...new Set(plan.flatMap((p) => (p.shortSeconds === null ? [p.longSeconds] : [p.shortSeconds, p.longSeconds])))].sort((a, b) => a - b);
  const ids = { sloth_id: slo.id, sloth_service: slo.service, sloth_slo: slo.id };
  const allowed = errorRatioAllowed(slo.objective);
  const recordings: RecordingRule[] = windows.map((w) => ({
    record: ratioRecord(w),
    expr: errorRatioExpr(slo, w),
    labels: { ...ids, sloth_window: promDuration(w) },
  }));
  const meta: RecordingRule[] = [
    { record: 'slo:objective:ratio', expr: `vector(${num(objectiveFraction(slo.objective))})`, labels: ids },
    { record: 'slo:error_budget:ratio', expr: `vector(${num(allowed)})`, labels: ids },
  ];
  const burn = (seconds: number, p: { op: keyof typeof PROM_OPS; threshold: number }) =>
    `(max without (sloth_window) (${ofSlo(ratioRecord(seconds), slo.id)}) / ${num(allowed)} ${PROM_OPS[p.op]} ${num(p.threshold)})`;
  const alerts: AlertingRule[] = plan.map((p) => {
    const long = promDuration(p.longSeconds);
    const short = p.shortSeconds === null ? null : promDuration(p.shortSeconds);
    // The SLO's own labels (Sloth's alerting labels) may replace severity, never the labels that identify the rule.
    const own = { ...slo.alerting.labels, ...(p.severity === 'page' ? slo.alerting.page_labels : slo.alerting.ticket_labels) };
    const condition = `${OP_WORDS[p.op]} ${num(p.threshold)}x over ${long}${short === null ? '' : ` and ${short}`}${p.forSeconds ? ` for ${promDuration(p.forSeconds)}` : ''}`;
    return {
      alert: slo.alerting.name ?? ALERT_NAME,
      expr: p.shortSeconds === null ? burn(p.longSeconds, p) : `${burn(p.longSeconds, p)}\nand\n${burn(p.shortSeconds, p)}`,
      ...(p.forSeconds ? { for: promDuration(p.forSeconds) } : {}),
      labels: { severity: p.severity, ...own, slo: slo.id, service: slo.service, sitrep_alert: p.alert, long, ...(short === null ? {} : { short }), runbook_url: runbookUrl },
      annotations: {
        summary: `${slo.name}: error budget burning at {{ printf "%.1f" $value }}x over ${long} (${p.alert}: ${condition})`,
        description: `${slo.id} (${slo.service}, objective ${num(slo.objective)}% over ${slo.window}) spends ${num(p.budgetShare * 100)}% of its error budget in ${long} at this rate.`,
        runbook_url: runbookUrl,
      },
    };
  });
  return { name: `sitrep-slo-${slo.id}`, rules: [...recordings, ...meta, ...alerts] };
}

/**
 * The page an SLO's alerts link to: its runbook's page, or the SLO's page when it has no runbook,
 * under the site's public URL and base path. https://sre.example.com with base /sitrep/ ->
 * https://sre.example.com/sitrep/runbooks/checkout-errors/. Without a site URL, the path alone.
 */
export function runbookUrl(slo: Pick<Slo, 'id' | 'runbook'>, site: string | undefined, base = '/'): string {
  const prefix = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const path = `${prefix}${slo.runbook !== undefined ? `runbooks/${slo.runbook}` : `slos/${slo.id}`}/`;
  return site ? new URL(path, site).href : path;
}
