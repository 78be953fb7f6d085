/**
 * The per-file part of loading content: incidents, postmortems and runbooks are each read from
 * their own text alone, so a large organisation's files can be parsed on several threads
 * (parse-pool.ts) and the results joined in file order. Everything here is plain data that
 * crosses threads: a loaded value, its rendered Markdown when asked, or the id of an invalid file.
 */
import { basename, extname } from 'node:path';
import type { Limits } from '../../schemas/site.ts';
import { readIncident, readPostmortem, readRunbook, type Entry, type LoadedIncident, type LoadedPostmortem, type LoadedRunbook, type Locator } from './documents.ts';
import type { ContentError } from './errors.ts';
import { renderMarkdown } from './markdown.ts';
import { keepHtml, takeTree } from './parsed-bodies.ts';

export type ParallelKind = 'incidents' | 'postmortems' | 'runbooks';
type Loaded = { incidents: LoadedIncident; postmortems: LoadedPostmortem; runbooks: LoadedRunbook };

export interface ParseJob {
  kind: ParallelKind;
  /** Each file with its text (undefined when it could not be read: already reported). */
  pairs: [string, string | undefined][];
  limits: Limits;
  /** Render each body to HTML too (the build's), with the tree the check parsed. */
  html: boolean;
}

/** One file's outcome: its value (and HTML), or the id of a file that failed validation. */
export type ParsedFile<K extends ParallelKind = ParallelKind> = { value: Loaded[K]; html?: string } | { invalid: string };

export interface ParsedChunk<K extends ParallelKind = ParallelKind> {
  results: ParsedFile<K>[];
  errors: ContentError[];
}

/** A postmortem's or runbook's id: its file name without the extension. */
export const idOf = (file: string) => basename(file, extname(file));

/** The id a broken YAML file meant to have, so references to it are not reported too. */
export const rawId = (file: string, text: string | undefined) => (text && /^id:\s*["']?([a-z0-9-]+)/m.exec(text)?.[1]) || idOf(file);

/** A postmortem's or runbook's body as HTML, from the tree the loader kept for it when there is one. */
export function renderBody(doc: LoadedPostmortem | LoadedRunbook): Promise<string> {
  return renderMarkdown(doc.body, 'format' in doc ? doc.format : 'md', takeTree(doc));
}

/** Read one file of `kind`, appending its problems to `errors`. */
export function readOne<K extends ParallelKind>(kind: K, file: string, text: string, errors: ContentError[], limits: Limits): Entry<Loaded[K]> | undefined {
  if (kind === 'incidents') return readIncident(file, text, errors, limits) as Entry<Loaded[K]> | undefined;
  if (kind === 'postmortems') return readPostmortem(file, idOf(file), text, errors, limits) as Entry<Loaded[K]> | undefined;
  return readRunbook(file, idOf(file), text, errors, limits) as Entry<Loaded[K]> | undefined;
}

const invalidId = (kind: ParallelKind, file: string, text: string | undefined) => (kind === 'incidents' ? rawId(file, text) : idOf(file));

/** Parse a job's files on this thread: the values without their locators, which do not cross threads. */
export async function parseChunk<K extends ParallelKind>(job: ParseJob & { kind: K }): Promise<ParsedChunk<K>> {
  const errors: ContentError[] = [];
  const results: ParsedFile<K>[] = [];
  for (const [file, text] of job.pairs) {
    const e = text === undefined ? undefined : readOne(job.kind, file, text, errors, job.limits);
    if (!e) {
      results.push({ invalid: invalidId(job.kind, file, text) });
      continue;
    }
    const value = e.value;
    if (job.html && job.kind !== 'incidents') results.push({ value, html: await renderBody(value as LoadedPostmortem | LoadedRunbook) });
    else results.push({ value });
  }
  return { results, errors };
}

/**
 * The entries of parsed files, in file order, with the invalid ids. A value parsed on another
 * thread finds its fields by reading its file again, on the rare cross-file error that needs it.
 */
export function toEntries<K extends ParallelKind>(kind: K, pairs: readonly [string, string | undefined][], results: readonly ParsedFile<K>[], limits: Limits): { entries: Entry<Loaded[K]>[]; invalid: string[] } {
  const entries: Entry<Loaded[K]>[] = [];
  const invalid: string[] = [];
  results.forEach((r, i) => {
    if ('invalid' in r) {
      invalid.push(r.invalid);
      return;
    }
    const [file, text] = pairs[i]!;
    if (r.html !== undefined) keepHtml(r.value, r.html);
    let at: Locator | undefined;
    const locate: Locator = (path) => (at ??= readOne(kind, file, text!, [], limits)!.at)(path);
    entries.push({ value: r.value, file, at: locate });
  });
  return { entries, invalid };
}
