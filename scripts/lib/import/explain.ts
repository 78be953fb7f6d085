/**
 * How sitrep reads SLO files, in words: for `npm run import`. A pure formatter of what the
 * readers produced (SLOs, ignored parts), with the queries as the fetch would send them.
 */
import type { IgnoredNote, SloEntry } from '../../../src/adapters/content/slo-formats.ts';
import { sloStep } from '../../../src/adapters/prometheus/plan.ts';
import { indicatorQueries, promDuration } from '../../../src/adapters/prometheus/queries.ts';
import { ALERT_NAMES, alertPlan, type AlertPlan } from '../../../src/core/alerts.ts';
import { windowText } from '../../../src/core/periods.ts';
import type { AlertKey } from '../../../src/schemas/slo.ts';

const FORMAT_NAMES = { sitrep: 'sitrep', openslo: 'OpenSLO v1', sloth: 'Sloth', pyrra: 'Pyrra' } as const;

/** One SLO as sitrep will compute it, at a fetch step of `step` seconds. */
export function explainSlo({ slo, alerts }: SloEntry, fetchStep: number): string[] {
  const b = slo.budgeting;
  // The fetch's step for this SLO: one that divides its time slices (see npm run fetch).
  const step = sloStep(slo, fetchStep);
  const stepNote = step === fetchStep ? '' : ` (not ${promDuration(fetchStep)}: the largest step that divides its ${b.slice.text} time slices)`;
  const lines = [
    `${slo.source.file}:${slo.source.line} ${slo.id} (${FORMAT_NAMES[slo.source.format]})`,
    `  service    ${slo.service}`,
    `  name       ${slo.name}`,
    `  objective  ${slo.objective}%`,
    `  window     ${windowText(slo.window, slo.time_zone, slo.week_start)}`,
    `  budgeting  ${b.method}${b.method === 'occurrences' ? '' : `, ${b.slice.text} slices, good at ${b.slice_target ?? slo.objective}%`}`,
    `  queries    as fetched at ${promDuration(step)} steps${stepNote}${slo.indicator.kind === 'ratio' && slo.indicator.per_step ? ' (sent as written: each value is one step\'s events)' : ''}:`,
    ...Object.entries(indicatorQueries(slo.indicator, step)).map(([k, q]) => `    ${k.padEnd(5)}  ${q.replace(/\s*\n\s*/g, ' ')}`),
  ];
  const plan = alertPlan(slo, step);
  const off = (Object.keys(ALERT_NAMES) as AlertKey[]).filter((k) => slo.alerting[k] === false).map((k) => ALERT_NAMES[k]);
  const words = { gt: 'above', gte: 'at or above', lt: 'below', lte: 'at or below' } as const;
  const steps = (seconds: number) => `${Math.max(1, Math.round(seconds / step))} steps`.replace(/^1 steps$/, '1 step');
  const rule = (p: AlertPlan) =>
    p.shortSeconds === null
      ? `${p.alert} (${p.severity}) ${words[p.op]} ${Number(p.threshold.toFixed(3))}x over ${promDuration(p.longSeconds)} (${steps(p.longSeconds)})${p.forSeconds ? `, held ${promDuration(p.forSeconds)} (${p.forSteps} ${p.forSteps === 1 ? 'step' : 'steps'})` : ''}`
      : `${p.alert} ${words[p.op]} ${Number(p.threshold.toFixed(3))}x over ${promDuration(p.longSeconds)} and ${promDuration(p.shortSeconds)}`;
  lines.push(`  alerts     ${plan.length ? plan.map(rule).join('; ') : 'none'}${off.length ? `; off: ${off.join(', ')}` : ''}`);
  for (const a of alerts ?? [])
    lines.push(`             from ${a.policy} / ${a.condition}: severity ${a.severity}${a.severity === a.mapped ? '' : ` (as ${a.mapped})`}, burn rate ${a.op} ${a.threshold} over ${a.lookbackWindow}${a.alertAfter ? `, alertAfter ${a.alertAfter}` : ''}`);
  if (slo.runbook) lines.push(`  runbook    ${slo.runbook}`);
  return lines;
}

/** The whole explanation: every SLO, then what was read but not used. */
export function explain(slos: readonly SloEntry[], ignored: readonly IgnoredNote[], step: number): string {
  const out = slos.flatMap((e) => [...explainSlo(e, step), '']);
  if (!slos.length) out.push('No SLOs found.', '');
  if (ignored.length) out.push('Read but not used:', ...ignored.map((n) => `  ${n.file}:${n.line} ${n.what}`), '');
  return out.join('\n');
}
