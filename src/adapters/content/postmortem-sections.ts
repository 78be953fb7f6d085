/**
 * The sections of a postmortem as the common templates write them: any heading level, any order,
 * their usual names and aliases (`### Root Causes` is the Root cause section), and near misses
 * named in the error (`## Root Cuase` looks like the Root cause section).
 */
import type { Root, RootContent } from 'mdast';
import { OPTIONAL_SECTIONS, POSTMORTEM_SECTIONS, SECTION_ALIASES } from '../../schemas/postmortem.ts';
import { contentError, quote, type ContentError } from './errors.ts';
import { textOf, type Section } from './markdown.ts';
import { editDistance } from './near.ts';

/** A heading's words without case, punctuation, numbering or emoji: `## 3. Root Causes:` -> `root causes`. */
export const normalise = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/^\s*\d+\s+/, '')
    .trim();

const ALL: Record<string, readonly string[]> = { ...SECTION_ALIASES, ...OPTIONAL_SECTIONS };
const BY_ALIAS = new Map(Object.entries(ALL).flatMap(([name, aliases]) => aliases.map((a) => [a, name] as const)));

/** The section a heading names, under its own name or an alias; undefined for any other heading. */
export function sectionName(title: string): string | undefined {
  return BY_ALIAS.get(normalise(title));
}

/** The known section a heading that names none was probably meant to be: a few typos from one of its names. */
export function nearSection(title: string): string | undefined {
  const t = normalise(title);
  if (t.length < 3) return undefined;
  const limit = Math.max(1, Math.floor(t.length / 5));
  let best: { name: string; d: number } | undefined;
  for (const [alias, name] of BY_ALIAS) {
    const d = editDistance(t, alias);
    if (d <= limit && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/**
 * Every heading below the title (any level) with the nodes up to the next heading of the same or a
 * higher level, so `## Lessons learned` holds its `### What went well` subsection too.
 */
export function headingSections(root: Root): Section[] {
  const out: Section[] = [];
  const nodes = root.children;
  nodes.forEach((node, i) => {
    if (node.type !== 'heading') return;
    const body: RootContent[] = [];
    for (const next of nodes.slice(i + 1)) {
      if (next.type === 'heading' && next.depth <= node.depth) break;
      body.push(next);
    }
    out.push({ title: textOf(node).trim(), heading: node, nodes: body });
  });
  return out;
}

/** The sections of a postmortem by canonical name (the first heading that names each). */
export function sectionsByName(found: Section[]): Map<string, Section> {
  const out = new Map<string, Section>();
  for (const s of found) {
    const name = sectionName(s.title);
    if (name && !out.has(name)) out.set(name, s);
  }
  return out;
}

/**
 * The required sections of an in-review or published postmortem, in any order and at any level.
 * One error per missing section: at a heading that looks like it (a near miss), else where it
 * would go in sitrep's order.
 */
export function checkSections(file: string, status: string, found: Section[], byName: Map<string, Section>, offset: number, endLine: number, errors: ContentError[]): void {
  if (status === 'draft') return;
  const nearMisses = found.filter((s) => !sectionName(s.title));
  for (const title of POSTMORTEM_SECTIONS) {
    if (byName.has(title)) continue;
    const near = nearMisses.find((s) => nearSection(s.title) === title);
    const names = SECTION_ALIASES[title].slice(0, 3).map((a) => `"${a}"`).join(', ');
    if (near) {
      const line = (near.heading.position?.start.line ?? 1) + offset;
      errors.push(contentError(file, line, 1, title, `${quote(`${'#'.repeat(near.heading.depth)} ${near.title}`)} looks like the "${title}" section (required once the status is ${status}): name it ${names} or another alias (see README, "Postmortems")`));
    } else {
      // Point where the section would go in sitrep's order: at the next required section that is there.
      const next = POSTMORTEM_SECTIONS.slice(POSTMORTEM_SECTIONS.indexOf(title) + 1).map((t) => byName.get(t)).find((x) => x !== undefined);
      const line = next ? (next.heading.position?.start.line ?? 1) + offset : endLine;
      errors.push(contentError(file, line, 1, title, `missing section "## ${title}" (required once the status is ${status}; also accepted as ${names} ..., at any heading level)`));
    }
  }
}

/** The words of a node; raw HTML is dropped, as the rendered page drops it. */
function words(node: RootContent): string {
  if (node.type === 'html') return '';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(words).join('');
  return '';
}

/**
 * The text of a postmortem's Summary section (under any of its names and levels), shown on its
 * incidents' pages so a reader sees the gist where the incident is and the site search finds an
 * incident by its postmortem's words. Plain text: formatting and raw HTML dropped, paragraphs kept apart.
 */
export function summaryParagraphs(byName: Map<string, Section>): string[] {
  const summary = byName.get('Summary');
  if (!summary) return [];
  return summary.nodes
    .filter((n) => n.type === 'paragraph')
    .map((n) => words(n).replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}
