/**
 * The Markdown summary `npm run diff` posts on a pull request: what the change does to the
 * published figures. Pure: both sides are loaded and computed by the caller.
 */
import type { IncidentMetricsReport, LifecycleMetrics, SloReport } from '../../../src/core/index.ts';
import { duration, pct } from '../../../src/site/format.ts';

/** One side of the comparison: the records as loaded, and the figures when the content is valid. */
export interface Side {
  /** Errors as `file:line:col field: message`. */
  errors: string[];
  incidents: { id: string; started_at: string; severity: string }[];
  postmortems: { id: string }[];
  slos: { id: string }[];
  /** The figures, or null when the content has errors. */
  figures: { slos: Map<string, SloReport | null>; metrics: IncidentMetricsReport } | null;
}

interface Changes<T> {
  added: T[];
  removed: T[];
  changed: { before: T; after: T; fields: string[] }[];
}

/** Fields whose values are not what a person edited: where the record came from. */
const LOCATORS = new Set(['file', 'source']);

const show = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The top-level fields that differ: scalars as `field: a → b`, structures by name. */
function fieldChanges(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !LOCATORS.has(k));
  return keys
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => {
      const simple = (v: unknown) => v === undefined || typeof v !== 'object';
      return simple(a[k]) && simple(b[k]) && show(a[k]).length + show(b[k]).length < 80 ? `${k}: ${show(a[k])} → ${show(b[k])}` : `${k} changed`;
    });
}

function changes<T extends { id: string }>(before: readonly T[], after: readonly T[]): Changes<T> {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  return {
    added: after.filter((x) => !old.has(x.id)),
    removed: before.filter((x) => !now.has(x.id)),
    changed: after
      .filter((x) => old.has(x.id))
      .map((x) => ({ before: old.get(x.id)!, after: x, fields: fieldChanges(old.get(x.id)! as Record<string, unknown>, x as Record<string, unknown>) }))
      .filter((c) => c.fields.length > 0),
  };
}

const count = (c: Changes<unknown>) => c.added.length + c.removed.length + c.changed.length;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function changeTable<T extends { id: string }>(title: string, c: Changes<T>): string[] {
  if (!count(c)) return [];
  return [
    `### ${title} (${count(c)})`,
    '',
    '| Id | Change |',
    '| --- | --- |',
    ...c.added.map((x) => `| \`${x.id}\` | added |`),
    ...c.removed.map((x) => `| \`${x.id}\` | removed |`),
    ...c.changed.map((x) => `| \`${x.after.id}\` | ${cell(x.fields.join('; '))} |`),
    '',
  ];
}

const FIGURES = ['mttd', 'mtta', 'mttm', 'mttr', 'mtbf'] as const;

/** Mean / median of a figure, with its count: `2h 6m / 1h 58m (n=3)`. */
const meanMedian = (d: LifecycleMetrics['mttr'] | undefined): string => (d && d.count ? `${duration(d.mean)} / ${duration(d.median)} (n=${d.count})` : '—');

/** Rows for the lifecycle figures of one group that differ: `SEV1 | MTTR | 2h 6m / 1h 58m (n=3) | 2h 11m / 2h 11m (n=2)`. */
function metricRows(group: string, a: LifecycleMetrics | undefined, b: LifecycleMetrics | undefined): string[] {
  const rows: string[] = [];
  if ((a?.count ?? 0) !== (b?.count ?? 0)) rows.push(`| ${group} | incidents | ${a?.count ?? 0} | ${b?.count ?? 0} |`);
  for (const f of FIGURES) {
    const x = meanMedian(a?.[f]);
    const y = meanMedian(b?.[f]);
    if (x !== y) rows.push(`| ${group} | ${f.toUpperCase()} | ${x} | ${y} |`);
  }
  return rows;
}

