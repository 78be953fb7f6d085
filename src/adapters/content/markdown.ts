import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Heading, Root, RootContent, Table } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { isSafeUrl } from '../../schemas/common.ts';
import { headerWords } from '../../schemas/postmortem.ts';
import { contentError, quote, type ContentError } from './errors.ts';
import { MDX_HANDLERS, MDX_SANITIZE_ATTRIBUTES, unwrapComponents } from './mdx.ts';
import { editDistance } from './near.ts';
import { unbrokenParts } from './unbroken.ts';

export interface SplitMarkdown {
  /** YAML between the `---` fences, or undefined when the file has none. */
  frontmatter?: string;
  body: string;
  /** Lines before the body starts (the frontmatter and its fences), to shift body positions. */
  bodyLineOffset: number;
}

const FENCE = /^---[ \t]*\r?$/;

/**
 * Split `---\nyaml\n---\nbody`. Frontmatter starts on the first line and ends at the next line
 * that is `---` and nothing else, so `last_reviewed: 2026-11-03 #---` does not end it. This is
 * the only frontmatter splitter: `check` and the build both use it (through load.ts).
 */
export function splitFrontmatter(text: string): SplitMarkdown {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0]!)) return { body: text, bodyLineOffset: 0 };
  const close = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (close < 0) return { body: text, bodyLineOffset: 0 };
  return { frontmatter: lines.slice(1, close).join('\n'), body: lines.slice(close + 1).join('\n'), bodyLineOffset: close + 1 };
}

export type MarkdownFormat = 'md' | 'mdx';

const parsers = {
  md: unified().use(remarkParse).use(remarkGfm),
  // MDX is only ever parsed, never compiled or run: see mdx.ts for what it may contain.
  mdx: unified().use(remarkParse).use(remarkMdx).use(remarkGfm),
};

/**
 * Parse a GFM (or MDX) body to mdast; positions are relative to the body. Check the body with
 * `shapeProblems` first: the parser is neither linear nor stack-safe on hostile input.
 */
export function parseMarkdown(body: string, format: MarkdownFormat = 'md'): Root {
  return parsers[format].parse(body);
}

/** The only links and images a page may carry: relative, http(s) and mailto (no javascript:, data:). */
const SAFE_PROTOCOLS = ['http', 'https', 'mailto'];

/**
 * GitHub's sanitising schema, narrowed to safe URL schemes, plus the classes of sitrep's MDX
 * components and `rel` on links.
 */
const SANITIZE: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'aside'],
  attributes: {
    ...defaultSchema.attributes,
    ...MDX_SANITIZE_ATTRIBUTES,
    a: [...(defaultSchema.attributes?.a ?? []), ['rel', 'noopener', 'noreferrer']],
    span: [['className', 'nowrap']],
  },
  protocols: { ...defaultSchema.protocols, href: SAFE_PROTOCOLS, src: ['http', 'https'], cite: ['http', 'https'], longDesc: ['http', 'https'] },
};

/** Links to other sites open without handing them this page (`rel="noopener noreferrer"`). */
function externalLinks() {
  return (tree: HastRoot) => {
    const stack: (HastRoot | Element)[] = [tree];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'element' && node.tagName === 'a' && /^[a-z][a-z0-9+.-]*:/i.test(String(node.properties.href ?? ''))) {
        node.properties.rel = ['noopener', 'noreferrer'];
      }
      for (const child of node.children) if (child.type === 'element') stack.push(child);
    }
  };
}

/**
 * Dates and hyphenated names in table cells stay on one line (`<span class="nowrap">`): a narrow
 * column would otherwise break `2026-11-13` or `CHK-412` after a hyphen, which reads as two things.
 */
function unbrokenTokens() {
  const wrap = (cell: Element) => {
    const stack: Element[] = [cell];
    while (stack.length) {
      const node = stack.pop()!;
      node.children = node.children.flatMap((child) => {
        if (child.type === 'element') {
          stack.push(child);
          return [child];
        }
        if (child.type !== 'text') return [child];
        const parts = unbrokenParts(child.value);
        if (!parts.some((p) => p.unbroken)) return [child];
        return parts.map((p): ElementContent => (p.unbroken ? { type: 'element', tagName: 'span', properties: { className: ['nowrap'] }, children: [{ type: 'text', value: p.text }] } : { type: 'text', value: p.text }));
      });
    }
  };
  return (tree: HastRoot) => {
    const stack: (HastRoot | Element)[] = [tree];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'element' && (node.tagName === 'td' || node.tagName === 'th')) wrap(node);
      else for (const child of node.children) if (child.type === 'element') stack.push(child);
    }
  };
}

