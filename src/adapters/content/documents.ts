import type { Root, RootContent } from 'mdast';
import type { z } from 'zod';
import { incidentSchema, type Incident } from '../../schemas/incident.ts';
import {
  ACTION_ITEM_COLUMNS,
  ACTION_ITEM_OPTIONAL_COLUMNS,
  COLUMN_ALIASES,
  POSTMORTEM_STATUSES,
  actionItemSchema,
  bookStatus,
  postmortemFrontmatterSchema,
  timelineEntrySchema,
  type Postmortem,
} from '../../schemas/postmortem.ts';
import { runbookSchema, type Runbook } from '../../schemas/runbook.ts';
import { id } from '../../schemas/common.ts';
import { DEFAULT_LIMITS, type Limits } from '../../schemas/site.ts';
import { contentError, quote, type ContentError } from './errors.ts';
import { keepTree } from './parsed-bodies.ts';
import { isPlaceholder } from './placeholders.ts';
import { checkSections, headingSections, sectionName, sectionsByName, summaryParagraphs } from './postmortem-sections.ts';
import { firstTable, parseMarkdown, readTable, splitFrontmatter, textOf, unsafeUrls, type MarkdownFormat, type Section, type TableRow } from './markdown.ts';
import { shapeProblems, treeDepth } from './markdown-limits.ts';
import { mdxProblems } from './mdx.ts';
import { YamlSource, type PathKey } from './yaml-source.ts';
import { zodErrors } from './zod-issues.ts';

/** Finds a field of a loaded document in its file. */
export type Locator = (path: readonly PathKey[]) => { line: number; column: number };

export interface Entry<T> {
  value: T;
  file: string;
  at: Locator;
}

/** Parse a YAML file and validate it against a schema; errors are appended, nothing is thrown. */
export function readYaml<S extends z.ZodType>(file: string, text: string, schema: S, errors: ContentError[], limits: Limits = DEFAULT_LIMITS): Entry<z.output<S>> | undefined {
  const read = parseYaml(file, text, schema, errors, limits);
  return read?.value === undefined ? undefined : { value: read.value, file, at: read.at };
}

/** readYaml, and the value as written (also when it is invalid: its other checks still run) with its locator; undefined when the YAML cannot be read. */
function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S, errors: ContentError[], limits: Limits) {
  const source = new YamlSource(file, text, 0, limits.field_chars);
  errors.push(...source.errors);
  if (source.errors.length) return undefined;
  const raw = source.value();
  const parsed = schema.safeParse(raw);
  if (!parsed.success) errors.push(...zodErrors(parsed.error, source, raw, [], [], schema));
  return { value: parsed.success ? (parsed.data as z.output<S>) : undefined, raw, at: ((p) => source.locate(p)) as Locator };
}

/** The references of a file that has errors, as written (only ids of the right form), and where they stand. */
export interface PartialRefs {
  file: string;
  at: Locator;
  refs: { path: PathKey[]; kind: 'service' | 'postmortem' | 'incident'; id: string }[];
}

/** Whether a reference is an id at all: one that is not has its own error from the schema. */
const isId = (v: unknown): v is string => id().safeParse(v).success;

/**
 * What an incident (its services and postmortem) or a postmortem (its incidents) with errors still
 * refers to, read from its YAML as written: the cross-file checks look these up too, so an unknown
 * service is reported in the same run as the file's own mistakes, not in the next. Ids of the wrong
 * form are left out (the file's own errors name them). Undefined when the YAML cannot be read.
 */
export function partialRefs(kind: 'incidents' | 'postmortems', file: string, text: string, limits: Limits = DEFAULT_LIMITS): PartialRefs | undefined {
  const yaml = kind === 'incidents' ? text : splitFrontmatter(text).frontmatter;
  if (yaml === undefined) return undefined;
  const source = new YamlSource(file, yaml, kind === 'incidents' ? 0 : 1, limits.field_chars);
  if (source.errors.length) return undefined;
  const raw = source.value() as Record<string, unknown> | null;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const refs: PartialRefs['refs'] = [];
  const list = (field: string, of: PartialRefs['refs'][number]['kind']) => {
    const v = raw[field];
    if (Array.isArray(v)) v.forEach((x, i) => isId(x) && refs.push({ path: [field, i], kind: of, id: x }));
  };
  if (kind === 'incidents') {
    list('services', 'service');
    if (isId(raw.postmortem)) refs.push({ path: ['postmortem'], kind: 'postmortem', id: raw.postmortem });
  } else list('incidents', 'incident');
  return { file, at: (p) => source.locate(p), refs };
}

export type LoadedIncident = Incident & { file: string };

