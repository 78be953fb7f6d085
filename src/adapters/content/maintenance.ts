/**
 * `content/maintenance/*.yaml`: scheduled maintenance windows, validated like the other content
 * (file:line:column errors): the schema, the id matching the file name, unique ids, known services,
 * and each end after its start.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { maintenanceSchema, type Maintenance } from '../../schemas/maintenance.ts';
import { readYaml, type Entry } from './documents.ts';
import { contentError, type ContentError } from './errors.ts';

export type LoadedMaintenance = Maintenance & { file: string };

const DIR = 'content/maintenance';

/** Checks of loaded maintenance entries against the known (and known-but-invalid) service ids. */
export function checkMaintenance(entries: readonly Entry<LoadedMaintenance>[], services: ReadonlySet<string>, invalidServices: ReadonlySet<string>): ContentError[] {
  const errors: ContentError[] = [];
  const err = (e: Entry<LoadedMaintenance>, path: (string | number)[], message: string) => {
    const p = e.at(path);
    errors.push(contentError(e.file, p.line, p.column, path.join('.'), message));
  };
  const seen = new Map<string, string>();
  for (const e of entries) {
    const m = e.value;
    const name = basename(e.file, extname(e.file));
    if (name !== m.id) err(e, ['id'], `is "${m.id}" but the file is named ${basename(e.file)}: rename one so they match`);
    if (seen.has(m.id)) err(e, ['id'], `duplicate maintenance id "${m.id}": already used in ${seen.get(m.id)}`);
    else seen.set(m.id, e.file);
    m.services.forEach((s, i) => {
      if (!services.has(s) && !invalidServices.has(s)) err(e, ['services', i], `unknown service "${s}": no such id in content/services/`);
    });
    if (Date.parse(m.planned_end) <= Date.parse(m.planned_start)) err(e, ['planned_end'], `must be after planned_start (${m.planned_start})`);
    if (m.actual_end !== undefined && m.actual_start === undefined) err(e, ['actual_end'], 'is set without actual_start: give both, or neither');
    if (m.actual_end !== undefined && m.actual_start !== undefined && Date.parse(m.actual_end) <= Date.parse(m.actual_start)) {
      err(e, ['actual_end'], `must be after actual_start (${m.actual_start})`);
    }
  }
  return errors;
}

/** Read and validate every maintenance file under `root`; errors are appended, nothing is thrown. */
export async function loadMaintenance(root: string, services: ReadonlySet<string>, invalidServices: ReadonlySet<string>, errors: ContentError[]): Promise<LoadedMaintenance[]> {
  const names = await readdir(join(root, DIR)).catch(() => [] as string[]);
  const entries: Entry<LoadedMaintenance>[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    const file = `${DIR}/${name}`;
    if (!['.yaml', '.yml'].includes(extname(name))) {
      errors.push(contentError(file, 1, 1, '', `unexpected file in ${DIR}/: maintenance windows are .yaml files`));
      continue;
    }
    const e = readYaml(file, await readFile(join(root, file), 'utf8'), maintenanceSchema, errors);
    if (e) entries.push({ ...e, value: { ...e.value, file } });
  }
  errors.push(...checkMaintenance(entries, services, invalidServices));
  return entries.map((e) => e.value).sort((a, b) => Date.parse(a.planned_start) - Date.parse(b.planned_start) || a.id.localeCompare(b.id));
}