/** Incident metrics before and after: overall, and for the severities and months the changed incidents touch. */
function metricsSection(base: IncidentMetricsReport, head: IncidentMetricsReport, touched: { severities: Set<string>; months: Set<string> }): string[] {
  const overall = { count: base.count, unresolved: base.unresolved, mttd: base.mttd, mtta: base.mtta, mttm: base.mttm, mttr: base.mttr, mtbf: base.mtbf };
  const overallHead = { count: head.count, unresolved: head.unresolved, mttd: head.mttd, mtta: head.mtta, mttm: head.mttm, mttr: head.mttr, mtbf: head.mtbf };
  const rows = [
    ...metricRows('all incidents', overall, overallHead),
    ...[...touched.severities].sort().flatMap((s) => metricRows(s, base.bySeverity[s as keyof typeof base.bySeverity], head.bySeverity[s as keyof typeof head.bySeverity])),
    ...[...touched.months].sort().flatMap((m) => metricRows(m, base.byMonth[m], head.byMonth[m])),
  ];
  if (!rows.length) return [];
  return ['### Incident metrics', '', '| Group | Figure | Before (mean / median) | After (mean / median) |', '| --- | --- | --- | --- |', ...rows, ''];
}

/** SLO figures that differ: status, budget left, SLI. */
function sloSection(base: Map<string, SloReport | null>, head: Map<string, SloReport | null>): string[] {
  const rows: string[] = [];
  for (const id of [...new Set([...base.keys(), ...head.keys()])].sort()) {
    const a = base.get(id) ?? null;
    const b = head.get(id) ?? null;
    const cols = [a?.status ?? '—', b?.status ?? '—', pct(a?.budget.remaining, 1), pct(b?.budget.remaining, 1), pct(a?.sli), pct(b?.sli)];
    if (cols[0] !== cols[1] || cols[2] !== cols[3] || cols[4] !== cols[5]) {
      rows.push(`| \`${id}\` | ${cols[0]} → ${cols[1]} | ${cols[2]} → ${cols[3]} | ${cols[4]} → ${cols[5]} |`);
    }
  }
  if (!rows.length) return [];
  return ['### SLO figures', '', '| SLO | Status | Budget left | SLI |', '| --- | --- | --- | --- |', ...rows, ''];
}

export interface DiffInput {
  /** The ref as given, and the commit it resolved to. */
  ref: string;
  commit: string;
  /** Report time both sides are computed at (ISO). */
  asOf: string;
  base: Side;
  head: Side;
}

export function diffSummary({ ref, commit, asOf, base, head }: DiffInput): string {
  const incidents = changes(base.incidents, head.incidents);
  const lines = [`## sitrep: what this change does to the published figures`, '', `Compared with \`${ref}\` (${commit.slice(0, 12)}), figures as of ${asOf}.`, ''];
  lines.push('### Validation', '');
  if (head.errors.length) {
    lines.push(`✗ ${head.errors.length} error${head.errors.length === 1 ? '' : 's'} (\`npm run check\` fails; the figures below are not computed):`, '', '```', ...head.errors, '```', '');
  } else lines.push(`✓ \`npm run check\` passes${base.errors.length ? ` (\`${ref}\` had ${base.errors.length} error(s))` : ''}.`, '');
  const sections = [
    ...changeTable('Incidents', incidents),
    ...changeTable('Postmortems', changes(base.postmortems, head.postmortems)),
    ...changeTable('SLO definitions', changes(base.slos, head.slos)),
  ];
  if (base.figures && head.figures) {
    const touched = { severities: new Set<string>(), months: new Set<string>() };
    for (const i of [...incidents.added, ...incidents.removed, ...incidents.changed.flatMap((c) => [c.before, c.after])]) {
      touched.severities.add(i.severity);
      touched.months.add(new Date(i.started_at).toISOString().slice(0, 7));
    }
    sections.push(...sloSection(base.figures.slos, head.figures.slos), ...metricsSection(base.figures.metrics, head.figures.metrics, touched));
  }
  lines.push(...(sections.length ? sections : ['No change to the published records or figures.', '']));
  return lines.join('\n');
}
