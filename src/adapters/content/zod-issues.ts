import type { z } from 'zod';
import { contentError, quote, type ContentError } from './errors.ts';
import { nearestKey } from './near.ts';
import { keysAt } from './schema-keys.ts';
import type { PathKey, YamlSource } from './yaml-source.ts';

/** Rephrase zod's messages in words an author of a YAML file understands. */
function describe(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type') {
    if (value === undefined) return 'is required';
    return `must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}, got ${typeName(value)}`;
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    // Our schemas word their own enum messages ("must be one of ..."); zod's default lists values.
    const what = issue.message.startsWith('must') ? issue.message : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    return `${what}, got ${quote(value)}`;
  }
  return issue.message;
}

function typeName(v: unknown): string {
  if (v === null) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  // YAML's .nan and .inf are numbers to YAML, but no count or percentage can be one.
  if (typeof v === 'number' && !Number.isFinite(v)) return quote(v);
  return `${typeof v} ${quote(v)}`;
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PathKey, unknown>)[k];
  }
  return v;
}

/**
 * Turn a failed zod parse into located errors. `prefix` is the path of the validated value inside
 * the YAML document (for values nested in a larger file, such as one SLO of a Sloth file).
 */
export function zodErrors(
  error: z.ZodError,
  source: YamlSource,
  input: unknown,
  prefix: readonly PathKey[] = [],
  fieldPrefix: readonly PathKey[] = [],
  /** The schema that failed: unknown fields then get a "did you mean" hint naming the closest allowed one. */
  schema?: z.ZodType,
): ContentError[] {
  const out: ContentError[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const pos = source.locate([...prefix, ...path, key], true);
        const hint = schema ? nearestKey(key, keysAt(schema, path)) : '';
        out.push(contentError(source.file, pos.line, pos.column, [...fieldPrefix, ...path, key].join('.'), `unknown field${hint || ' (check its spelling and indentation)'}`));
      }
      continue;
    }
    if (issue.code === 'invalid_union' && 'errors' in issue && issue.errors.length) {
      // Report the union branch that got furthest, not zod's generic "invalid input".
      const deepest = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
      const nested = { issues: deepest.map((i) => ({ ...i, path: [...path, ...i.path] })) } as unknown as z.ZodError;
      out.push(...zodErrors(nested, source, input, prefix, fieldPrefix, schema));
      continue;
    }
    const pos = source.locate([...prefix, ...path]);
    out.push(contentError(source.file, pos.line, pos.column, [...fieldPrefix, ...path].join('.'), describe(issue, valueAt(input, path))));
  }
  return out;
}

function depth(issues: z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 0.5)));
}
