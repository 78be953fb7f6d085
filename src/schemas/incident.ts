import { z } from 'zod';
import { id, timestamp } from './common.ts';
import { severity } from './severity.ts';

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;

/** The lifecycle timestamps, in the order they must occur. */
export const INCIDENT_TIMESTAMPS = ['started_at', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at'] as const;
export type IncidentTimestamp = (typeof INCIDENT_TIMESTAMPS)[number];

/** `content/incidents/*.yaml`: one incident. */
export const incidentSchema = z.strictObject({
  id: id(),
  title: z.string().min(1),
  severity: severity(),
  /** Ids of the affected services. */
  services: z.array(id()).min(1, 'must name at least one service'),
  status: z.enum(INCIDENT_STATUSES, { message: `must be one of ${INCIDENT_STATUSES.join(', ')}` }),
  /** When impact began (not when someone noticed). */
  started_at: timestamp(),
  /** When monitoring or a person first noticed. */
  detected_at: timestamp().optional(),
  /** When a responder acknowledged the page. */
  acknowledged_at: timestamp().optional(),
  /** When customer impact stopped. */
  mitigated_at: timestamp().optional(),
  /** When the incident was closed; required once status is resolved. */
  resolved_at: timestamp().optional(),
  /** What users saw, in a sentence or two. */
  impact: z.string().default(''),
  /** True when customers saw the impact; only these count as outage minutes. */
  customer_facing: z.boolean().default(false),
  roles: z
    .strictObject({
      commander: z.string().optional(),
      communications: z.string().optional(),
      scribe: z.string().optional(),
    })
    .default({}),
  /** Public status updates, oldest first. */
  updates: z
    .array(z.strictObject({ at: timestamp(), status: z.enum(INCIDENT_STATUSES).optional(), text: z.string().min(1) }))
    .default([]),
  tags: z.array(z.string().min(1)).default([]),
  /** Id of the postmortem in `content/postmortems/` (its file name without extension). */
  postmortem: id().optional(),
});

export type Incident = z.output<typeof incidentSchema>;
