/**
 * Sloth (https://github.com/slok/sloth) SLO files: `version: prometheus/v1` (snake_case keys) and
 * the Kubernetes CRD `sloth.slok.dev/v1 PrometheusServiceLevel` (camelCase keys under `spec`).
 * One sitrep SLO per entry of `slos`, over Sloth's default 30-day window.
 */
import { z } from 'zod';
import { contentError, type ContentError } from './errors.ts';
import { eventsPerStep, isPerSecond, ratioAsEvents } from './foreign-queries.ts';
import type { Candidate, IgnoredNote, SloDocument } from './slo-candidate.ts';
import type { PathKey } from './yaml-source.ts';
import { zodErrors } from './zod-issues.ts';

const RUNBOOK_ANNOTATION = 'sitrep.dev/runbook';

/** Label values are metadata to sitrep: strings, numbers and booleans are all accepted. */
const labels = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional();
const strings = z.record(z.string(), z.string()).optional();

/** The key names of each Sloth spelling. */
const KEYS = {
  snake: { error: 'error_query', total: 'total_query', ratio: 'error_ratio_query', page: 'page_alert', ticket: 'ticket_alert', plugins: 'slo_plugins' },
  camel: { error: 'errorQuery', total: 'totalQuery', ratio: 'errorRatioQuery', page: 'pageAlert', ticket: 'ticketAlert', plugins: 'sloPlugins' },
} as const;
type Style = keyof typeof KEYS;

function slothSchemas(style: Style) {
  const k = KEYS[style];
  const alert = z.strictObject({ disable: z.boolean().optional(), labels, annotations: strings, overridePrevious: z.boolean().optional() }).optional();
  const plugins = z.strictObject({ overridePrevious: z.boolean().optional(), chain: z.array(z.unknown()) }).optional();
  const slo = z.strictObject({
    name: z.string().min(1),
    objective: z.number(),
    description: z.string().optional(),
    labels,
    annotations: strings,
    plugins,
    sli: z.strictObject({
      events: z.strictObject({ [k.error]: z.string().min(1), [k.total]: z.string().min(1) }).optional(),
      raw: z.strictObject({ [k.ratio]: z.string().min(1) }).optional(),
      plugin: z.strictObject({ id: z.string(), options: z.record(z.string(), z.unknown()).optional() }).optional(),
    }),
    alerting: z.strictObject({ name: z.string().optional(), labels, annotations: strings, [k.page]: alert, [k.ticket]: alert }).optional(),
  });
  const service = { service: z.string().min(1), labels, [k.plugins]: plugins, slos: z.array(slo).min(1) };
  return style === 'snake'
    ? z.strictObject({ version: z.literal('prometheus/v1'), ...service })
    : z.strictObject({
        apiVersion: z.literal('sloth.slok.dev/v1'),
        kind: z.literal('PrometheusServiceLevel', { message: 'the Sloth CRD kind is PrometheusServiceLevel' }),
        metadata: z.record(z.string(), z.unknown()).optional(),
        spec: z.strictObject(service),
        status: z.unknown().optional(),
      });
}
const SCHEMAS = { snake: slothSchemas('snake'), camel: slothSchemas('camel') };