export function readIncident(file: string, text: string, errors: ContentError[], limits: Limits = DEFAULT_LIMITS): Entry<LoadedIncident> | undefined {
  const read = parseYaml(file, text, incidentSchema, errors, limits);
  if (!read) return undefined;
  // An open incident may keep its TODOs (it is published while it is being written); a resolved one
  // may not. Checked on the value as written, so a mistake elsewhere in the file does not hide them.
  const status = (read.raw as { status?: unknown } | null)?.status;
  const left = status === 'resolved' ? placeholderErrors(file, read.raw, read.at, 'before the incident is resolved', errors) : 0;
  if (read.value === undefined || left > 0) return undefined;
  return { value: { ...read.value, file }, file, at: read.at };
}

function placeholderMessage(text: string, when: string): string {
  return `still holds the placeholder ${quote(text)} from npm run new: write it ${when}`;
}

/**
 * An error for each string of a YAML value (as written) that is a placeholder (placeholders.ts),
 * at its place, unless that field already has an error (`services: [TODO]` is already not an id);
 * how many it added. `authors: [TODO your name]` -> authors.0.
 */
function placeholderErrors(file: string, raw: unknown, at: Locator, when: string, errors: ContentError[]): number {
  const taken = new Set(errors.filter((e) => e.file === file).map((e) => e.field));
  const found: { path: PathKey[]; text: string }[] = [];
  const walk = (v: unknown, path: PathKey[]) => {
    if (typeof v === 'string') {
      if (isPlaceholder(v)) found.push({ path, text: v.trim() });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(raw, []);
  const fresh = found.filter((p) => !taken.has(p.path.join('.')));
  for (const p of fresh) {
    const pos = at(p.path);
    errors.push(contentError(file, pos.line, pos.column, p.path.join('.'), placeholderMessage(p.text, when)));
  }
  return fresh.length;
}

/**
 * The paragraphs (in lists and quotes too, not in tables) of a postmortem's sections that are
 * placeholders, each once under the innermost section that holds it. The Timeline is left out: its
 * events are checked as its rows.
 */
function bodyPlaceholders(found: Section[]): { section: string; node: RootContent; text: string }[] {
  const out: { section: string; node: RootContent; text: string }[] = [];
  const seen = new Set<RootContent>();
  const walk = (section: string, node: RootContent) => {
    if (node.type === 'paragraph') {
      const text = textOf(node).replace(/\s+/g, ' ').trim();
      if (isPlaceholder(text) && !seen.has(node)) out.push({ section, node, text });
      seen.add(node);
    } else if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') for (const c of node.children) walk(section, c as RootContent);
  };
  // Innermost first: a sub-section's nodes are also its parent's (headingSections), and belong to the sub-section.
  const deepest = [...found].sort((a, b) => b.heading.depth - a.heading.depth);
  for (const s of deepest) {
    const name = sectionName(s.title) ?? s.title;
    if (name !== 'Timeline') for (const n of s.nodes) walk(name, n);
  }
  return out.sort((a, b) => (a.node.position?.start.offset ?? 0) - (b.node.position?.start.offset ?? 0));
}

/** Markdown with YAML frontmatter: the frontmatter validated, the body parsed. */
function readFrontmatter<S extends z.ZodType>(file: string, text: string, schema: S, errors: ContentError[], limits: Limits) {
  const split = splitFrontmatter(text);
  if (split.frontmatter === undefined) {
    const opened = /^---[ \t]*\r?\n/.test(text);
    errors.push(
      contentError(file, 1, 1, '', opened ? 'the frontmatter opened on line 1 is never closed: add a line with --- after it' : 'must start with YAML frontmatter between --- lines'),
    );
    return undefined;
  }
  const source = new YamlSource(file, split.frontmatter, 1, limits.field_chars);
  errors.push(...source.errors);
  if (source.errors.length) return undefined;
  const value = source.value() ?? {};
  const parsed = schema.safeParse(value);
  const at = ((p) => source.locate(p)) as Locator;
  if (!parsed.success) {
    errors.push(...zodErrors(parsed.error, source, value, [], [], schema));
    // The frontmatter as written, so the body can still be checked: every error in one run.
    return { data: undefined, raw: value, split, at };
  }
  return { data: parsed.data as z.output<S>, raw: value, split, at };
}

/**
 * Parse a Markdown (or MDX) body within the limits, and check its links. Too deep or too costly a
 * body is refused before the parser sees it, with one error at its line; so is anything the parser
 * itself cannot read. `lineOffset` moves body lines to file lines.
 */
function readBody(file: string, body: string, lineOffset: number, format: MarkdownFormat, errors: ContentError[], limits: Limits): Root | undefined {
  const shape = shapeProblems(body, limits);
  if (shape.length) {
    errors.push(...shape.map((p) => contentError(file, p.line + lineOffset, 1, '', p.message)));
    return undefined;
  }
  let tree: Root;
  try {
    tree = parseMarkdown(body, format);
  } catch (e) {
    // MDX syntax errors carry their place; a parser overflow does not.
    const place = (e as { line?: number; column?: number }) ?? {};
    const overflow = e instanceof RangeError;
    const message = overflow ? 'the Markdown nests too deeply to be read: flatten its lists and quotes' : `${format === 'mdx' ? 'MDX' : 'Markdown'}: ${(e as Error).message.split('\n')[0]}`;
    errors.push(contentError(file, (place.line ?? 1) + lineOffset, place.column ?? 1, '', message));
    return undefined;
  }
  // A second line of defence behind shapeProblems: the renderer recurses over this tree.
  if (treeDepth(tree) > 4 * limits.markdown_depth + 64) {
    errors.push(contentError(file, 1 + lineOffset, 1, '', `the Markdown nests more than ${limits.markdown_depth} deep (limits.markdown_depth in content/site.yaml)`));
    return undefined;
  }
  const before = errors.length;
  if (format === 'mdx') errors.push(...mdxProblems(tree).map((p) => contentError(file, p.line + lineOffset, p.column, '', p.message)));
  errors.push(...unsafeUrls(file, tree, lineOffset));
  return errors.length > before ? undefined : tree;
}

/** `summary`: the Summary section's paragraphs as plain text (see summaryParagraphs). */
export type LoadedPostmortem = Postmortem & { file: string; body: string; summary: string[] };

/** The rows of the table in a section; a section without one is an error unless it is an empty draft section. */
function sectionTable(file: string, status: string, title: string, section: Section | undefined, columns: readonly string[], offset: number, errors: ContentError[], aliases: Record<string, readonly string[]>): TableRow[] {
  if (!section) return [];
  const table = firstTable(section.nodes);
  if (!table) {
    if (status !== 'draft' || section.nodes.length) {
      const line = (section.heading.position?.start.line ?? 1) + offset;
      errors.push(contentError(file, line, 1, title, `section must hold a table with the columns ${columns.join(' | ')}`));
    }
    return [];
  }
  const { rows, errors: tableErrors } = readTable(file, table, columns, offset, title, aliases);
  errors.push(...tableErrors);
  return rows;
}

/** A time at the start of a timeline line: `14:51`, `2015-10-21 14:51`, `09:40:05 UTC`, `**14:51**`. */
const TIMELINE_ITEM = /^\s*((?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:UTC|GMT|Z|[A-Z]{1,3}T)\b)?)\s*(?:[-–—:|]\s*)?(.*)$/s;

/**
 * A timeline written as a list, as the SRE book's example does (`* 14:51 News reports ...`): each
 * item is an entry, its leading time the time. An item without one is an error at its line; a
 * section with no list is left to the table rules (undefined).
 */
function timelineList(file: string, section: Section, offset: number, errors: ContentError[]): TableRow[] | undefined {
  const items = section.nodes.flatMap((n) => (n.type === 'list' ? n.children : []));
  if (!items.length) return undefined;
  return items.flatMap((item) => {
    const text = textOf(item).replace(/\s+/g, ' ').trim();
    const line = (item.position?.start.line ?? 1) + offset;
    const column = item.position?.start.column ?? 1;
    const m = TIMELINE_ITEM.exec(text);
    if (!m) {
      errors.push(contentError(file, line, column, 'Timeline', `a timeline item starts with its time, e.g. "14:51 Traffic increases", got ${quote(text)}`));
      return [];
    }
    const at = { line, column };
    return [{ cells: { time: m[1]!.trim(), event: m[2]!.trim() }, positions: { time: at, event: at }, line }];
  });
}

/** Validate each row against a schema; a bad cell is an error at that cell. */
function tableRows<T>(
  file: string,
  title: string,
  rows: TableRow[],
  columns: readonly string[],
  schema: z.ZodType<T>,
  message: (issue: z.core.$ZodIssue, cell: string) => string,
  errors: ContentError[],
): T[] {
  return rows.flatMap((row, i) => {
    const parsed = schema.safeParse(Object.fromEntries(columns.map((c) => [c, row.cells[c]])));
    if (parsed.success) return [parsed.data];
    for (const issue of parsed.error.issues) {
      const col = String(issue.path[0]);
      const p = row.positions[col] ?? { line: row.line, column: 1 };
      errors.push(contentError(file, p.line, p.column, `${title}.${i + 1}.${col}`, message(issue, row.cells[col] ?? '')));
    }
    return [];
  });
}

/**
 * A postmortem: frontmatter, the body within its limits, the required sections (any heading
 * level, any order, their aliases), and its two tables parsed. Drafts may still lack sections; in-review and published postmortems
 * must have them all.
 */
export function readPostmortem(file: string, id: string, text: string, errors: ContentError[], limits: Limits = DEFAULT_LIMITS): Entry<LoadedPostmortem> | undefined {
  const fm = readFrontmatter(file, text, postmortemFrontmatterSchema, errors, limits);
  if (!fm) return undefined;
  const offset = fm.split.bodyLineOffset;
  const tree = readBody(file, fm.split.body, offset, 'md', errors, limits);
  if (!tree) return undefined;
  const before = errors.length;
  // With a bad frontmatter the body is still checked, so one run reports every error: its sections
  // as the status written requires them (none for a status that is not one), and its tables.
  const written = (fm.raw as { status?: unknown }).status;
  const status = fm.data?.status ?? POSTMORTEM_STATUSES.find((s) => s === written) ?? 'draft';
  const found = headingSections(tree);
  const byName = sectionsByName(found);
  checkSections(file, status, found, byName, offset, (tree.position?.end.line ?? 0) + offset, errors);
  const columnAliases = (columns: readonly string[], extra: string[]) => Object.fromEntries([...columns, ...extra].map((c) => [c, COLUMN_ALIASES[c] ?? [c]]));
  const table = (title: string, columns: readonly string[], extra: string[] = []) =>
    sectionTable(file, status, title, byName.get(title), columns, offset, errors, columnAliases(columns, extra));
  const timelineSection = byName.get('Timeline');
  const listRows = timelineSection && !firstTable(timelineSection.nodes) ? timelineList(file, timelineSection, offset, errors) : undefined;
  const timelineRows = listRows ?? table('Timeline', ['time', 'event']);
  const timeline = tableRows(file, 'Timeline', timelineRows, ['time', 'event'], timelineEntrySchema, () => 'must not be empty', errors);
  const actionRows = table('Action items', ACTION_ITEM_COLUMNS, ['type', ...ACTION_ITEM_OPTIONAL_COLUMNS]).map((r) => ({ ...r, cells: bookStatus(r.cells) }));
  const actionItems = tableRows(
    file,
    'Action items',
    actionRows,
    [...ACTION_ITEM_COLUMNS, ...ACTION_ITEM_OPTIONAL_COLUMNS],
    actionItemSchema,
    (issue, cell) => `${issue.message}, got ${quote(cell)}`,
    errors,
  );
  // A published postmortem holds none of the TODOs `npm run new` wrote (a draft or one in review may).
  if (status === 'published') {
    const when = 'before the postmortem is published';
    placeholderErrors(file, fm.raw, fm.at, when, errors);
    for (const p of bodyPlaceholders(found)) errors.push(contentError(file, (p.node.position?.start.line ?? 1) + offset, p.node.position?.start.column ?? 1, p.section, placeholderMessage(p.text, when)));
    const cells = (title: string, rows: TableRow[], columns: string[]) =>
      rows.forEach((r, i) => {
        for (const c of columns) {
          const text = r.cells[c]?.trim();
          const at = r.positions[c];
          if (text && at && isPlaceholder(text)) errors.push(contentError(file, at.line, at.column, `${title}.${i + 1}.${c}`, placeholderMessage(text, when)));
        }
      });
    cells('Timeline', timelineRows, ['event']);
    cells('Action items', actionRows, ['action', 'owner']);
  }
  if (errors.length > before || !fm.data) return undefined;
  const value = { ...fm.data, id, timeline, actionItems, file, body: fm.split.body, summary: summaryParagraphs(byName) };
  keepTree(value, tree);
  return { value, file, at: fm.at };
}

export type LoadedRunbook = Runbook & { id: string; file: string; format: MarkdownFormat; body: string };

/**
 * A runbook: validated frontmatter, then the steps (a non-empty body within the limits). An MDX
 * runbook may use only sitrep's components (see mdx.ts).
 */
export function readRunbook(file: string, id: string, text: string, errors: ContentError[], limits: Limits = DEFAULT_LIMITS): Entry<LoadedRunbook> | undefined {
  const fm = readFrontmatter(file, text, runbookSchema, errors, limits);
  if (!fm?.data) return undefined;
  if (!fm.split.body.trim()) {
    errors.push(contentError(file, fm.split.bodyLineOffset + 1, 1, '', 'runbook has no steps: write them below the frontmatter'));
    return undefined;
  }
  const format: MarkdownFormat = file.endsWith('.mdx') ? 'mdx' : 'md';
  const tree = readBody(file, fm.split.body, fm.split.bodyLineOffset, format, errors, limits);
  if (!tree) return undefined;
  const value = { ...fm.data, id, file, format, body: fm.split.body };
  keepTree(value, tree);
  return { value, file, at: fm.at };
}
