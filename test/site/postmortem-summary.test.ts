import { describe, expect, it } from 'vitest';
import { postmortemSummary } from '../../src/site/postmortem-summary.ts';

describe('postmortemSummary', () => {
  it('gives the Summary section’s paragraphs as plain text, without formatting or raw HTML', () => {
    const body = '## Summary\n\nThe **orders** database\nfailed over at `18:14`. <a href="javascript:alert(1)">x</a>\n\nHalf of [orders](https://x.example) failed.\n\n## Impact\n\nNone.\n';
    expect(postmortemSummary(body)).toEqual(['The orders database failed over at 18:14. x', 'Half of orders failed.']);
  });
  it('is empty without a Summary section', () => {
    expect(postmortemSummary('## Impact\n\nNone.\n')).toEqual([]);
  });
});
