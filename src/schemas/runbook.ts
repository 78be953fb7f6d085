import { z } from 'zod';
import { date, id } from './common.ts';

/** Frontmatter of `content/runbooks/*.md` and `*.mdx`. The id is the file name without extension. */
export const runbookSchema = z.strictObject({
  title: z.string().min(1),
  /** Id of the service the runbook belongs to. */
  service: id(),
  /** What the runbook covers: SLO ids and alert names. At least one of them. */
  covers: z
    .strictObject({
      slos: z.array(id()).default([]),
      alerts: z.array(z.string().min(1)).default([]),
    })
    .refine((c) => c.slos.length + c.alerts.length > 0, 'must list at least one SLO or alert'),
  /** Team or person who keeps it current. */
  owner: z.string().min(1),
  /** Date of the last review, YYYY-MM-DD. */
  last_reviewed: date(),
});

export type Runbook = z.output<typeof runbookSchema>;
