/**
 * `content/maintenance/*.yaml`: scheduled maintenance windows, validated like the other content
 * (file:line:column errors): the schema, the id matching the file name, unique ids, known services,
 * and each end after its start.
 */
import { basename, extname } from 'node:path';
import { maintenanceSchema, type Maintenance } from '../../schemas/maintenance.ts';
import { readYaml, type Entry } from './documents.ts';
import { contentError, type ContentError } from './errors.ts';
import type { ContentFiles } from './files.ts';

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

/**
 * Read and validate every maintenance file, through the same safe file access as the rest of the
 * content (regular files inside content/, within the size limits); errors are appended, nothing is thrown.
 */
export async function loadMaintenance(files: ContentFiles, services: ReadonlySet<string>, invalidServices: ReadonlySet<string>, errors: ContentError[]): Promise<LoadedMaintenance[]> {
  const entries: Entry<LoadedMaintenance>[] = [];
  for (const file of await files.list(DIR, ['.yaml', '.yml'], 'maintenance windows are .yaml or .yml files')) {
    const text = await files.read(file);
    const e = text === undefined ? undefined : readYaml(file, text, maintenanceSchema, errors, files.limits);
    if (e) entries.push({ ...e, value: { ...e.value, file } });
  }
  errors.push(...checkMaintenance(entries, services, invalidServices));
  return entries.map((e) => e.value).sort((a, b) => Date.parse(a.planned_start) - Date.parse(b.planned_start) || a.id.localeCompare(b.id));
}