/**
 * Render a Markdown (or MDX) body to HTML, for postmortems and runbooks alike. Raw HTML in the
 * source is dropped, MDX components become the fixed HTML of mdx.ts (nothing is compiled or run),
 * and rehype-sanitize runs after the last transform, so no script, event handler, `javascript:`
 * or `data:` URL can reach the page whatever the source holds. Bodies reach this only after
 * `check` has accepted them (size and nesting limits included). `parsed`, when given, is the tree
 * of `body` (it is changed: MDX components are unwrapped in place).
 */
export async function renderMarkdown(body: string, format: MarkdownFormat = 'md', parsed?: Root): Promise<string> {
  // The tree check already parsed from this body, when the build kept it (see parsed-bodies.ts).
  const tree = parsed ?? parseMarkdown(body, format);
  if (format === 'mdx') unwrapComponents(tree);
  const pipeline = unified()
    .use(remarkRehype, { handlers: MDX_HANDLERS })
    .use(externalLinks)
    .use(unbrokenTokens)
    .use(rehypeSanitize, SANITIZE)
    .use(rehypeStringify);
  return pipeline.stringify(await pipeline.run(tree));
}

/** Links, images and link definitions whose URL could run code (`javascript:`, `data:` ...). */
export function unsafeUrls(file: string, tree: Root, lineOffset: number): ContentError[] {
  const out: ContentError[] = [];
  const stack: unknown[] = [tree];
  while (stack.length) {
    const node = stack.pop() as { type: string; url?: string; children?: unknown[]; position?: { start: { line: number; column: number } } };
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && typeof node.url === 'string' && !isSafeUrl(node.url)) {
      const at = node.position?.start ?? { line: 1, column: 1 };
      const what = node.type === 'image' ? 'an image' : 'a link';
      out.push(contentError(file, at.line + lineOffset, at.column, '', `${what} may only point to an http, https or mailto URL, or a relative one, not ${quote(node.url)}: it could run code in the reader's browser`));
    }
    if (Array.isArray(node.children)) stack.push(...node.children);
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
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

export interface TableRow {
  /** Cell text by lower-cased column name. */
  cells: Record<string, string>;
  /** Position of each cell (1-based, in the file). */
  positions: Record<string, { line: number; column: number }>;
  line: number;
}


/**
 * Read a GFM table whose header must hold `columns` (case-insensitive, any order; extra columns
 * are kept). A header that is one of a column's `aliases` counts as that column (`Assignee` is the
 * owner). Positions are shifted by `lineOffset` into file coordinates.
 */
export function readTable(
  file: string,
  table: Table,
  columns: readonly string[],
  lineOffset: number,
  sectionTitle: string,
  aliases: Record<string, readonly string[]> = {},
): { rows: TableRow[]; errors: ContentError[] } {
  const errors: ContentError[] = [];
  const [head, ...body] = table.children;
  const pos = (n: { position?: { start: { line: number; column: number } } }) => ({
    line: (n.position?.start.line ?? 1) + lineOffset,
    column: n.position?.start.column ?? 1,
  });
  const raw = (head?.children ?? []).map((c) => textOf(c).trim());
  const canonical = (h: string) => Object.entries(aliases).find(([, names]) => names.includes(headerWords(h)))?.[0] ?? h.toLowerCase();
  const names = raw.map(canonical);
  const missing = columns.filter((c) => !names.includes(c));
  if (missing.length) {
    const p = pos(table);
    const unknown = raw.filter((h) => !columns.includes(canonical(h)) && !(canonical(h) in aliases));
    const near = missing.flatMap((m) => {
      const hit = unknown.find((h) => [m, ...(aliases[m] ?? [])].some((a) => editDistance(headerWords(h), a) <= Math.max(1, Math.floor(a.length / 4))));
      return hit ? [`"${hit}" looks like ${m}`] : [];
    });
    errors.push(
      contentError(file, p.line, p.column, sectionTitle, `table must have the columns ${columns.join(' | ')}; missing ${missing.join(', ')} (has ${raw.join(' | ') || 'none'})${near.length ? `: ${near.join(', ')}` : ''}`),
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
