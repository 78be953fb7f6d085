import { z } from 'zod';

/**
 * The longest id, in characters. Ids become file and folder names (`data/snapshots/<id>.json`,
 * `dist/slos/<id>/`), which most file systems limit to 255 bytes: a longer id would crash the build.
 */
export const MAX_ID_LENGTH = 100;

/** Lower-case kebab-case identifier, e.g. `checkout-availability`, at most MAX_ID_LENGTH characters. */
export const id = () =>
  z
    .string()
    .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters long (ids become file names)`)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes (e.g. "checkout-api")');

/** The URL schemes a page may link to; `javascript:`, `vbscript:`, `data:` and the rest are refused. */
export const SAFE_SCHEMES = ['http', 'https', 'mailto'] as const;

/**
 * The scheme of a URL as a browser reads it (`JaVa\tScRiPt:x` is `javascript`), lower-cased, or
 * undefined for a relative URL (`../x`, `/x`, `#x`, `//host/x`).
 */
export function urlScheme(url: string): string | undefined {
  // Browsers drop tabs and line breaks anywhere in a URL, and control characters and spaces around it.
  const cleaned = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  return /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned)?.[1]?.toLowerCase();
}

/** Whether a link may be published: relative, or http, https or mailto. */
export function isSafeUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === undefined || (SAFE_SCHEMES as readonly string[]).includes(scheme);
}

/** An absolute http, https or mailto URL, e.g. `https://grafana.example.com/d/checkout`. */
export const webUrl = () =>
  z.string().superRefine((s, ctx) => {
    const scheme = urlScheme(s);
    if (scheme !== undefined && !(SAFE_SCHEMES as readonly string[]).includes(scheme)) {
      ctx.addIssue({ code: 'custom', message: `must be an http, https or mailto URL: a ${scheme}: URL could run code in the reader's browser` });
    } else if (scheme === undefined || !URL.canParse(s)) {
      ctx.addIssue({ code: 'custom', message: 'must be a full URL, e.g. https://grafana.example.com/d/checkout' });
    }
  });

/** ISO 8601 timestamp with an explicit offset (`Z` or `+02:00`), e.g. `2026-10-03T09:12:00Z`. */
export const timestamp = () =>
  z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with an offset, e.g. 2026-10-03T09:12:00Z' });

/** Calendar date `YYYY-MM-DD`. YAML may already have turned it into a Date; accept both. */
export const date = () =>
  z.preprocess(
    (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
    z.iso.date({ message: 'must be a date, e.g. 2026-10-05' }),
  );

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parse a Prometheus-style duration (`5m`, `1h`, `30d`, `1h30m`) into seconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const re = /(\d+)([smhdw])/gy;
  let total = 0;
  let matched = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    matched += m[0].length;
  }
  return matched === text.length && text.length > 0 && total > 0 ? total : undefined;
}

/** A positive duration such as `5m`, `1h`, `30d`; parsed into seconds. */
export const duration = () =>
  z
    .string()
    .refine((s) => parseDuration(s) !== undefined, 'must be a duration such as 5m, 1h or 30d')
    .transform((s) => ({ text: s, seconds: parseDuration(s)! }));

/** A percentage strictly between 0 and 100, e.g. 99.9. */
export const percent = () =>
  z.number().gt(0, 'must be more than 0 (percent)').lt(100, 'must be less than 100 (percent), e.g. 99.9');

export type Duration = z.output<ReturnType<typeof duration>>;
