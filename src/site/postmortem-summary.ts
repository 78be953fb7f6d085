/**
 * The text of a postmortem's Summary section, shown on its incidents' pages (so a reader sees the
 * gist where the incident is, and the site search finds an incident by the words of its
 * postmortem). Plain text: Markdown formatting is dropped, paragraphs are kept apart.
 */
import { parseMarkdown, sections, textOf } from '../adapters/content/markdown.ts';

export function postmortemSummary(body: string): string[] {
  const summary = sections(parseMarkdown(body)).find((s) => s.title.toLowerCase() === 'summary');
  if (!summary) return [];
  return summary.nodes
    .filter((n) => n.type === 'paragraph')
    .map((n) => textOf(n).replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}
