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

export function contentError(file: string, line: number, column: number, field: string, message: string): ContentError {
  return { file, line, column, field, message };
}

/** `content/incidents/x.yaml:7:15 resolved_at: must not be before started_at` */
export function formatError(e: ContentError): string {
  return `${e.file}:${e.line}:${e.column} ${e.field ? `${e.field}: ` : ''}${e.message}`;
}

/** Escape per GitHub's workflow-command rules (data and property values differ). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A GitHub Actions annotation line, shown inline on the pull request's diff. */
export function githubAnnotation(e: ContentError): string {
  const title = e.field ? `sitrep: ${e.field}` : 'sitrep';
  return `::error file=${escapeProperty(e.file)},line=${e.line},col=${e.column},title=${escapeProperty(title)}::${escapeData(`${e.field ? `${e.field}: ` : ''}${e.message}`)}`;
}

/** Errors in reading order: by file, then line, then column. */
export function sortErrors(errors: ContentError[]): ContentError[] {
  return [...errors].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.field.localeCompare(b.field));
}
