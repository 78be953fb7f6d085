import { z } from 'zod';

/** `content/site.yaml`: the organisation and site settings. Optional; these are the defaults. */
export const siteConfigSchema = z.strictObject({
  /** Shown in the header and page titles. */
  title: z.string().min(1).default('sitrep'),
  organisation: z.string().min(1).default('Example Org'),
  description: z.string().default('Service reliability reports'),
});

export type SiteConfig = z.output<typeof siteConfigSchema>;
