import { z } from 'zod';
import { duration } from './common.ts';

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `P0`..`P3` are accepted as aliases of `SEV1`..`SEV4`. */
export const SEVERITY_ALIASES: Record<string, Severity> = { P0: 'SEV1', P1: 'SEV2', P2: 'SEV3', P3: 'SEV4' };

export const severity = () =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.toUpperCase() in SEVERITY_ALIASES ? SEVERITY_ALIASES[v.toUpperCase()] : typeof v === 'string' ? v.toUpperCase() : v),
    z.enum(SEVERITIES, { message: 'must be one of SEV1, SEV2, SEV3, SEV4 (or P0..P3)' }),
  );

/**
 * What a customer-facing incident of a severity counts as: a `full` outage, `partial` degradation,
 * or `none` (not an outage). Incidents that are not customer-facing never count.
 */
export const OUTAGE_KINDS = ['full', 'partial', 'none'] as const;
export type OutageKind = (typeof OUTAGE_KINDS)[number];

/** Response target: a duration (`15m`) or `next-business-day`. */
const responseTarget = z.union([
  z.literal('next-business-day'),
  duration(),
]);

/** `content/severities.yaml`: severity levels and their response-time targets (acknowledge within). */
export const severityConfigSchema = z.strictObject({
  levels: z
    .array(
      z.strictObject({
        id: z.enum(SEVERITIES),
        name: z.string().min(1),
        description: z.string().default(''),
        /** Time from detection to acknowledgement that meets the target. */
        response: responseTarget,
        /** What a customer-facing incident of this severity counts as; default SEV1 full, SEV2/SEV3 partial, SEV4 none. */
        outage: z.enum(OUTAGE_KINDS, { message: 'must be full, partial or none' }).optional(),
      }),
    )
    .refine((l) => new Set(l.map((x) => x.id)).size === l.length, 'each severity may appear only once'),
});

export type SeverityConfig = z.output<typeof severityConfigSchema>;
export type SeverityLevel = SeverityConfig['levels'][number];

export const DEFAULT_SEVERITIES: SeverityConfig = {
  levels: [
    { id: 'SEV1', name: 'Critical', description: 'Full outage or data loss for many customers.', response: { text: '15m', seconds: 900 } },
    { id: 'SEV2', name: 'Major', description: 'Major degradation or a key feature down.', response: { text: '1h', seconds: 3600 } },
    { id: 'SEV3', name: 'Minor', description: 'Partial degradation with a workaround.', response: { text: '4h', seconds: 14400 } },
    { id: 'SEV4', name: 'Low', description: 'Cosmetic or internal-only impact.', response: 'next-business-day' },
  ],
};
