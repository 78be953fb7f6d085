import { z } from 'zod';

/** `content/site.yaml`: the organisation and site settings. Optional; these are the defaults. */
export const siteConfigSchema = z.strictObject({
  /** Shown in the header and page titles. */
  title: z.string().min(1).default('sitrep'),
  organisation: z.string().min(1).default('Example Org'),
  description: z.string().default('Service reliability reports'),
  /** Where the content lives, for "edit this page" links: `<url>/edit/<branch>/<file>` (GitHub, GitLab and Gitea use this form). */
  repository: z
    .strictObject({
      url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL, e.g. https://github.com/acme/reliability' }).transform((u) => u.replace(/\/+$/, '')),
      branch: z.string().min(1).default('main'),
    })
    .optional(),
  /** A runbook or SLO definition not changed or marked reviewed for this many days is flagged as due for review. */
  review_after_days: z.number().int().positive().default(90),
});

export type SiteConfig = z.output<typeof siteConfigSchema>;
