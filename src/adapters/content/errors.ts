/** One problem in a content or data file, located precisely enough for an author to fix it. */
export interface ContentError {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** 1-based line and column; 1:1 when the problem is the file as a whole. */
  line: number;
  column: number;
  /** Dotted field path (`resolved_at`, `updates.2.text`); empty for file-level problems. */
  field: string;
  message: string;
}

/** The longest piece of a value an error message quotes (`quote`). */
export const QUOTE_CHARS = 60;
/** The longest message or field an error carries; the rest is cut, so one error is one short line. */
const MAX_MESSAGE_CHARS = 500;
const MAX_FILE_CHARS = 300;

/**
 * Characters that could forge or hide output: line breaks (a file named `x\ncontent/y.yaml:1:1 ok`
 * would print a second, fake error line), other control characters (terminal escapes) and the
 * Unicode line and paragraph separators. They are shown escaped, as `\n` or `\u001b`.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeControls(s: string): string {
  return s.replace(UNSAFE, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * The credentials `npm run fetch` reads from the environment. Error messages never show them, even
 * when a content file manages to quote one (a file that links to `/proc/self/environ` is refused
 * before it is read, and this is the second line of defence).
 */
function secretsIn(env: NodeJS.ProcessEnv): string[] {
  const out = [env.PROMETHEUS_BEARER_TOKEN, env.PROMETHEUS_PASSWORD, env.PROMETHEUS_USERNAME];
  try {
    if (env.PROMETHEUS_URL) {
      const url = new URL(env.PROMETHEUS_URL);
      out.push(decodeURIComponent(url.username), decodeURIComponent(url.password));
    }
  } catch {
    // Not a URL: the fetch reports that; nothing to hide here.
  }
  for (const pair of (env.PROMETHEUS_HEADERS ?? '').split(/[\n,]/)) out.push(pair.slice(pair.indexOf('=') + 1).trim());
  return out.filter((s): s is string => s !== undefined && s.length >= 4);
}

/** Replace every credential found in the environment by `[REDACTED]`. */
export function redact(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const s of secretsIn(env)) out = out.split(s).join('[REDACTED]');
  return out;
}

/** Cut to at most `max` characters, saying how long the whole was (so cutting twice changes nothing). */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const suffix = `… (cut from ${s.length.toLocaleString('en-US')} characters)`;
  return s.slice(0, max - suffix.length) + suffix;
}

/**
 * A value as an error message shows it: JSON-quoted, at most QUOTE_CHARS characters of it (then
 * `…` and its length), credentials redacted, line breaks escaped. `quote("a\nb")` is `"a\nb"`.
 */
export function quote(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? '.nan (not a number)' : `${value > 0 ? '' : '-'}.inf (infinity)`;
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const clean = redact(text);
  const head = clean.length > QUOTE_CHARS ? clean.slice(0, QUOTE_CHARS) : clean;
  const shown = typeof value === 'string' ? JSON.stringify(head) : escapeControls(head);
  return clean.length > QUOTE_CHARS ? `${shown}… (${clean.length.toLocaleString('en-US')} characters)` : shown;
}

/** Make a text safe to print on one line: credentials redacted, control characters escaped, length capped. */
function oneLine(text: string, max: number): string {
  return cut(escapeControls(redact(text)), max);
}

/**
 * A located error. Every part is made safe to print here, once: each is one line (control
 * characters escaped), credentials are redacted, and long messages are cut.
 */
export function contentError(file: string, line: number, column: number, field: string, message: string): ContentError {
  return { file: oneLine(file, MAX_FILE_CHARS), line, column, field: oneLine(field, 200), message: oneLine(message, MAX_MESSAGE_CHARS) };
}

/** `content/incidents/x.yaml:7:15 resolved_at: must not be before started_at` */
export function formatError(e: ContentError): string {
  const safe = contentError(e.file, e.line, e.column, e.field, e.message);
  return `${safe.file}:${safe.line}:${safe.column} ${safe.field ? `${safe.field}: ` : ''}${safe.message}`;
}

/** Escape per GitHub's workflow-command rules (data and property values differ). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A GitHub Actions annotation line, shown inline on the pull request's diff; `file`: the path GitHub knows the file by, when not the error's own. */
export function githubAnnotation(error: ContentError, file = error.file): string {
  const e = contentError(file, error.line, error.column, error.field, error.message);
  const title = e.field ? `sitrep: ${e.field}` : 'sitrep';
  return `::error file=${escapeProperty(e.file)},line=${e.line},col=${e.column},title=${escapeProperty(title)}::${escapeData(`${e.field ? `${e.field}: ` : ''}${e.message}`)}`;
}

/** Errors in reading order: by file, then line, then column. */
export function sortErrors(errors: ContentError[]): ContentError[] {
  return [...errors].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.field.localeCompare(b.field));
}
