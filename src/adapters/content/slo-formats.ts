import { z } from 'zod';
import { sloSchema, type Slo, type SloFormat } from '../../schemas/slo.ts';
import { contentError, type ContentError } from './errors.ts';
import type { PathKey, YamlSource } from './yaml-source.ts';
import { zodErrors } from './zod-issues.ts';

/** An SLO as loaded, with where it came from so errors and pages can point back at the file. */
export type LoadedSlo = Slo & { source: { file: string; line: number; format: SloFormat } };

/** A candidate SLO in sitrep's shape, before validation, with its place in the source document. */
interface Candidate {
  value: Record<string, unknown>;
  /** Path of the SLO inside the YAML document (empty for a whole-file SLO). */
  path: PathKey[];
  /** Maps a sitrep field (first path element) to where it lives in the foreign document. */
  fieldPaths?: Record<string, PathKey[]>;
}

/** Which format a parsed SLO file is written in. */
export function detectFormat(value: unknown): SloFormat {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v.apiVersion === 'string' && v.apiVersion.startsWith('openslo/')) return 'openslo';
    if (v.version === 'prometheus/v1') return 'sloth';
  }
  return 'sitrep';
}

const RUNBOOK_ANNOTATION = 'sitrep.dev/runbook';

const metricSource = z.strictObject({
  metricSource: z.object({
    type: z.string().refine((t) => t.toLowerCase() === 'prometheus', 'only Prometheus metric sources are supported'),
    spec: z.object({ query: z.string().min(1) }),
  }),
});

