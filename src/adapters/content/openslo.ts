/**
 * OpenSLO v1 (https://github.com/OpenSLO/OpenSLO), read as written: single documents, `---`
 * multi-document files and YAML lists, with `indicatorRef`, `metricSourceRef` and alert-policy
 * references resolved across every file of `content/slos/`. Each objective of an SLO becomes one
 * sitrep SLO. Only Prometheus-compatible metric sources can be fetched.
 */
import { z } from 'zod';
import { isTimeZone } from '../../core/zoned-periods.ts';
import { WEEKDAYS, type CalendarKind, type Weekday } from '../../schemas/slo.ts';
import { contentError, type ContentError } from './errors.ts';
import { counterQuery, hasWindow, ratioAsEvents } from './foreign-queries.ts';
import { nearestKey } from './near.ts';
import type { Candidate, IgnoredNote, SloDocument } from './slo-candidate.ts';
import type { PathKey, YamlSource } from './yaml-source.ts';
import { zodErrors } from './zod-issues.ts';

const RUNBOOK_ANNOTATION = 'sitrep.dev/runbook';

/** Metric source types whose queries are PromQL, sent to PROMETHEUS_URL. */
export const PROMQL_SOURCES = ['prometheus', 'thanos', 'cortex', 'mimir', 'victoriametrics', 'promql'];

