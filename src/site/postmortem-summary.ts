/**
 * The text of a postmortem's Summary section, shown on its incidents' pages (so a reader sees the
 * gist where the incident is, and the site search finds an incident by the words of its
 * postmortem). Plain text: Markdown formatting and raw HTML are dropped, paragraphs are kept apart.
 */
import type { RootContent } from 'mdast';
import { parseMarkdown, sections } from '../adapters/content/markdown.ts';

/** The words of a node; raw HTML is dropped, as the rendered page drops it. */
function words(node: RootContent): string {
  if (node.type === 'html') return '';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(words).join('');
  return '';
}

export function postmortemSummary(body: string): string[] {
  const summary = sections(parseMarkdown(body)).find((s) => s.title.toLowerCase() === 'summary');
  if (!summary) return [];
  return summary.nodes
    .filter((n) => n.type === 'paragraph')
    .map((n) => words(n).replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}
