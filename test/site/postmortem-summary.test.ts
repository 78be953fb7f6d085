import { describe, expect, it } from 'vitest';
import { readPostmortem } from '../../src/adapters/content/documents.ts';
import { parseMarkdown } from '../../src/adapters/content/markdown.ts';
import { headingSections, sectionsByName, summaryParagraphs } from '../../src/adapters/content/postmortem-sections.ts';

const summaryOf = (body: string) => summaryParagraphs(sectionsByName(headingSections(parseMarkdown(body))));

describe('summaryParagraphs', () => {
  it('gives the Summary section’s paragraphs as plain text, without formatting or raw HTML', () => {
    const body = '## Summary\n\nThe **orders** database\nfailed over at `18:14`. <a href="javascript:alert(1)">x</a>\n\nHalf of [orders](https://x.example) failed.\n\n## Impact\n\nNone.\n';
    expect(summaryOf(body)).toEqual(['The orders database failed over at 18:14. x', 'Half of orders failed.']);
  });
  it('is empty without a Summary section', () => {
    expect(summaryOf('## Impact\n\nNone.\n')).toEqual([]);
  });
  it('is read with the postmortem, under the section’s other names too', () => {
    const text = '---\ntitle: T\nstatus: draft\nincidents: [i-1]\nauthors: [a]\ndate: 2026-10-01\n---\n# T\n\n### Executive summary\n\nIt broke.\n';
    const errors: unknown[] = [];
    const pm = readPostmortem('content/postmortems/t.md', 't', text, errors as never);
    expect(errors).toEqual([]);
    expect(pm?.value.summary).toEqual(['It broke.']);
  });
});