/** The subset of OpenSLO v1 `kind: SLO` that maps onto sitrep: an inline ratioMetric indicator. */
const openSloSchema = z.object({
  apiVersion: z.literal('openslo/v1', { message: 'only apiVersion openslo/v1 is supported' }),
  kind: z.literal('SLO', { message: 'only kind SLO is supported in content/slos/' }),
  metadata: z.object({
    name: z.string().min(1),
    displayName: z.string().optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.object({
    description: z.string().optional(),
    service: z.string().min(1),
    indicator: z.object(
      {
        metadata: z.object({ name: z.string() }).optional(),
        spec: z.object({
          ratioMetric: z.object(
            { counter: z.boolean().optional(), good: metricSource.optional(), bad: metricSource.optional(), total: metricSource },
            { message: 'must be a ratioMetric indicator (good or bad, and total)' },
          ),
        }),
      },
      { message: 'must be an inline indicator (indicatorRef is not supported: inline the SLI)' },
    ),
    timeWindow: z.array(z.object({ duration: z.string(), isRolling: z.boolean().optional(), calendar: z.unknown().optional() })).length(1, 'must hold exactly one time window'),
    budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
    objectives: z
      .array(
        z.object({
          displayName: z.string().optional(),
          target: z.number().gt(0).lt(1, 'must be a fraction below 1, e.g. 0.999'),
          timeSliceTarget: z.number().gt(0).max(1).optional(),
          timeSliceWindow: z.string().optional(),
        }),
      )
      .length(1, 'sitrep reads one objective per SLO: split the others into their own files'),
  }),
});

const BUDGETING: Record<string, string> = { Occurrences: 'occurrences', Timeslices: 'timeslices', RatioTimeslices: 'ratio-timeslices' };

/** OpenSLO calendar windows of one month or quarter map onto sitrep's `month` / `quarter`. */
function openSloWindow(w: { duration: string; isRolling?: boolean }): string {
  if (w.isRolling === false) {
    if (w.duration === '1M') return 'month';
    if (w.duration === '1Q' || w.duration === '3M') return 'quarter';
  }
  return w.duration.replace(/^(\d+)D$/, '$1d').replace(/^(\d+)W$/, '$1w');
}

function fromOpenSlo(source: YamlSource, value: unknown, errors: ContentError[]): Candidate[] {
  const parsed = openSloSchema.safeParse(value);
  if (!parsed.success) {
    errors.push(...zodErrors(parsed.error, source, value));
    return [];
  }
  const { metadata, spec } = parsed.data;
  const ratio = spec.indicator.spec.ratioMetric;
  const objective = spec.objectives[0]!;
  const indicatorPath = ['spec', 'indicator', 'spec', 'ratioMetric'];
  return [
    {
      path: [],
      value: {
        id: metadata.name,
        service: spec.service,
        name: metadata.displayName ?? objective.displayName ?? metadata.name,
        description: spec.description ?? '',
        objective: Math.round(objective.target * 1e8) / 1e6,
        window: openSloWindow(spec.timeWindow[0]!),
        indicator: {
          kind: 'ratio',
          ...(ratio.good ? { good: ratio.good.metricSource.spec.query } : {}),
          ...(ratio.bad ? { bad: ratio.bad.metricSource.spec.query } : {}),
          total: ratio.total.metricSource.spec.query,
        },
        budgeting: {
          method: BUDGETING[spec.budgetingMethod],
          ...(objective.timeSliceWindow ? { slice: objective.timeSliceWindow } : {}),
          ...(objective.timeSliceTarget ? { slice_target: objective.timeSliceTarget * 100 } : {}),
        },
        ...(metadata.annotations?.[RUNBOOK_ANNOTATION] ? { runbook: metadata.annotations[RUNBOOK_ANNOTATION] } : {}),
      },
      fieldPaths: {
        id: ['metadata', 'name'],
        service: ['spec', 'service'],
        name: ['metadata', 'displayName'],
        objective: ['spec', 'objectives', 0, 'target'],
        window: ['spec', 'timeWindow', 0, 'duration'],
        indicator: indicatorPath,
        budgeting: ['spec', 'objectives', 0],
        runbook: ['metadata', 'annotations', RUNBOOK_ANNOTATION],
      },
    },
  ];
}

/** Sloth `prometheus/v1`: a service with a list of event-based SLOs (30-day window). */
const slothSchema = z.object({
  version: z.literal('prometheus/v1'),
  service: z.string().min(1),
  labels: z.record(z.string(), z.string()).optional(),
  slos: z
    .array(
      z.object({
        name: z.string().min(1),
        objective: z.number(),
        description: z.string().optional(),
        labels: z.record(z.string(), z.string()).optional(),
        annotations: z.record(z.string(), z.string()).optional(),
        sli: z.object(
          {
            events: z.object({ error_query: z.string().min(1), total_query: z.string().min(1) }).optional(),
            raw: z.unknown().optional(),
            plugin: z.unknown().optional(),
          },
        ),
        alerting: z.unknown().optional(),
      }),
    )
    .min(1),
});

/** A readable title for a Sloth SLO, which has only ids: service `identity`, SLO `login` -> "Identity login". */
export function slothTitle(service: string, name: string): string {
  const words = `${service} ${name}`.replace(/[-_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function fromSloth(source: YamlSource, value: unknown, errors: ContentError[]): Candidate[] {
  const parsed = slothSchema.safeParse(value);
  if (!parsed.success) {
    errors.push(...zodErrors(parsed.error, source, value));
    return [];
  }
  const out: Candidate[] = [];
  parsed.data.slos.forEach((s, i) => {
    const path: PathKey[] = ['slos', i];
    if (!s.sli.events) {
      const pos = source.locate([...path, 'sli']);
      errors.push(contentError(source.file, pos.line, pos.column, `slos.${i}.sli`, 'only events SLIs (error_query and total_query) are supported; raw and plugin SLIs are not'));
      return;
    }
    out.push({
      path,
      value: {
        id: `${parsed.data.service}-${s.name}`,
        service: parsed.data.service,
        name: slothTitle(parsed.data.service, s.name),
        description: s.description ?? '',
        objective: s.objective,
        window: '30d',
        indicator: { kind: 'ratio', bad: s.sli.events.error_query, total: s.sli.events.total_query },
        ...(s.annotations?.[RUNBOOK_ANNOTATION] ? { runbook: s.annotations[RUNBOOK_ANNOTATION] } : {}),
      },
      fieldPaths: {
        id: [...path, 'name'],
        service: ['service'],
        name: [...path, 'name'],
        objective: [...path, 'objective'],
        indicator: [...path, 'sli', 'events'],
        runbook: [...path, 'annotations', RUNBOOK_ANNOTATION],
      },
    });
  });
  return out;
}

/** A loaded SLO and a way to find any of its sitrep fields in its source file. */
export interface SloEntry {
  slo: LoadedSlo;
  at: (field: readonly PathKey[]) => { line: number; column: number };
}

/** Validate one candidate against sitrep's schema, locating errors in the foreign document. */
function validate(source: YamlSource, format: SloFormat, c: Candidate, errors: ContentError[]): SloEntry | undefined {
  const parsed = sloSchema.safeParse(c.value);
  if (parsed.success) {
    const pos = source.locate(c.path);
    const at = (field: readonly PathKey[]) =>
      c.fieldPaths ? source.locate(c.fieldPaths[String(field[0])] ?? c.path) : source.locate([...c.path, ...field]);
    return { slo: { ...parsed.data, source: { file: source.file, line: pos.line, format } }, at };
  }
  if (!c.fieldPaths) {
    errors.push(...zodErrors(parsed.error, source, c.value, c.path));
    return undefined;
  }
  for (const issue of parsed.error.issues) {
    const head = String(issue.path[0] ?? '');
    const where = c.fieldPaths[head] ?? c.path;
    const pos = source.locate(where);
    errors.push(contentError(source.file, pos.line, pos.column, where.join('.'), `${issue.message} (as sitrep ${issue.path.join('.')})`));
  }
  return undefined;
}

/** Read the SLOs of one file in any supported format. */
export function readSloFile(source: YamlSource, value: unknown, errors: ContentError[]): SloEntry[] {
  const format = detectFormat(value);
  const candidates =
    format === 'openslo'
      ? fromOpenSlo(source, value, errors)
      : format === 'sloth'
        ? fromSloth(source, value, errors)
        : [{ value: value as Record<string, unknown>, path: [] }];
  return candidates.flatMap((c) => validate(source, format, c, errors) ?? []);
}
