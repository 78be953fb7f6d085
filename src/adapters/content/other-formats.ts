/**
 * SLO formats sitrep recognises but does not read: each file gets one error that names the
 * format and says how to write it for sitrep, instead of a list of generic "unknown field" errors.
 */
import { contentError, type ContentError } from './errors.ts';
import type { SloDocument } from './slo-candidate.ts';

type Rec = Record<string, unknown>;

/** google/slo-generator (v2 `sre.google.com/v2`, or a v1 config with `slo_name` and `backend`). */
export function otherFormat(value: unknown): 'slo-generator' | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Rec;
  if (typeof v.apiVersion === 'string' && v.apiVersion.startsWith('sre.google.com/')) return 'slo-generator';
  if ('slo_name' in v && 'backend' in v) return 'slo-generator';
  return undefined;
}

const ADVICE = {
  'slo-generator':
    'this is a google/slo-generator config, which sitrep does not read: write it as OpenSLO v1 or sitrep YAML, with the good_bad_ratio filter_bad (or filter_good) and filter_valid queries as bad (or good) and total, and goal as objective (see README, "SLOs")',
} as const;

/** The one error for a file in a format sitrep does not read. */
export function refuseOtherFormat(d: SloDocument, format: 'slo-generator', errors: ContentError[]): void {
  const pos = d.source.locate([]);
  errors.push(contentError(d.source.file, pos.line, pos.column, '', ADVICE[format]));
}
