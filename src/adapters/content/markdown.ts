import type { Heading, Root, RootContent, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { contentError, type ContentError } from './errors.ts';

export interface SplitMarkdown {
  /** YAML between the `---` fences, or undefined when the file has none. */
  frontmatter?: string;
  body: string;
  /** Lines before the body starts (the frontmatter and its fences), to shift body positions. */
  bodyLineOffset: number;
}

/** Split `---\nyaml\n---\nbody`. Frontmatter must start on the first line. */
export function splitFrontmatter(text: string): SplitMarkdown {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { body: text, bodyLineOffset: 0 };
  const bodyLineOffset = m[0].split('\n').length - (m[0].endsWith('\n') ? 1 : 0);
  return { frontmatter: m[1], body: text.slice(m[0].length), bodyLineOffset };
}

const parser = unified().use(remarkParse).use(remarkGfm);

/** Parse a GFM body to mdast; positions are relative to the body. */
export function parseMarkdown(body: string): Root {
  return parser.parse(body);
}

/**
 * Render GFM to HTML. Raw HTML in the source is dropped, not passed through: postmortems come
 * from pull requests and must not inject scripts or markup into the site.
 */
export async function renderMarkdown(body: string): Promise<string> {
  const file = await unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify).process(body);
  return String(file);
}

/** Plain text of a node (headings, table cells). */
export function textOf(node: RootContent | Root): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(textOf).join('');
  return '';
}

export interface Section {
  title: string;
  heading: Heading;
  nodes: RootContent[];
}

/** The `##` sections of a document, each with the nodes up to the next `##` heading. */
export function sections(root: Root): Section[] {
  const out: Section[] = [];
  for (const node of root.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      if (node.depth === 2) out.push({ title: textOf(node).trim(), heading: node, nodes: [] });
      else out.push({ title: '', heading: node, nodes: [] });
    } else if (out.length) {
      out[out.length - 1]!.nodes.push(node);
    }
  }
  return out.filter((s) => s.title !== '' || s.heading.depth === 2);
}

export interface TableRow {
  /** Cell text by lower-cased column name. */
  cells: Record<string, string>;
  /** Position of each cell (1-based, in the file). */
  positions: Record<string, { line: number; column: number }>;
  line: number;
}

/**
 * Read a GFM table whose header must hold `columns` (case-insensitive, any order; extra columns
 * are kept). Positions are shifted by `lineOffset` into file coordinates.
 */
export function readTable(
  file: string,
  table: Table,
  columns: readonly string[],
  lineOffset: number,
  sectionTitle: string,
): { rows: TableRow[]; errors: ContentError[] } {
  const errors: ContentError[] = [];
  const [head, ...body] = table.children;
  const pos = (n: { position?: { start: { line: number; column: number } } }) => ({
    line: (n.position?.start.line ?? 1) + lineOffset,
    column: n.position?.start.column ?? 1,
  });
  const names = (head?.children ?? []).map((c) => textOf(c).trim().toLowerCase());
  const missing = columns.filter((c) => !names.includes(c));
  if (missing.length) {
    const p = pos(table);
    errors.push(
      contentError(file, p.line, p.column, sectionTitle, `table must have the columns ${columns.join(' | ')}; missing ${missing.join(', ')} (has ${names.join(' | ') || 'none'})`),
    );
    return { rows: [], errors };
  }
  const rows = body.map((row) => {
    const cells: Record<string, string> = {};
    const positions: Record<string, { line: number; column: number }> = {};
    names.forEach((name, i) => {
      const cell = row.children[i];
      cells[name] = cell ? textOf(cell).trim() : '';
      // Point at the cell's text; an empty cell at its leading pipe.
      positions[name] = cell ? pos(cell.children[0] ?? cell) : pos(row);
    });
    return { cells, positions, line: pos(row).line };
  });
  return { rows, errors };
}

/** The first table among a section's nodes. */
export function firstTable(nodes: RootContent[]): Table | undefined {
  return nodes.find((n): n is Table => n.type === 'table');
}
