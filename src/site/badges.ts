/**
 * Shields-style SVG badges of an SLO and of a service, for READMEs and wikis: a grey label and a
 * coloured message that says the status in words and the SLI ("99.825% · red"), so the colour is
 * never the only signal. Pure: figures in, SVG text out. Text widths are estimated from the
 * character widths of Verdana at 11 px (about 6.5 px a character, as shields.io measures), so a
 * badge is as wide as its text without a font on the build machine.
 */
import type { SloView } from './model.ts';
import { pct } from './format.ts';
import { worstFirst } from './worst-first.ts';

const COLOURS = { green: '#1a7f37', yellow: '#9a6700', red: '#c11f2a', none: '#57606a' } as const;
type Status = 'green' | 'yellow' | 'red' | null;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Estimated width of text in Verdana 11 px: narrow characters count less. */
export function textWidth(text: string): number {
  let w = 0;
  for (const c of text) w += /[il.,:;'|!·]/.test(c) ? 3.5 : /[mwMW%]/.test(c) ? 10 : /[A-Z0-9]/.test(c) ? 7.5 : 6.5;
  return Math.round(w);
}

/** A two-part badge: `label | message`, the message on its status colour. */
export function badgeSvg(label: string, message: string, status: Status): string {
  const lw = textWidth(label) + 12;
  const mw = textWidth(message) + 12;
  const w = lw + mw;
  const colour = COLOURS[status ?? 'none'];
  const title = `${label}: ${message}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${esc(title)}">`,
    `<title>${esc(title)}</title>`,
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${colour}"/><rect width="${w}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${lw / 2}" y="15" fill="#010101" fill-opacity=".3">${esc(label)}</text><text x="${lw / 2}" y="14">${esc(label)}</text>`,
    `<text x="${lw + mw / 2}" y="15" fill="#010101" fill-opacity=".3">${esc(message)}</text><text x="${lw + mw / 2}" y="14">${esc(message)}</text>`,
    '</g></svg>',
    '',
  ].join('');
}

/** An SLO's message: its SLI and status in words, `99.825% · red`, or `no data`. */
export function sloBadgeMessage(v: Pick<SloView, 'report'>): { message: string; status: Status } {
  const r = v.report;
  if (!r || r.sli === null) return { message: 'no data', status: null };
  return { message: `${pct(r.sli)} · ${r.status ?? 'no status'}`, status: r.status };
}

/**
 * A service's message: its worst SLO (worstFirst: by status, then by budget left), as that SLO's
 * SLI and status (`99.825% · red`); `no SLO` when it has none.
 */
export function serviceBadgeMessage(views: readonly Pick<SloView, 'report' | 'slo'>[]): { message: string; status: Status } {
  const known = views.filter((v) => v.report?.status);
  if (views.length === 0) return { message: 'no SLO', status: null };
  if (known.length === 0) return { message: 'no data', status: null };
  return sloBadgeMessage([...known].sort(worstFirst)[0]!);
}

/** The Markdown that embeds a badge linking to its page. */
export function badgeMarkdown(alt: string, badgeUrl: string, pageUrl: string): string {
  return `[![${alt.replace(/[[\]]/g, '')}](${badgeUrl})](${pageUrl})`;
}
