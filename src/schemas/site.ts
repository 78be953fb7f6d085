import { z } from 'zod';

/**
 * What one content file may cost to check and build. A pull request cannot make CI hang or run out
 * of memory: a file over a limit is refused with an error that names the limit.
 */
export const limitsSchema = z.strictObject({
  /**
   * The largest content file (YAML or Markdown), in KiB. Default 128, at most 1024: the maxima keep
   * a file that raises the limits still bounded (about a minute of parsing at worst).
   */
  file_kb: z.number().int().min(1).max(1024).default(128),
  /** The longest single YAML value (a title, an impact, a query), in characters. Default 10,000. */
  field_chars: z.number().int().min(1).max(10_000_000).default(10_000),
  /** How deeply block quotes and lists may nest in Markdown. Default 16, at most 50. */
  markdown_depth: z.number().int().min(1).max(50).default(16),
});

export type Limits = z.output<typeof limitsSchema>;
export const DEFAULT_LIMITS: Limits = limitsSchema.parse({});

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
  /**
   * The IANA time zone pages show times in (`Europe/Berlin`), each with its zone's name. Default UTC.
   * Figures are unaffected: days, months, quarters and due dates are UTC.
   */
  time_zone: z
    .string()
    .default('UTC')
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone, e.g. UTC or Europe/Berlin'),
  /** A runbook or SLO definition not changed or marked reviewed for this many days is flagged as due for review. */
  review_after_days: z.number().int().positive().default(90),
  /** Size and nesting limits for content files (see limitsSchema). */
  limits: limitsSchema.default(DEFAULT_LIMITS),
});

export type SiteConfig = z.output<typeof siteConfigSchema>;
