import { z } from 'zod';
import { id, webUrl } from './common.ts';

/** `content/services/*.yaml`: one service that SLOs and incidents refer to. */
export const serviceSchema = z.strictObject({
  /** Unique id, referenced by SLOs, incidents and runbooks. */
  id: id(),
  /** Display name. */
  name: z.string().min(1),
  /** One or two sentences: what the service does for whom. */
  description: z.string().default(''),
  /** The team that owns the service and its SLOs. */
  owner: z.string().min(1),
  /** Criticality, 1 (most critical) to 4. */
  tier: z.number().int().min(1).max(4),
  /** Dashboards, repositories, on-call rotation, ...: http, https or mailto URLs only. */
  links: z.array(z.strictObject({ title: z.string().min(1), url: webUrl() })).default([]),
  /** Ids of the services this one depends on. */
  dependencies: z.array(id()).default([]),
});

export type Service = z.output<typeof serviceSchema>;
