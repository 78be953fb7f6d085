/**
 * Pyrra (https://github.com/pyrra-dev/pyrra) `pyrra.dev/v1alpha1 ServiceLevelObjective` files.
 * Pyrra's metrics are counters (ratio, latency) or 0/1 gauges (bool_gauge); each becomes a query
 * that counts one step's events. Pyrra names no service: it comes from the annotation
 * `sitrep.dev/service`, else the Kubernetes namespace.
 */
import { z } from 'zod';
import { contentError, type ContentError } from './errors.ts';
import type { Candidate, IgnoredNote, SloDocument } from './slo-candidate.ts';
import { zodErrors } from './zod-issues.ts';

const query = z.strictObject({ metric: z.string().min(1) });
const grouping = z.array(z.string()).optional();

const schema = z.strictObject({
  apiVersion: z.literal('pyrra.dev/v1alpha1', { message: 'sitrep reads Pyrra pyrra.dev/v1alpha1' }),
  kind: z.literal('ServiceLevelObjective'),
  metadata: z.looseObject({
    name: z.string().min(1),
    namespace: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.strictObject({
    description: z.string().optional(),
    /** A percentage, written as a string in Pyrra ('99.5'). */
    target: z.union([z.string(), z.number()]),
    window: z.string(),
    indicator: z.strictObject({
      ratio: z.strictObject({ errors: query, total: query, grouping }).optional(),
      latency: z.strictObject({ success: query, total: query, grouping }).optional(),
      latencyNative: z.strictObject({ latency: z.string(), total: query, grouping }).optional(),
      bool_gauge: z.strictObject({ metric: z.string().min(1), grouping }).optional(),
    }),
    alerting: z
      .strictObject({ disabled: z.boolean().optional(), burnrates: z.boolean().optional(), absent: z.boolean().optional(), name: z.string().optional(), absentName: z.string().optional(), severities: z.record(z.string(), z.string()).optional() })
      .optional(),
    partial_response_strategy: z.string().optional(),
    performanceOverAccuracy: z.boolean().optional(),
    ruleOutput: z.unknown().optional(),
    shortRulesLabels: z.record(z.string(), z.string()).optional(),
    longRulesLabels: z.record(z.string(), z.string()).optional(),
    enableDescriptionAsLabel: z.boolean().optional(),
  }),
  status: z.unknown().optional(),
});

/** A counter selector as its increase over one step: `x_total{a="b"}` -> `sum(increase(x_total{a="b"}[{{window}}]))`. */
const increase = (metric: string) => `sum(increase(${metric.trim()}[{{window}}]))`;

/** A Pyrra SLO as a sitrep candidate. */
export function pyrraCandidates(d: SloDocument, errors: ContentError[], ignored: IgnoredNote[] = []): Candidate[] {
  const { source, value } = d;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    errors.push(...zodErrors(parsed.error, source, value, [], [], schema));
    return [];
  }
  const { metadata, spec } = parsed.data;
  const fail = (path: string[], message: string): Candidate[] => {
    const pos = source.locate(path);
    errors.push(contentError(source.file, pos.line, pos.column, path.join('.'), message));
    return [];
  };
  const ind = spec.indicator;
  const kinds = Object.keys(ind).filter((k) => ind[k as keyof typeof ind] !== undefined);
  if (kinds.length !== 1) return fail(['spec', 'indicator'], 'needs exactly one of ratio, latency, latencyNative or bool_gauge');
  const kind = kinds[0]!;
  const grouped = (ind[kind as keyof typeof ind] as { grouping?: string[] }).grouping;
  if (grouped?.length) {
    return fail(['spec', 'indicator', kind, 'grouping'], `grouping makes one SLO per value of ${grouped.join(', ')}; sitrep reads one SLO over all of them: remove grouping, or write one file per group with its labels in the metrics`);
  }
  let indicator: Record<string, unknown>;
  if (ind.ratio) indicator = { kind: 'ratio', bad: increase(ind.ratio.errors.metric), total: increase(ind.ratio.total.metric) };
  else if (ind.latency) indicator = { kind: 'ratio', good: increase(ind.latency.success.metric), total: increase(ind.latency.total.metric) };
  else if (ind.bool_gauge) {
    // Each sample of the 0/1 gauge is one event, good when it is 1.
    const m = ind.bool_gauge.metric.trim();
    indicator = { kind: 'ratio', good: `sum(sum_over_time(${m}[{{window}}]))`, total: `sum(count_over_time(${m}[{{window}}]))` };
  } else {
    return fail(['spec', 'indicator', 'latencyNative'], 'Pyrra latencyNative (native histograms) is not read by sitrep: use a latency indicator over classic _bucket and _count series');
  }
  const service = metadata.annotations?.['sitrep.dev/service'] ?? metadata.namespace;
  if (!service) return fail(['metadata'], 'a Pyrra SLO names no service: add the annotation sitrep.dev/service: <service id> (or a namespace named like the service)');
  if (metadata.labels) ignored.push({ file: source.file, line: source.locate(['metadata', 'labels']).line, what: `Pyrra SLO ${metadata.name}: labels are not used` });
  const off = spec.alerting?.disabled === true || spec.alerting?.burnrates === false;
  const target = typeof spec.target === 'number' ? spec.target : Number(spec.target);
  return [
    {
      source,
      format: 'pyrra',
      path: [],
      value: {
        id: metadata.name,
        service,
        name: metadata.name,
        description: spec.description ?? '',
        objective: Number.isFinite(target) ? target : spec.target,
        window: spec.window,
        indicator,
        ...(off ? { alerting: { page_fast: false, page_slow: false, ticket_fast: false, ticket_slow: false } } : {}),
        ...(metadata.annotations?.['sitrep.dev/runbook'] ? { runbook: metadata.annotations['sitrep.dev/runbook'] } : {}),
      },
      fieldPaths: {
        id: ['metadata', 'name'],
        service: metadata.annotations?.['sitrep.dev/service'] ? ['metadata', 'annotations', 'sitrep.dev/service'] : ['metadata', 'namespace'],
        name: ['metadata', 'name'],
        objective: ['spec', 'target'],
        window: ['spec', 'window'],
        indicator: ['spec', 'indicator'],
        alerting: ['spec', 'alerting'],
        runbook: ['metadata', 'annotations', 'sitrep.dev/runbook'],
      },
    },
  ];
}
