import { z } from 'zod';
import { FROZEN_REPORT_SCHEMA, type FrozenRecord } from '../core/frozen-report.ts';
import { PERIOD_REPORT_SCHEMA } from '../core/period-report.ts';

/**
 * A frozen period report: `data/reports/<period>.json`, written by `npm run freeze`, read by the
 * build. The envelope is checked here; each version's `report` is the PeriodReport the engine
 * computed (src/core/period-report.ts), checked for its schema and period only.
 */
const commit = z.strictObject({
  /** Full hash. */
  hash: z.string().regex(/^[0-9a-f]{7,64}$/),
  short: z.string().min(4),
  /** Commit time, ISO 8601. */
  date: z.iso.datetime({ offset: true }),
});

const period = z.strictObject({
  kind: z.enum(['month', 'quarter']),
  key: z.string(),
  slug: z.string(),
  from: z.string(),
  to: z.string(),
});

const json: z.ZodType<unknown> = z.unknown();

const version = z.strictObject({
  /** 1, 2, ... in order. */
  version: z.number().int().positive(),
  /** HEAD when frozen; null outside git. */
  commit: commit.nullable(),
  /** Uncommitted changes under content/ or data/snapshots/ when frozen. */
  dirty: z.boolean(),
  /** Report time of the computation, ISO 8601. */
  asOf: z.iso.datetime({ offset: true }),
  snapshot: z.strictObject({
    /** `sha256:<hex>` over the files' listing (see snapshotListing). */
    hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    files: z.array(z.strictObject({ path: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  }),
  /** What differs from the previous version: figure path, from, to. */
  changes: z.array(z.strictObject({ figure: z.string(), from: json, to: json })),
  /** Commits to content/ and data/ since the previous version's commit; null when git could not tell. */
  commits: z.array(commit.extend({ author: z.string(), subject: z.string() })).nullable(),
  report: z.looseObject({ schema: z.literal(PERIOD_REPORT_SCHEMA), period }),
});

export const frozenRecordSchema = z.strictObject({
  schema: z.literal(FROZEN_REPORT_SCHEMA),
  period,
  versions: z.array(version).min(1),
});

/** Validate a parsed record; the result is a FrozenRecord (the reports are the engine's own output). */
export const parseFrozenRecord = (value: unknown) => frozenRecordSchema.safeParse(value) as unknown as z.ZodSafeParseResult<FrozenRecord>;
