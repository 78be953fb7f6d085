import { z } from 'zod';
import { id, timestamp } from './common.ts';

/**
 * `content/maintenance/<id>.yaml`: one scheduled maintenance window. The actual times, once known,
 * replace the planned ones in every figure; an SLO with `exclude_maintenance: true` ignores the
 * steps inside the window.
 */
export const maintenanceSchema = z.strictObject({
  id: id(),
  title: z.string().min(1),
  /** What is done and what users may notice. */
  description: z.string().default(''),
  /** Ids of the services the work touches. */
  services: z.array(id()).min(1, 'must name at least one service'),
  /** The announced window. */
  planned_start: timestamp(),
  planned_end: timestamp(),
  /** When the work really began and ended, once known. */
  actual_start: timestamp().optional(),
  actual_end: timestamp().optional(),
});

export type Maintenance = z.output<typeof maintenanceSchema>;