const metadata = z.strictObject({
  name: z.string().min(1),
  displayName: z.string().optional(),
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.unknown()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const metricSource = z.strictObject({
  metricSource: z.strictObject({
    metricSourceRef: z.string().min(1).optional(),
    type: z.string().min(1).optional(),
    spec: z.record(z.string(), z.unknown()).optional(),
  }),
});
type MetricSource = z.output<typeof metricSource>;

const sliSpec = z.strictObject({
  description: z.string().optional(),
  ratioMetric: z
    .strictObject({
      counter: z.boolean().optional(),
      good: metricSource.optional(),
      bad: metricSource.optional(),
      total: metricSource.optional(),
      rawType: z.enum(['success', 'failure']).optional(),
      raw: metricSource.optional(),
    })
    .optional(),
  thresholdMetric: metricSource.optional(),
});
type SliSpec = z.output<typeof sliSpec>;

const inlineSli = z.strictObject({ metadata: metadata.partial().optional(), spec: sliSpec });

const durationShorthand = z.string().regex(/^\d+[smhdwMQY]$/, 'must be a duration shorthand such as 28d, 4w, 1M or 1Q');

const objective = z.strictObject({
  displayName: z.string().optional(),
  op: z.enum(['lte', 'gte', 'lt', 'gt']).optional(),
  value: z.number().optional(),
  target: z.number().gt(0).lt(1, 'must be a fraction below 1, e.g. 0.999').optional(),
  targetPercent: z.number().gt(0).lt(100, 'must be a percentage below 100, e.g. 99.9').optional(),
  timeSliceTarget: z.number().gt(0).max(1).optional(),
  /** A duration shorthand, or a number of minutes (the spec's default unit). */
  timeSliceWindow: z.union([durationShorthand, z.number().positive()]).optional(),
  indicator: inlineSli.optional(),
  indicatorRef: z.string().min(1).optional(),
  compositeWeight: z.number().positive().optional(),
});

const burnRateCondition = z.strictObject({
  kind: z.literal('burnrate', { message: 'only burnrate conditions are defined by OpenSLO v1' }),
  op: z.enum(['lte', 'gte', 'lt', 'gt']),
  threshold: z.number(),
  lookbackWindow: durationShorthand,
  alertAfter: durationShorthand.optional(),
});
const alertConditionSpec = z.strictObject({ description: z.string().optional(), severity: z.string().min(1), condition: burnRateCondition });
const targetSpec = z.strictObject({ description: z.string().optional(), target: z.string().min(1) });
const alertPolicySpec = z.strictObject({
  description: z.string().optional(),
  alertWhenNoData: z.boolean().optional(),
  alertWhenResolved: z.boolean().optional(),
  alertWhenBreaching: z.boolean().optional(),
  conditions: z.array(z.union([z.strictObject({ conditionRef: z.string().min(1) }), z.strictObject({ kind: z.literal('AlertCondition'), metadata, spec: alertConditionSpec })])).min(1),
  notificationTargets: z.array(z.union([z.strictObject({ targetRef: z.string().min(1) }), z.strictObject({ kind: z.literal('AlertNotificationTarget'), metadata, spec: targetSpec })])).optional(),
});

const sloSpec = z.strictObject({
  description: z.string().optional(),
  service: z.string().min(1),
  indicator: inlineSli.optional(),
  indicatorRef: z.string().min(1).optional(),
  timeWindow: z
    .array(
      z.strictObject({
        duration: durationShorthand,
        isRolling: z.boolean().optional(),
        calendar: z.strictObject({ startTime: z.union([z.string(), z.date()]), timeZone: z.string().min(1) }).optional(),
      }),
    )
    .length(1, 'must hold exactly one time window'),
  budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
  objectives: z.array(objective).min(1),
  alertPolicies: z
    .array(z.union([z.string().min(1), z.strictObject({ alertPolicyRef: z.string().min(1) }), z.strictObject({ kind: z.literal('AlertPolicy'), metadata, spec: alertPolicySpec })]))
    .nullish(),
});

const doc = <K extends string, S extends z.ZodType>(kind: K, spec: S) => z.strictObject({ apiVersion: z.literal('openslo/v1'), kind: z.literal(kind), metadata, spec });

/** The schema of each OpenSLO v1 kind. */
const KINDS = {
  SLO: doc('SLO', sloSpec),
  SLI: doc('SLI', sliSpec),
  Service: doc('Service', z.strictObject({ description: z.string().optional() })),
  DataSource: doc('DataSource', z.strictObject({ description: z.string().optional(), type: z.string().min(1), connectionDetails: z.unknown() })),
  AlertPolicy: doc('AlertPolicy', alertPolicySpec),
  AlertCondition: doc('AlertCondition', alertConditionSpec),
  AlertNotificationTarget: doc('AlertNotificationTarget', targetSpec),
} as const;
type Kind = keyof typeof KINDS;

/** One OpenSLO object, validated, and where it is. */
interface OpenSloObject {
  kind: Kind;
  name: string;
  value: z.output<(typeof KINDS)[Kind]>;
  source: YamlSource;
  path: PathKey[];
}

/** A `burnrate` alert condition of an SLO's alert policies, as written, for `npm run import`. */
export interface BurnRateAlert {
  policy: string;
  condition: string;
  /** The severity as written, and what sitrep makes of it. */
  severity: string;
  mapped: 'page' | 'ticket';
  op: 'gt' | 'gte' | 'lt' | 'lte';
  threshold: number;
  lookbackWindow: string;
  alertAfter?: string;
}

/** What was read from every OpenSLO document, by kind and name. */
export class OpenSloRegistry {
  private readonly objects = new Map<Kind, Map<string, OpenSloObject>>();
  readonly slos: OpenSloObject[] = [];
  private readonly ignored: IgnoredNote[];
  private readonly broken = new Set<string>();

  /** `ignored` collects what is read but not used (for `npm run import`). */
  constructor(ignored: IgnoredNote[] = []) {
    this.ignored = ignored;
  }

  /** Validate one object (a document or an item of a YAML list) and remember it. */
  add(source: YamlSource, value: unknown, path: PathKey[], errors: ContentError[]): void {
    const v = value as Record<string, unknown>;
    if (v.apiVersion !== 'openslo/v1') {
      const pos = source.locate([...path, 'apiVersion']);
      errors.push(contentError(source.file, pos.line, pos.column, [...path, 'apiVersion'].join('.'), `sitrep reads OpenSLO openslo/v1; this object is ${String(v.apiVersion)}: rewrite it as openslo/v1`));
      return;
    }
    const kind = String(v.kind) as Kind;
    const schema = KINDS[kind];
    if (!schema) {
      const pos = source.locate([...path, 'kind']);
      errors.push(contentError(source.file, pos.line, pos.column, [...path, 'kind'].join('.'), `is not an OpenSLO v1 kind${nearestKey(String(v.kind), Object.keys(KINDS))}: one of ${Object.keys(KINDS).join(', ')}`));
      return;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      errors.push(...zodErrors(parsed.error, source, value, path, path, schema));
      const name = (v.metadata as Record<string, unknown> | undefined)?.name;
      if (typeof name === 'string') this.broken.add(`${kind}/${name}`);
      return;
    }
    const obj: OpenSloObject = { kind, name: parsed.data.metadata.name, value: parsed.data, source, path };
    this.noteIgnored(obj);
    if (kind === 'SLO') this.slos.push(obj);
    const byName = this.objects.get(kind) ?? new Map<string, OpenSloObject>();
    const prior = byName.get(obj.name);
    if (prior && kind !== 'Service') {
      const pos = source.locate([...path, 'metadata', 'name']);
      const at = prior.source.locate([...prior.path, 'metadata', 'name']);
      errors.push(contentError(source.file, pos.line, pos.column, [...path, 'metadata', 'name'].join('.'), `another ${kind} is named "${obj.name}" (${prior.source.file}:${at.line}): names must be unique per kind`));
      return;
    }
    byName.set(obj.name, obj);
    this.objects.set(kind, byName);
  }

  private noteIgnored(obj: OpenSloObject): void {
    const note = (field: PathKey[], what: string) => this.ignored.push({ file: obj.source.file, line: obj.source.locate([...obj.path, ...field]).line, what });
    const why: Partial<Record<Kind, string>> = {
      Service: 'not used: sitrep\'s services are content/services/*.yaml',
      AlertNotificationTarget: 'not used: sitrep replays alerts, it does not send them',
      DataSource: 'gives its type to the queries whose metricSourceRef names it; its connectionDetails are not used (the fetch reads PROMETHEUS_URL)',
    };
    if (why[obj.kind]) note(['kind'], `${obj.kind} ${obj.name}: ${why[obj.kind]}`);
    if (obj.value.metadata.labels) note(['metadata', 'labels'], `${obj.kind} ${obj.name}: metadata.labels are not used`);
    if (obj.kind === 'AlertPolicy') note(['spec'], `AlertPolicy ${obj.name}: notificationTargets and alertWhen* are not used; its burn-rate conditions are replayed`);
  }

  /**
   * Why a reference to a missing object is an error, with a "did you mean" hint; '' when the object
   * exists but is broken (its own errors are reported, so the reference adds none).
   */
  missing(kind: Kind, name: string): string {
    return this.broken.has(`${kind}/${name}`) ? '' : `no OpenSLO ${kind} is named "${name}" in content/slos/${nearestKey(name, this.names(kind))}`;
  }

  /** Record something of an object that is read but not used. */
  note(obj: { source: YamlSource; path: PathKey[] }, field: PathKey[], what: string): void {
    this.ignored.push({ file: obj.source.file, line: obj.source.locate([...obj.path, ...field]).line, what });
  }

  get(kind: Kind, name: string): OpenSloObject | undefined {
    return this.objects.get(kind)?.get(name);
  }

  names(kind: Kind): string[] {
    return [...(this.objects.get(kind)?.keys() ?? [])];
  }
}

/** Collect every OpenSLO object of one document: a single object or a YAML list of them. */
export function collectOpenSlo(registry: OpenSloRegistry, d: SloDocument, errors: ContentError[]): void {
  if (Array.isArray(d.value)) d.value.forEach((item, i) => registry.add(d.source, item, [i], errors));
  else registry.add(d.source, d.value, [], errors);
}

/** A problem at a field of an OpenSLO object, collected while converting it. */
class Problems {
  private readonly obj: { source: YamlSource; path: PathKey[] };
  readonly errors: ContentError[];
  count = 0;
  constructor(obj: { source: YamlSource; path: PathKey[] }, errors: ContentError[]) {
    this.obj = obj;
    this.errors = errors;
  }
  add(field: PathKey[], message: string): undefined {
    const path = [...this.obj.path, ...field];
    const pos = this.obj.source.locate(path);
    // '' fails the SLO without an error of its own: the cause is reported elsewhere.
    if (message) this.errors.push(contentError(this.obj.source.file, pos.line, pos.column, path.join('.'), message));
    this.count++;
    return undefined;
  }
}

function unitSeconds(unit: string): number | undefined {
  return ({ s: 1, m: 60, h: 3600, d: 86400, w: 604800 } as Record<string, number>)[unit];
}

/** OpenSLO calendar durations sitrep reads, and the calendar window each one is. */
const CALENDAR_DURATIONS: Record<string, CalendarKind> = { '1d': 'day', '24h': 'day', '1w': 'week', '7d': 'week', '1M': 'month', '1Q': 'quarter', '3M': 'quarter', '1Y': 'year', '12M': 'year', '4Q': 'year' };

/**
 * The date and time of a `calendar.startTime` ("2022-01-01 12:00:00", no zone; a YAML timestamp is taken in UTC),
 * or undefined when it is not one.
 */
function startFields(start: string | Date): { year: number; month: number; day: number; time: string } | undefined {
  const text = start instanceof Date ? start.toISOString() : start;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || Number(m[4] ?? 0) > 23 || Number(m[5] ?? 0) > 59) return undefined;
  return { year, month, day, time: `${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}` };
}

export interface OpenSloWindow {
  window?: string;
  timeZone?: string;
  /** The weekday a calendar week starts on: the weekday of `calendar.startTime`. */
  weekStart?: Weekday;
  /** What of `calendar.startTime` sitrep does not use, in words (for `npm run import`). */
  unused?: string;
  error?: string;
  field?: string;
}

/**
 * An OpenSLO time window as a sitrep window. Rolling: any whole number of hours (`28d`, `4w`,
 * `36h` as written; `120m` -> `2h`). Calendar (`isRolling: false`, or a `calendar` and no `isRolling`, as
 * the spec defaults it): `1d`/`24h` -> `day`, `1w`/`7d` -> `week`, `1M` -> `month`, `1Q`/`3M` -> `quarter`,
 * `1Y`/`12M` -> `year`, in the calendar's `timeZone`. A week starts on the weekday of `calendar.startTime`
 * (2022-01-01 is a Saturday); every period starts at local midnight, so the time of day of `startTime`, and
 * a month, quarter or year start that is not the calendar's, are not used (`unused` says so).
 */
export function openSloWindow(w: { duration: string; isRolling?: boolean; calendar?: { startTime: string | Date; timeZone: string } }): OpenSloWindow {
  const m = /^(\d+)([smhdwMQY])$/.exec(w.duration)!;
  const n = Number(m[1]);
  const unit = m[2]!;
  const rolling = w.isRolling ?? !w.calendar;
  if (rolling) {
    if (w.calendar) return { error: 'a rolling window has no calendar: remove calendar, or set isRolling: false', field: 'calendar' };
    const seconds = unitSeconds(unit);
    if (seconds === undefined) return { error: `a rolling window of ${w.duration} has no fixed length: give it in days or weeks, e.g. 30d or 4w`, field: 'duration' };
    const total = n * seconds;
    if (total <= 0 || total % 3600 !== 0) return { error: 'sitrep computes rolling windows of whole hours, e.g. 24h, 28d or 4w', field: 'duration' };
    if ('hdw'.includes(unit)) return { window: w.duration };
    return { window: total % 86400 === 0 ? `${total / 86400}d` : `${total / 3600}h` };
  }
  const kind = CALENDAR_DURATIONS[w.duration];
  if (!kind) {
    const minutes = unit === 'm' ? ' (m is minutes; a month is 1M)' : '';
    const asRolling = unitSeconds(unit) !== undefined ? `, or a rolling window of ${w.duration} (isRolling: true)` : '';
    return { error: `sitrep reads calendar windows of one day (1d), week (1w or 7d), month (1M), quarter (1Q or 3M) or year (1Y or 12M), not ${w.duration}${minutes}: use one of those${asRolling}`, field: 'duration' };
  }
  const zone = w.calendar?.timeZone;
  const utc = !zone || /^(UTC|Etc\/UTC|GMT|Etc\/GMT|Z|Zulu|Universal)$/i.test(zone);
  if (!utc && !isTimeZone(zone)) return { error: `${zone} is not an IANA time zone, e.g. America/New_York or UTC`, field: 'calendar.timeZone' };
  const out: OpenSloWindow = { window: kind, ...(utc ? {} : { timeZone: zone }) };
  if (!w.calendar) return out;
  const start = startFields(w.calendar.startTime);
  if (!start) return { error: 'must be a date with a time, as the spec writes it: 2022-01-01 12:00:00', field: 'calendar.startTime' };
  const unused: string[] = [];
  if (start.time !== '00:00:00') unused.push(`its time of day ${start.time} (sitrep's calendar ${kind}s start at local midnight)`);
  if (kind === 'week') out.weekStart = WEEKDAYS[new Date(Date.UTC(start.year, start.month - 1, start.day)).getUTCDay()]!;
  const aligned = kind === 'day' || kind === 'week' || (start.day === 1 && (kind === 'month' || (kind === 'quarter' ? start.month % 3 === 1 : start.month === 1)));
  if (!aligned) unused.push(`its date as a ${kind} start (sitrep's ${kind}s start on the calendar's, ${kind === 'month' ? 'the 1st' : kind === 'quarter' ? 'the 1st of January, April, July and October' : '1 January'})`);
  if (unused.length) out.unused = `calendar.startTime ${start.year}-${String(start.month).padStart(2, '0')}-${String(start.day).padStart(2, '0')} ${start.time}: ${unused.join(' and ')} is not used`;
  return out;
}

/** A URL-safe id part from an objective's display name: "Internal objective" -> `internal-objective`. */
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/** Convert every OpenSLO SLO that was read into sitrep candidates, one per objective. */
export function openSloCandidates(registry: OpenSloRegistry, errors: ContentError[]): Candidate[] {
  return registry.slos.flatMap((obj) => convertSlo(registry, obj, errors));
}

function convertSlo(registry: OpenSloRegistry, obj: OpenSloObject, errors: ContentError[]): Candidate[] {
  const slo = obj.value as z.output<typeof KINDS.SLO>;
  const { metadata: meta, spec } = slo;
  const problems = new Problems(obj, errors);
  const win = openSloWindow(spec.timeWindow[0]!);
  if (win.error) problems.add(['spec', 'timeWindow', 0, ...win.field!.split('.')], win.error);
  if (win.unused) registry.note(obj, ['spec', 'timeWindow', 0, 'calendar', 'startTime'], `SLO ${meta.name}: ${win.unused}`);
  const alerts = alertPolicies(registry, obj, problems);
  const out: Candidate[] = [];
  // The SLO's own indicator is read once, so that two objectives sharing it give one error, not two.
  let shared: { value: Record<string, unknown> | undefined; failed: boolean } | undefined;
  spec.objectives.forEach((o, i) => {
    const at: PathKey[] = ['spec', 'objectives', i];
    const before = problems.count;
    let indicator: Record<string, unknown> | undefined;
    if (o.indicator || o.indicatorRef) indicator = readIndicator(registry, obj, o, problems);
    else {
      if (!shared) {
        const n = problems.count;
        shared = { value: readIndicator(registry, obj, o, problems), failed: false };
        shared.failed = problems.count > n;
      }
      if (shared.failed) return;
      indicator = shared.value;
    }
    if (indicator?.kind === 'threshold') indicator = thresholdIndicator(String(indicator.query), o, (f, m) => problems.add([...at, ...f], m));
    let target: number | undefined;
    if ((o.target === undefined) === (o.targetPercent === undefined)) problems.add(at, 'give exactly one of target (a fraction, 0.999) or targetPercent (99.9)');
    else target = o.targetPercent ?? Math.round(o.target! * 1e8) / 1e6;
    const slice = typeof o.timeSliceWindow === 'number' ? `${o.timeSliceWindow}m` : o.timeSliceWindow;
    if (slice && /[MQY]$/.test(slice)) problems.add([...at, 'timeSliceWindow'], 'a time slice must be a fixed length, e.g. 1m or 5m');
    if (problems.count > before || win.error) return;
    const several = spec.objectives.length > 1;
    if (o.compositeWeight !== undefined) registry.note(obj, [...at, 'compositeWeight'], `SLO ${meta.name}: compositeWeight is not used (each objective is its own SLO)`);
    const suffix = several ? slug(o.displayName ?? '') || String(i + 1) : '';
    const title = meta.displayName ?? (several ? meta.name : (o.displayName ?? meta.name));
    const prefix = obj.path;
    out.push({
      source: obj.source,
      format: 'openslo',
      path: prefix,
      value: {
        id: suffix ? `${meta.name}-${suffix}` : meta.name,
        service: spec.service,
        name: several ? `${title}: ${o.displayName ?? `objective ${i + 1}`}` : title,
        description: spec.description ?? '',
        objective: target,
        window: win.window,
        ...(win.timeZone ? { time_zone: win.timeZone } : {}),
        ...(win.weekStart ? { week_start: win.weekStart } : {}),
        indicator: indicator!,
        budgeting: {
          method: { Occurrences: 'occurrences', Timeslices: 'timeslices', RatioTimeslices: 'ratio-timeslices' }[spec.budgetingMethod],
          ...(slice ? { slice } : {}),
          ...(o.timeSliceTarget ? { slice_target: Math.round(o.timeSliceTarget * 1e8) / 1e6 } : {}),
        },
        ...(alerts ? { alerting: alerts.alerting } : {}),
        ...(meta.annotations?.[RUNBOOK_ANNOTATION] ? { runbook: meta.annotations[RUNBOOK_ANNOTATION] } : {}),
      },
      fieldPaths: {
        id: [...prefix, 'metadata', 'name'],
        service: [...prefix, 'spec', 'service'],
        name: [...prefix, 'metadata', 'displayName'],
        objective: [...prefix, ...at, o.target === undefined ? 'targetPercent' : 'target'],
        window: [...prefix, 'spec', 'timeWindow', 0, 'duration'],
        time_zone: [...prefix, 'spec', 'timeWindow', 0, 'calendar', 'timeZone'],
        week_start: [...prefix, 'spec', 'timeWindow', 0, 'calendar', 'startTime'],
        indicator: [...prefix, ...(spec.indicatorRef ? ['spec', 'indicatorRef'] : ['spec', 'indicator'])],
        budgeting: [...prefix, ...at],
        alerting: [...prefix, 'spec', 'alertPolicies'],
        runbook: [...prefix, 'metadata', 'annotations', RUNBOOK_ANNOTATION],
      },
      ...(alerts ? { alerts: alerts.list } : {}),
    });
  });
  return out;
}

/** The indicator of an objective: its own (composite SLOs), else the SLO's, inline or by reference. */
function readIndicator(registry: OpenSloRegistry, obj: OpenSloObject, o: z.output<typeof objective>, problems: Problems): Record<string, unknown> | undefined {
  const spec = (obj.value as z.output<typeof KINDS.SLO>).spec;
  const i = (obj.value as z.output<typeof KINDS.SLO>).spec.objectives.indexOf(o);
  const own = o.indicator || o.indicatorRef;
  const base: PathKey[] = own ? ['spec', 'objectives', i] : ['spec'];
  const inline = own ? o.indicator : spec.indicator;
  const ref = own ? o.indicatorRef : spec.indicatorRef;
  if (inline && ref) return problems.add(base, 'give indicator or indicatorRef, not both');
  if (inline) return fromSli(registry, inline.spec, problems.add.bind(problems), base.concat(['indicator', 'spec']));
  if (!ref) return problems.add(base, 'needs an indicator (inline) or an indicatorRef naming an SLI');
  const sli = registry.get('SLI', ref);
  if (!sli) return problems.add([...base, 'indicatorRef'], registry.missing('SLI', ref));
  const sliProblems = new Problems(sli, problems.errors);
  const result = fromSli(registry, (sli.value as z.output<typeof KINDS.SLI>).spec, sliProblems.add.bind(sliProblems), ['spec']);
  if (sliProblems.count) problems.count += sliProblems.count;
  return result;
}

type Report = (field: PathKey[], message: string) => undefined;

const OPS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/**
 * A thresholdMetric with its objective's `op` and `value`: each series' value at a step is one
 * event, good when it compares true. `latency_ms` with `op: lt, value: 500` gives
 * good `sum((latency_ms) < bool 500)` and total `count(latency_ms)`.
 */
function thresholdIndicator(q: string, o: z.output<typeof objective>, report: Report): Record<string, unknown> | undefined {
  if (!o.op || o.value === undefined) return report([], 'a thresholdMetric objective needs op (lt, lte, gt, gte) and value');
  const query = q.trim();
  return { kind: 'ratio', good: `sum((${query}) ${OPS[o.op]} bool ${o.value})`, total: `count(${query})`, ...(hasWindow(query) ? {} : { per_step: true }) };
}

/** A ratio indicator from an SLI spec, with each query in sitrep's per-step form. */
function fromSli(registry: OpenSloRegistry, spec: SliSpec, report: Report, at: PathKey[]): Record<string, unknown> | undefined {
  if (spec.thresholdMetric) {
    const q = query(registry, spec.thresholdMetric, report, [...at, 'thresholdMetric']);
    return q === undefined ? undefined : { kind: 'threshold', query: q };
  }
  const ratio = spec.ratioMetric;
  if (!ratio) return report(at, 'needs a ratioMetric indicator');
  const r: PathKey[] = [...at, 'ratioMetric'];
  if (ratio.raw) {
    if (ratio.good || ratio.bad || ratio.total) return report(r, 'a raw ratio stands alone: remove good, bad and total, or raw');
    if (!ratio.rawType) return report([...r, 'rawType'], 'is required with raw: success (the query is the good ratio) or failure (the bad ratio)');
    const q = query(registry, ratio.raw, report, [...r, 'raw']);
    if (q === undefined) return undefined;
    const { ratio: ratioQuery, total } = ratioAsEvents(q);
    return { kind: 'ratio', [ratio.rawType === 'success' ? 'good' : 'bad']: ratioQuery, total, ...(hasWindow(q) ? {} : { per_step: true }) };
  }
  if (ratio.rawType) return report([...r, 'rawType'], 'only goes with raw');
  if (!ratio.total) return report(r, 'needs total, with good or bad');
  const out: Record<string, string> = {};
  for (const key of ['good', 'bad', 'total'] as const) {
    const src = ratio[key];
    if (!src) continue;
    const q = query(registry, src, report, [...r, key]);
    if (q === undefined) return undefined;
    out[key] = ratio.counter ? counterQuery(q) : q;
  }
  const perStep = Object.values(out).every((q) => !hasWindow(q));
  return { kind: 'ratio', ...out, ...(perStep ? { per_step: true } : {}) };
}

/** The PromQL of a metric source, its type taken from a DataSource when `metricSourceRef` names one. */
function query(registry: OpenSloRegistry, m: MetricSource, report: Report, at: PathKey[]): string | undefined {
  const src = m.metricSource;
  let type = src.type;
  if (src.metricSourceRef) {
    const ds = registry.get('DataSource', src.metricSourceRef);
    if (!ds && !type) return report([...at, 'metricSource', 'metricSourceRef'], registry.missing('DataSource', src.metricSourceRef));
    type ??= ds && (ds.value as z.output<typeof KINDS.DataSource>).spec.type;
  }
  if (!type) return report([...at, 'metricSource'], 'needs a type (Prometheus) or a metricSourceRef naming a DataSource');
  if (!PROMQL_SOURCES.includes(type.toLowerCase())) return report([...at, 'metricSource', 'type'], `is ${type}: sitrep fetches from Prometheus-compatible sources only (${PROMQL_SOURCES.join(', ')})`);
  const q = src.spec?.query;
  if (typeof q !== 'string' || !q.trim()) return report([...at, 'metricSource', 'spec', 'query'], 'needs the PromQL query');
  return q;
}

/**
 * OpenSLO leaves an alert condition's severity free text. sitrep has page and ticket alerts, so:
 * page, critical, high, urgent, emergency, sev1, sev2, p0, p1 page; ticket, warning, warn, medium,
 * low, minor, info, sev3, sev4, p2, p3 open a ticket (case-insensitive). Anything else is an error.
 */
export const SEVERITY_MAP: Record<'page' | 'ticket', readonly string[]> = {
  page: ['page', 'critical', 'high', 'urgent', 'emergency', 'sev1', 'sev2', 'p0', 'p1'],
  ticket: ['ticket', 'warning', 'warn', 'medium', 'low', 'minor', 'info', 'sev3', 'sev4', 'p2', 'p3'],
};
const mapSeverity = (s: string): 'page' | 'ticket' | undefined => (['page', 'ticket'] as const).find((k) => SEVERITY_MAP[k].includes(s.trim().toLowerCase()));

/**
 * The alert policies of an SLO, resolved (by name, `alertPolicyRef`, or inline) down to their
 * burn-rate conditions, each one of sitrep's own alerts as written: its name, op, threshold,
 * lookback window, alertAfter (the hold) and severity (mapped by SEVERITY_MAP). They replace the four
 * default alerts. A condition that two of the SLO's policies share is one alert.
 */
function alertPolicies(registry: OpenSloRegistry, obj: OpenSloObject, problems: Problems): { alerting: Record<string, unknown>; list: BurnRateAlert[] } | undefined {
  const refs = (obj.value as z.output<typeof KINDS.SLO>).spec.alertPolicies;
  if (!refs?.length) return undefined;
  const list: BurnRateAlert[] = [];
  const alerts: Record<string, unknown>[] = [];
  refs.forEach((ref, i) => {
    const at: PathKey[] = ['spec', 'alertPolicies', i];
    let policy: { name: string; spec: z.output<typeof alertPolicySpec> } | undefined;
    if (typeof ref === 'string' || 'alertPolicyRef' in ref) {
      const name = typeof ref === 'string' ? ref : ref.alertPolicyRef;
      const found = registry.get('AlertPolicy', name);
      if (!found) return problems.add(at, registry.missing('AlertPolicy', name));
      policy = { name, spec: (found.value as z.output<typeof KINDS.AlertPolicy>).spec };
    } else policy = { name: ref.metadata.name, spec: ref.spec };
    policy.spec.conditions.forEach((c, j) => {
      let cond: { name: string; spec: z.output<typeof alertConditionSpec> } | undefined;
      if ('conditionRef' in c) {
        const found = registry.get('AlertCondition', c.conditionRef);
        const why = registry.missing('AlertCondition', c.conditionRef);
        if (!found) return problems.add(at, why && `policy ${policy.name}: ${why}`);
        cond = { name: c.conditionRef, spec: (found.value as z.output<typeof KINDS.AlertCondition>).spec };
      } else cond = { name: c.metadata.name, spec: c.spec };
      const k = cond.spec.condition;
      const what = `policy ${policy.name}, condition ${cond.name} (${j + 1})`;
      const severity = mapSeverity(cond.spec.severity);
      if (!severity) return problems.add(at, `${what}: severity ${cond.spec.severity} is neither a page (${SEVERITY_MAP.page.join(', ')}) nor a ticket (${SEVERITY_MAP.ticket.join(', ')})`);
      if (unitSeconds(k.lookbackWindow.slice(-1)) === undefined || /^0+[a-z]$/i.test(k.lookbackWindow)) return problems.add(at, `${what}: lookbackWindow ${k.lookbackWindow} must be a fixed length above 0, e.g. 1h or 6h`);
      if (k.alertAfter && unitSeconds(k.alertAfter.slice(-1)) === undefined) return problems.add(at, `${what}: alertAfter ${k.alertAfter} must be a fixed length, e.g. 5m`);
      const same = list.find((a) => a.condition === cond.name);
      if (same) {
        registry.note(obj, at, `SLO ${obj.name}, condition ${cond.name}: also in policy ${same.policy}, replayed once`);
        return;
      }
      list.push({ policy: policy.name, condition: cond.name, severity: cond.spec.severity, mapped: severity, op: k.op, threshold: k.threshold, lookbackWindow: k.lookbackWindow, ...(k.alertAfter ? { alertAfter: k.alertAfter } : {}) });
      alerts.push({ name: cond.name, severity, op: k.op, burn_rate: k.threshold, window: k.lookbackWindow, ...(k.alertAfter ? { for: k.alertAfter } : {}) });
    });
  });
  return { alerting: alerts.length ? { alerts } : {}, list };
}
