import type { SloFormat } from '../../schemas/slo.ts';
import type { PathKey, YamlSource } from './yaml-source.ts';

/** One YAML document of a file in content/slos/ (a file may hold several, separated by `---`). */
export interface SloDocument {
  source: YamlSource;
  value: unknown;
}

/** A candidate SLO in sitrep's shape, before validation, with its place in the source document. */
export interface Candidate {
  source: YamlSource;
  format: SloFormat;
  value: Record<string, unknown>;
  /** Path of the SLO inside the YAML document (empty for a whole-document SLO). */
  path: PathKey[];
  /** Maps a sitrep field (first path element) to where it lives in the foreign document. */
  fieldPaths?: Record<string, PathKey[]>;
  /** The foreign alert rules an SLO's alerting came from (OpenSLO burn-rate conditions), for `npm run import`. */
  alerts?: { policy: string; condition: string; severity: string; mapped: 'page' | 'ticket'; op: 'gt' | 'gte' | 'lt' | 'lte'; threshold: number; lookbackWindow: string; alertAfter?: string }[];
}

/** Something of a foreign file that sitrep reads but does not use, for `npm run import` to say so. */
export interface IgnoredNote {
  file: string;
  line: number;
  what: string;
}
