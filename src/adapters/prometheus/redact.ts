/**
 * Hiding credentials in text that a server sent back (error pages, JSON errors, warnings).
 *
 * A hostile or careless server may echo a credential in several forms: as sent, HTML-escaped
 * (`a&amp;b&lt;c`), JSON-escaped (`a\u0026b\"c`), percent-encoded, base64 (basic auth), or only
 * part of it (a page cut at some length). So the text is first decoded (HTML entities, JSON and
 * percent escapes) with a map back to the original characters; then every run of at least
 * `FRAGMENT` characters that also occurs in a secret (or in its base64 form) is replaced, and so is
 * every whole occurrence of a shorter secret.
 *
 * E.g. with the token `tok-7f3a<9c&1e`, all of `tok-7f3a&lt;9c&amp;1e`, `tok-7f3a\u003c9c` and
 * `…7f3a<9c&1` (a cut prefix) become `[REDACTED]`.
 */

/** Shortest part of a secret that is redacted on its own. */
export const FRAGMENT = 8;
export const REDACTED = '[REDACTED]';

const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", sol: '/', equals: '=', plus: '+', colon: ':' };
const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * One escape sequence at `i`, decoded: the character and the length of the sequence; undefined
 * when there is none.
 */
function escapeAt(text: string, i: number): { char: string; length: number } | undefined {
  const c = text[i];
  if (c === '&') {
    const m = /^&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/i.exec(text.slice(i, i + 12));
    if (!m) return undefined;
    const name = m[1]!;
    const code = name[0] !== '#' ? undefined : name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    const char = code !== undefined ? (code <= 0x10ffff ? String.fromCodePoint(code) : undefined) : NAMED_ENTITIES[name.toLowerCase()];
    return char === undefined ? undefined : { char, length: m[0].length };
  }
  if (c === '\\') {
    const n = text[i + 1];
    if (n === 'u' && /^[0-9a-f]{4}$/i.test(text.slice(i + 2, i + 6))) return { char: String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), length: 6 };
    if (n !== undefined && JSON_ESCAPES[n] !== undefined) return { char: JSON_ESCAPES[n]!, length: 2 };
    return undefined;
  }
  if (c === '%' && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
    const code = parseInt(text.slice(i + 1, i + 3), 16);
    // Only ASCII: a multi-byte UTF-8 sequence is left encoded (its bytes rarely matter here).
    return code < 0x80 ? { char: String.fromCharCode(code), length: 3 } : undefined;
  }
  return undefined;
}

/** `text` with escapes decoded, and for each decoded character the original range it came from. */
function decode(text: string): { plain: string; from: number[]; to: number[] } {
  let plain = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const e = escapeAt(text, i);
    const char = e?.char ?? text[i]!;
    const length = e?.length ?? 1;
    plain += char;
    from.push(i);
    to.push(i + length);
    i += length;
  }
  return { plain, from, to };
}

/** Ranges of `plain` to hide: runs covered by fragments of a secret, or whole secrets. */
function coveredRanges(plain: string, fragments: Set<string>, whole: string[]): [number, number][] {
  const covered = new Uint8Array(plain.length);
  if (fragments.size) {
    for (let i = 0; i + FRAGMENT <= plain.length; i++) {
      if (fragments.has(plain.slice(i, i + FRAGMENT))) covered.fill(1, i, i + FRAGMENT);
    }
  }
  for (const s of whole) {
    for (let i = plain.indexOf(s); i >= 0; i = plain.indexOf(s, i + 1)) covered.fill(1, i, i + s.length);
  }
  const ranges: [number, number][] = [];
  for (let i = 0; i < plain.length; i++) {
    if (!covered[i]) continue;
    let j = i;
    while (j < plain.length && covered[j]) j++;
    ranges.push([i, j]);
    i = j;
  }
  return ranges;
}

/**
 * A function that hides the given secrets in any text, escaped or not, and as base64; plus any
 * URL userinfo (`https://user:pass@`). With `partial`, also every piece of `FRAGMENT` characters
 * or more of a secret: for text a server sent (it may have cut a credential short), not for
 * sitrep's own messages, where a token holding a word (`…-redirect-…`) would hide that word.
 */
export function makeRedactor(secrets: string[], partial = false): (text: string) => string {
  const plainSecrets = [...new Set(secrets.filter((s) => s.length > 0))];
  const forms = [...new Set(plainSecrets.flatMap((s) => [s, Buffer.from(s).toString('base64').replace(/=+$/, '')]))];
  const fragments = new Set<string>();
  const whole: string[] = [];
  for (const f of forms) {
    if (!partial || f.length < FRAGMENT) whole.push(f);
    else for (let i = 0; i + FRAGMENT <= f.length; i++) fragments.add(f.slice(i, i + FRAGMENT));
  }
  whole.sort((a, b) => b.length - a.length);
  return (text: string) => {
    const withoutUserinfo = text.replace(URL_USERINFO, `$1${REDACTED}@`);
    if (!fragments.size && !whole.length) return withoutUserinfo;
    const { plain, from, to } = decode(withoutUserinfo);
    let out = '';
    let last = 0;
    for (const [a, b] of coveredRanges(plain, fragments, whole)) {
      out += withoutUserinfo.slice(last, from[a]) + REDACTED;
      last = to[b - 1]!;
    }
    return out + withoutUserinfo.slice(last);
  };
}

/**
 * Text from a server, made safe to print: the first `max` characters of its redacted form, on one
 * line. Redaction comes first, so a cut never leaves a credential's prefix behind.
 */
export function quoteServerText(text: string, redact: (text: string) => string, max = 200): string {
  // Look at a bounded head only: enough for `max` characters even if every one was escaped.
  const head = text.slice(0, max * 12);
  let s = redact(head).replace(/\s+/g, ' ').trim();
  // The head may end inside a credential, in a piece too short to be recognised: drop its tail.
  if (head.length < text.length) s = s.slice(0, Math.max(0, s.length - 100));
  if (s.length > max || head.length < text.length) return `${s.slice(0, max)}...`;
  return s;
}
