import type { z } from 'zod';
import { incidentSchema, type Incident } from '../../schemas/incident.ts';
import {
  ACTION_ITEM_COLUMNS,
  POSTMORTEM_SECTIONS,
  actionItemSchema,
  postmortemFrontmatterSchema,
  timelineEntrySchema,
  type Postmortem,
} from '../../schemas/postmortem.ts';
import { runbookSchema, type Runbook } from '../../schemas/runbook.ts';
import { contentError, type ContentError } from './errors.ts';
import { firstTable, parseMarkdown, readTable, sections, splitFrontmatter } from './markdown.ts';
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
export function readYaml<S extends z.ZodType>(file: string, text: string, schema: S, errors: ContentError[]): Entry<z.output<S>> | undefined {
  const source = new YamlSource(file, text);
  errors.push(...source.errors);
  if (source.errors.length) return undefined;
  const value = source.value();
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    errors.push(...zodErrors(parsed.error, source, value));
    return undefined;
  }
  return { value: parsed.data, file, at: (p) => source.locate(p) };
}

export type LoadedIncident = Incident & { file: string };

export function readIncident(file: string, text: string, errors: ContentError[]): Entry<LoadedIncident> | undefined {
  const e = readYaml(file, text, incidentSchema, errors);
  return e && { ...e, value: { ...e.value, file } };
}

/** Markdown with YAML frontmatter: the frontmatter validated, the body parsed. */
function readFrontmatter<S extends z.ZodType>(file: string, text: string, schema: S, errors: ContentError[]) {
  const split = splitFrontmatter(text);
  if (split.frontmatter === undefined) {
    const opened = /^---[ \t]*\r?\n/.test(text);
    errors.push(
      contentError(file, 1, 1, '', opened ? 'the frontmatter opened on line 1 is never closed: add a line with --- after it' : 'must start with YAML frontmatter between --- lines'),
    );
    return undefined;
  }
  const source = new YamlSource(file, split.frontmatter, 1);
  errors.push(...source.errors);
  if (source.errors.length) return undefined;
  const value = source.value() ?? {};
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    errors.push(...zodErrors(parsed.error, source, value));
    return undefined;
  }
  return { data: parsed.data as z.output<S>, split, at: ((p) => source.locate(p)) as Locator };
}

export type LoadedPostmortem = Postmortem & { file: string; body: string };

/**
 * A postmortem: frontmatter, the required `##` sections in order, and its two tables parsed.
 * Drafts may still lack sections; in-review and published postmortems must have them all.
 */
export function readPostmortem(file: string, id: string, text: string, errors: ContentError[]): Entry<LoadedPostmortem> | undefined {
  const fm = readFrontmatter(file, text, postmortemFrontmatterSchema, errors);
  if (!fm) return undefined;
  const offset = fm.split.bodyLineOffset;
  const tree = parseMarkdown(fm.split.body);
  const found = sections(tree);
  const before = errors.length;
  const byTitle = new Map(found.map((s) => [s.title.toLowerCase(), s]));
  const endLine = (tree.position?.end.line ?? 0) + offset;

  if (fm.data.status !== 'draft') {
    let last = -1;
    for (const [n, title] of POSTMORTEM_SECTIONS.entries()) {
      const s = byTitle.get(title.toLowerCase());
      if (!s) {
        // Point where the section belongs: at the next required section that is there.
        const next = POSTMORTEM_SECTIONS.slice(n + 1).map((t) => byTitle.get(t.toLowerCase())).find((x) => x !== undefined);
        const line = next ? (next.heading.position?.start.line ?? 1) + offset : endLine;
        errors.push(contentError(file, line, 1, title, `missing section "## ${title}" (required once the status is ${fm.data.status})`));
        continue;
      }
      const index = found.indexOf(s);
      if (index < last) {
        const line = (s.heading.position?.start.line ?? 1) + offset;
        errors.push(contentError(file, line, 1, title, `section "## ${title}" is out of order: sections go ${POSTMORTEM_SECTIONS.join(', ')}`));
      }
      last = Math.max(last, index);
    }
  }

  const tableOf = (title: string, columns: readonly string[]) => {
    const s = byTitle.get(title.toLowerCase());
    if (!s) return [];
    const table = firstTable(s.nodes);
    if (!table) {
      if (fm.data.status !== 'draft' || s.nodes.length) {
        const line = (s.heading.position?.start.line ?? 1) + offset;
        errors.push(contentError(file, line, 1, title, `section must hold a table with the columns ${columns.join(' | ')}`));
      }
      return [];
    }
    const { rows, errors: tableErrors } = readTable(file, table, columns, offset, title);
    errors.push(...tableErrors);
    return rows;
  };

  const timeline = tableOf('Timeline', ['time', 'event']).flatMap((row, i) => {
    const parsed = timelineEntrySchema.safeParse({ time: row.cells.time, event: row.cells.event });
    if (parsed.success) return [parsed.data];
    for (const issue of parsed.error.issues) {
      const col = String(issue.path[0]);
      const p = row.positions[col] ?? { line: row.line, column: 1 };
      errors.push(contentError(file, p.line, p.column, `Timeline.${i + 1}.${col}`, 'must not be empty'));
    }
    return [];
  });

  const actionItems = tableOf('Action items', ACTION_ITEM_COLUMNS).flatMap((row, i) => {
    const candidate = Object.fromEntries(ACTION_ITEM_COLUMNS.map((c) => [c, row.cells[c]]));
    const parsed = actionItemSchema.safeParse(candidate);
    if (parsed.success) return [parsed.data];
    for (const issue of parsed.error.issues) {
      const col = String(issue.path[0]);
      const p = row.positions[col] ?? { line: row.line, column: 1 };
      errors.push(contentError(file, p.line, p.column, `Action items.${i + 1}.${col}`, `${issue.message}, got ${JSON.stringify(row.cells[col] ?? '')}`));
    }
    return [];
  });

  if (errors.length > before) return undefined;
  return {
    value: { ...fm.data, id, timeline, actionItems, file, body: fm.split.body },
    file,
    at: fm.at,
  };
}

export type LoadedRunbook = Runbook & { id: string; file: string; format: 'md' | 'mdx'; body: string };

/** A runbook: validated frontmatter, then the steps (a non-empty body). */
export function readRunbook(file: string, id: string, text: string, errors: ContentError[]): Entry<LoadedRunbook> | undefined {
  const fm = readFrontmatter(file, text, runbookSchema, errors);
  if (!fm) return undefined;
  if (!fm.split.body.trim()) {
    errors.push(contentError(file, fm.split.bodyLineOffset + 1, 1, '', 'runbook has no steps: write them below the frontmatter'));
    return undefined;
  }
  const format = file.endsWith('.mdx') ? 'mdx' : 'md';
  return { value: { ...fm.data, id, file, format, body: fm.split.body }, file, at: fm.at };
}
