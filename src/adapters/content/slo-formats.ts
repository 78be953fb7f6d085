import { sloSchema, type Slo, type SloFormat } from '../../schemas/slo.ts';
import { contentError, type ContentError } from './errors.ts';
import { collectOpenSlo, openSloCandidates, OpenSloRegistry } from './openslo.ts';
import { otherFormat, refuseOtherFormat } from './other-formats.ts';
import type { Candidate, IgnoredNote, SloDocument } from './slo-candidate.ts';
import { pyrraCandidates } from './pyrra.ts';
import { slothCandidates } from './sloth.ts';
import type { PathKey } from './yaml-source.ts';
import { zodErrors } from './zod-issues.ts';

export type { IgnoredNote, SloDocument };
export { slothTitle } from './sloth.ts';

/** An SLO as loaded, with where it came from so errors and pages can point back at the file. */
export type LoadedSlo = Slo & { source: { file: string; line: number; format: SloFormat } };

/** Which format a parsed SLO document is written in (a YAML list of OpenSLO objects is OpenSLO). */
export function detectFormat(value: unknown): SloFormat {
  const isOpenSlo = (x: unknown) => !!x && typeof x === 'object' && typeof (x as Record<string, unknown>).apiVersion === 'string' && String((x as Record<string, unknown>).apiVersion).startsWith('openslo/');
  if (Array.isArray(value)) return value.length > 0 && value.every(isOpenSlo) ? 'openslo' : 'sitrep';
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (isOpenSlo(v)) return 'openslo';
    if (v.version === 'prometheus/v1' || v.apiVersion === 'sloth.slok.dev/v1') return 'sloth';
    if (typeof v.apiVersion === 'string' && v.apiVersion.startsWith('pyrra.dev/')) return 'pyrra';
  }
  return 'sitrep';
}

/** A loaded SLO and a way to find any of its sitrep fields in its source file. */
export interface SloEntry {
  slo: LoadedSlo;
  at: (field: readonly PathKey[]) => { line: number; column: number };
  /** The foreign alert rules its alerting came from, if any. */
  alerts?: Candidate['alerts'];
}

/** Validate one candidate against sitrep's schema, locating errors in the foreign document. */
function validate(c: Candidate, errors: ContentError[]): SloEntry | undefined {
  const { source } = c;
  const parsed = sloSchema.safeParse(c.value);
  if (parsed.success) {
    const pos = source.locate(c.path);
    const at = (field: readonly PathKey[]) =>
      c.fieldPaths ? source.locate(c.fieldPaths[String(field[0])] ?? c.path) : source.locate([...c.path, ...field]);
    return { slo: { ...parsed.data, source: { file: source.file, line: pos.line, format: c.format } }, at, ...(c.alerts ? { alerts: c.alerts } : {}) };
  }
  if (!c.fieldPaths) {
    errors.push(...zodErrors(parsed.error, source, c.value, c.path, [], sloSchema));
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

/**
 * Read the SLOs of every document of content/slos/ in any supported format. OpenSLO objects are
 * gathered from all files first, so an SLO may name an SLI, DataSource or AlertPolicy of another file.
 */
export function readSloDocuments(docs: readonly SloDocument[], errors: ContentError[], ignored: IgnoredNote[] = []): SloEntry[] {
  const registry = new OpenSloRegistry(ignored);
  const candidates: Candidate[] = [];
  const empty = (d: SloDocument) => d.value === null || d.value === undefined;
  const files = new Set(docs.map((d) => d.source.file));
  for (const file of files) {
    if (!docs.filter((d) => d.source.file === file).every(empty)) continue;
    errors.push(contentError(file, 1, 1, '', 'holds no SLO: write one in sitrep\'s format, or OpenSLO v1, Sloth or Pyrra documents (see README, "SLOs")'));
  }
  for (const d of docs) {
    if (empty(d)) continue;
    const other = otherFormat(d.value);
    if (other) {
      refuseOtherFormat(d, other, errors);
      continue;
    }
    const format = detectFormat(d.value);
    if (format === 'openslo') collectOpenSlo(registry, d, errors);
    else if (format === 'sloth') candidates.push(...slothCandidates(d, errors, ignored));
    else if (format === 'pyrra') candidates.push(...pyrraCandidates(d, errors, ignored));
    else candidates.push({ source: d.source, format, value: d.value as Record<string, unknown>, path: [] });
  }
  candidates.push(...openSloCandidates(registry, errors));
  return candidates.flatMap((c) => validate(c, errors) ?? []);
}
