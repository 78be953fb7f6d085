/**
 * How wide a chart's text is drawn, for vega's layout (where labels stand, which axis labels give
 * way, how wide the SVG is). Without a canvas vega guesses 0.8 em a character, a third wider than
 * sans-serif text is: an SVG then ends in a blank margin as wide as its longest label is overrated
 * (90 px beside the burn-rate chart's rule labels). This table gives each character its advance
 * in DejaVu Sans, the widest of the usual system sans-serif fonts (Linux's default), in em, so a
 * label's box is as wide as it is drawn there and no narrower than elsewhere (Segoe UI, SF, Roboto).
 */
const NARROW: Record<string, number> = { ' ': 0.318, '.': 0.318, ',': 0.318, ':': 0.337, ';': 0.337, "'": 0.275, '!': 0.4, '|': 0.337, '·': 0.318, i: 0.278, j: 0.278, l: 0.278, f: 0.352, t: 0.392, r: 0.411, I: 0.295, '-': 0.361, '(': 0.39, ')': 0.39, '[': 0.39, ']': 0.39, '/': 0.337 };
const WIDE: Record<string, number> = { m: 0.974, w: 0.818, M: 0.863, W: 0.989, '%': 0.95, '×': 0.838, '≤': 0.838, '≥': 0.838, '−': 0.838, '+': 0.838, '=': 0.838, '<': 0.838, '>': 0.838, '…': 1, '–': 0.5, '—': 1 };

/** One character's advance in em: digits 0.636, lowercase about 0.61, capitals about 0.72, anything else 0.8. */
function advance(ch: string): number {
  const known = NARROW[ch] ?? WIDE[ch];
  if (known !== undefined) return known;
  if (ch >= '0' && ch <= '9') return 0.636;
  if (ch >= 'a' && ch <= 'z') return 0.62;
  if (ch >= 'A' && ch <= 'Z') return 0.74;
  return 0.8;
}

/** How much wider bold text is drawn. */
const BOLD = 1.1;

/** The width in px of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += advance(ch);
  return em * fontSize * (bold ? BOLD : 1);
}

/** The widths this table gives the characters charts use: part of a cached chart's key, so that a change here redraws them. */
export const TEXT_WIDTHS_KEY = `bold ${BOLD} ` + [...' !%\'()+,-./0123456789:;<=>ABCDEFGHIJKLMNOPQRSTUVWXYZ[]abcdefghijklmnopqrstuvwxyz|·×–—…−≤≥é'].map(advance).join(',');
