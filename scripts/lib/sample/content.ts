/**
 * Reads what the sample generator needs from content/: the SLOs (sitrep, OpenSLO v1 and Sloth
 * prometheus/v1 files) and the incidents. Deliberately independent of src/adapters/content so
 * the generator keeps working while content has errors elsewhere; it validates with the same
 * zod schemas.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { incidentSchema, type Incident } from '../../../src/schemas/incident.ts';
import { sloSchema, type Slo, type SloInput } from '../../../src/schemas/slo.ts';

const RUNBOOK_ANNOTATION = 'sitrep.dev/runbook';

async function yamlFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
}

type Doc = Record<string, unknown>;
const obj = (v: unknown): Doc => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Doc) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** OpenSLO v1 `kind: SLO` as sitrep input: id from metadata.name, runbook from the annotation. */
function fromOpenSlo(doc: Doc): SloInput {
  const metadata = obj(doc.metadata);
  const spec = obj(doc.spec);
  const ratio = obj(obj(obj(spec.indicator).spec).ratioMetric);
  const query = (side: string) => str(obj(obj(obj(ratio[side]).metricSource).spec).query);
  const objective = obj((spec.objectives as unknown[] | undefined)?.[0]);
  const window = obj((spec.timeWindow as unknown[] | undefined)?.[0]);
  const runbook = str(obj(metadata.annotations)[RUNBOOK_ANNOTATION]);
  const method = str(spec.budgetingMethod) ?? 'Occurrences';
  return {
    id: str(metadata.name) ?? '',
    service: str(spec.service) ?? '',
    name: str(metadata.displayName) ?? str(objective.displayName) ?? str(metadata.name) ?? '',
    description: str(spec.description) ?? '',
    objective: Number(objective.target) * 100,
    window: str(window.duration) ?? '30d',
    indicator: { kind: 'ratio', good: query('good'), bad: query('bad'), total: query('total') ?? '' },
    budgeting: { method: method === 'Timeslices' ? 'timeslices' : method === 'RatioTimeslices' ? 'ratio-timeslices' : 'occurrences' },
    ...(runbook ? { runbook } : {}),
  } as SloInput;
}

/** Sloth prometheus/v1: one SLO per entry, id `<service>-<name>`, 30-day window. */
function fromSloth(doc: Doc): SloInput[] {
  const service = str(doc.service) ?? '';
  return ((doc.slos as unknown[] | undefined) ?? []).map((raw) => {
    const s = obj(raw);
    const events = obj(obj(s.sli).events);
    const runbook = str(obj(s.annotations)[RUNBOOK_ANNOTATION]);
    return {
      id: `${service}-${str(s.name) ?? ''}`,
      service,
      name: str(s.name) ?? '',
      description: str(s.description) ?? '',
      objective: Number(s.objective),
      window: '30d',
      indicator: { kind: 'ratio', bad: str(events.error_query), total: str(events.total_query) ?? '' },
      ...(runbook ? { runbook } : {}),
    } as SloInput;
  });
}

/** Every SLO under `<root>/content/slos`, sorted by id. Throws on a file that does not validate. */
export async function readSlos(root: string): Promise<Slo[]> {
  const dir = join(root, 'content', 'slos');
  const out: Slo[] = [];
  for (const name of await yamlFiles(dir)) {
    const doc = obj(parse(await readFile(join(dir, name), 'utf8')));
    const inputs =
      str(doc.apiVersion) === 'openslo/v1' ? [fromOpenSlo(doc)] : str(doc.version) === 'prometheus/v1' ? fromSloth(doc) : [doc as SloInput];
    for (const input of inputs) {
      const r = sloSchema.safeParse(input);
      if (!r.success) throw new Error(`content/slos/${name}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      out.push(r.data);
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Every incident under `<root>/content/incidents`, sorted by start. */
export async function readIncidents(root: string): Promise<Incident[]> {
  const dir = join(root, 'content', 'incidents');
  const out: Incident[] = [];
  for (const name of await yamlFiles(dir)) {
    const r = incidentSchema.safeParse(parse(await readFile(join(dir, name), 'utf8')));
    if (!r.success) throw new Error(`content/incidents/${name}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    out.push(r.data);
  }
  return out.sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at) || a.id.localeCompare(b.id));
}
