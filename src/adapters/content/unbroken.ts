/**
 * What a table cell keeps on one line, in a postmortem's tables (src/adapters/content/markdown.ts)
 * and in the site's own (src/components/Unbroken.astro): a date, or a date and time (`2026-10-27`,
 * `2026-10-27 18:41 UTC`), and a hyphenated name of up to UNBROKEN_MAX characters (`CHK-412`,
 * `team-platform-db`, `in-progress`). No dependencies, as the pages import it.
 */
const UNBROKEN_MAX = 24;
// Bounded (no part of a name longer than the whole may be) and anchored at word starts, so a long
// run of letters costs one pass, not a scan from each of them.
const TABLE_TOKEN = new RegExp(
  String.raw`\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?: ?UTC|Z)?)?(?![\p{L}\p{N}_-])|(?<![\p{L}\p{N}_])[\p{L}\p{N}_]{1,${UNBROKEN_MAX}}(?:-[\p{L}\p{N}_]{1,${UNBROKEN_MAX}}){1,${UNBROKEN_MAX / 2}}(?![\p{L}\p{N}_-])`,
  'gu',
);

/**
 * A text cut into the runs a table cell keeps on one line (dates, hyphenated names: TABLE_TOKEN) and
 * the rest: `owner team-platform-db` -> [`owner `, `team-platform-db` (unbroken)]. The site's own
 * tables use it too (src/components/Unbroken.astro).
 */
export function unbrokenParts(text: string): { text: string; unbroken: boolean }[] {
  const out: { text: string; unbroken: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(TABLE_TOKEN)) {
    if (m[0].length > UNBROKEN_MAX) continue;
    if (m.index > at) out.push({ text: text.slice(at, m.index), unbroken: false });
    out.push({ text: m[0], unbroken: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), unbroken: false });
  return out;
}