/** A readable title for a Sloth SLO, which has only ids: service `identity`, SLO `login` -> "Identity login". */
export function slothTitle(service: string, name: string): string {
  const words = `${service} ${name}`.replace(/[-_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Rec = Record<string, unknown>;

/** Sloth SLOs as sitrep candidates: events queries per step, raw ratios as events, alerts as configured. */
export function slothCandidates(d: SloDocument, errors: ContentError[], ignored: IgnoredNote[] = []): Candidate[] {
  const { source, value } = d;
  const style: Style = (value as Rec).version === 'prometheus/v1' ? 'snake' : 'camel';
  const k = KEYS[style];
  const schema = SCHEMAS[style];
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    errors.push(...zodErrors(parsed.error, source, value, [], [], schema));
    return [];
  }
  const base: PathKey[] = style === 'snake' ? [] : ['spec'];
  const svc = (style === 'snake' ? parsed.data : (parsed.data as Rec).spec) as Rec & { service: string; slos: Rec[] };
  const out: Candidate[] = [];
  const fail = (path: PathKey[], message: string) => {
    const pos = source.locate(path);
    errors.push(contentError(source.file, pos.line, pos.column, path.join('.'), message));
  };
  const note = (path: PathKey[], what: string) => ignored.push({ file: source.file, line: source.locate(path).line, what });
  if (svc.labels) note([...base, 'labels'], `service ${svc.service}: labels are not used`);
  if (svc[k.plugins]) note([...base, k.plugins], `service ${svc.service}: ${k.plugins} (rule-generation plugins) are not used`);
  svc.slos.forEach((raw, i) => {
    const s = raw as { name: string; objective: number; description?: string; annotations?: Record<string, string>; sli: Rec; alerting?: Rec };
    const path: PathKey[] = [...base, 'slos', i];
    let indicator: Rec;
    let sliPath: PathKey[];
    if (s.sli.plugin) {
      const id = (s.sli.plugin as { id: string }).id;
      return fail([...path, 'sli', 'plugin'], `is a Sloth SLI plugin (${id}): its queries are made by Go code sitrep cannot run; write the SLI as events (${k.error} and ${k.total}) or raw (${k.ratio})`);
    }
    if (s.sli.events) {
      const ev = s.sli.events as Rec;
      const bad = String(ev[k.error]);
      const total = String(ev[k.total]);
      sliPath = [...path, 'sli', 'events'];
      if (isPerSecond(bad) === undefined || isPerSecond(total) === undefined || isPerSecond(bad) !== isPerSecond(total)) {
        return fail(sliPath, `${k.error} and ${k.total} must both count events (increase) or both give per-second rates (rate, irate), not a mix`);
      }
      indicator = { kind: 'ratio', bad: eventsPerStep(bad), total: eventsPerStep(total) };
    } else if (s.sli.raw) {
      const { ratio, total } = ratioAsEvents(String((s.sli.raw as Rec)[k.ratio]));
      sliPath = [...path, 'sli', 'raw'];
      indicator = { kind: 'ratio', bad: ratio, total };
    } else {
      return fail([...path, 'sli'], `needs events (${k.error} and ${k.total}), raw (${k.ratio}) or plugin`);
    }
    const alerting = s.alerting as Rec | undefined;
    if (alerting?.annotations || (alerting?.[k.page] as Rec | undefined)?.annotations || (alerting?.[k.ticket] as Rec | undefined)?.annotations) {
      note([...path, 'alerting'], `SLO ${s.name}: alert annotations are not used (the alert name and labels are, by npm run rules)`);
    }
    if ((raw as Rec).labels) note([...path, 'labels'], `SLO ${s.name}: labels are not used`);
    if ((raw as Rec).plugins) note([...path, 'plugins'], `SLO ${s.name}: plugins (rule-generation plugins) are not used`);
    const off = (key: string) => (alerting?.[key] as { disable?: boolean } | undefined)?.disable === true;
    const text = (l: unknown) => (l ? Object.fromEntries(Object.entries(l as Rec).map(([key, v]) => [key, String(v)])) : undefined);
    const sub = (key: string) => alerting?.[key] as Rec | undefined;
    const carried = {
      ...(alerting?.name ? { name: alerting.name } : {}),
      ...(alerting?.labels ? { labels: text(alerting.labels) } : {}),
      ...(sub(k.page)?.labels ? { page_labels: text(sub(k.page)!.labels) } : {}),
      ...(sub(k.ticket)?.labels ? { ticket_labels: text(sub(k.ticket)!.labels) } : {}),
    };
    out.push({
      source,
      format: 'sloth',
      path,
      value: {
        id: `${svc.service}-${s.name}`,
        service: svc.service,
        name: slothTitle(svc.service, s.name),
        description: s.description ?? '',
        objective: s.objective,
        window: '30d',
        indicator,
        alerting: {
          ...carried,
          ...(off(k.page) ? { page_fast: false, page_slow: false } : {}),
          ...(off(k.ticket) ? { ticket_fast: false, ticket_slow: false } : {}),
        },
        ...(s.annotations?.[RUNBOOK_ANNOTATION] ? { runbook: s.annotations[RUNBOOK_ANNOTATION] } : {}),
      },
      fieldPaths: {
        id: [...path, 'name'],
        service: [...base, 'service'],
        name: [...path, 'name'],
        objective: [...path, 'objective'],
        indicator: sliPath,
        alerting: [...path, 'alerting'],
        runbook: [...path, 'annotations', RUNBOOK_ANNOTATION],
      },
    });
  });
  return out;
}
