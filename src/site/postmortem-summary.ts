/**
 * The text of a postmortem's Summary section, shown on its incidents' pages (so a reader sees the
 * gist where the incident is, and the site search finds an incident by the words of its
 * postmortem). Plain text: Markdown formatting and raw HTML are dropped, paragraphs are kept apart.
 */
import type { RootContent } from 'mdast';
import { parseMarkdown } from '../adapters/content/markdown.ts';
import { headingSections, sectionsByName } from '../adapters/content/postmortem-sections.ts';

/** The words of a node; raw HTML is dropped, as the rendered page drops it. */
function words(node: RootContent): string {
  if (node.type === 'html') return '';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(words).join('');
  return '';
}

export function postmortemSummary(body: string): string[] {
  // The Summary section under any of its names and heading levels, as check reads it.
  const summary = sectionsByName(headingSections(parseMarkdown(body))).get('Summary');
  if (!summary) return [];
  return summary.nodes
    .filter((n) => n.type === 'paragraph')
    .map((n) => words(n).replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}
