import { describe, expect, it } from 'vitest';
import type { LoadedPostmortem, LoadedRunbook } from '../adapters/content/load.ts';
import { bodyHtml, renderBodies } from './bodies.ts';

const postmortem = { id: 'pm-1', body: '## Summary\n\nThe **cache** fell over. <script>alert(1)</script>\n' } as LoadedPostmortem;
const runbook = { id: 'rb-1', format: 'mdx', body: '# Steps\n\n<Callout kind="warning">Page the DBA.</Callout>\n' } as LoadedRunbook;

describe('postmortem and runbook bodies', () => {
  it('renders every body by kind and id, sanitised, MDX components included', async () => {
    const html = await renderBodies({ postmortems: [postmortem], runbooks: [runbook] });
    expect([...html.keys()]).toEqual(['postmortems/pm-1', 'runbooks/rb-1']);
    expect(html.get('postmortems/pm-1')).toContain('<strong>cache</strong>');
    expect(html.get('postmortems/pm-1')).not.toContain('<script');
    expect(html.get('runbooks/rb-1')).toContain('Page the DBA.');
  });

  it('takes the HTML the build rendered ahead, else renders once per model', async () => {
    expect(await bodyHtml({ bodies: new Map([['postmortems/pm-1', '<p>ahead</p>']]) }, 'postmortems', postmortem)).toBe('<p>ahead</p>');
    const model = {};
    const first = bodyHtml(model, 'postmortems', postmortem);
    expect(bodyHtml(model, 'postmortems', postmortem)).toBe(first);
    expect(await first).toBe((await renderBodies({ postmortems: [postmortem], runbooks: [] })).get('postmortems/pm-1'));
    // Another model renders its own.
    expect(bodyHtml({}, 'postmortems', postmortem)).not.toBe(first);
  });
});
