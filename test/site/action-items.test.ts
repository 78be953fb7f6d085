/**
 * The action-item tracker's view model on the minimal fixture, and the row anchors the tracker
 * links to on a postmortem page, on the real rendering pipeline.
 */
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content/load.ts';
import { renderMarkdown } from '../../src/adapters/content/markdown.ts';
import { OPEN_ON_INDEX, actionItemsView, actionTally, anchorActionRows, openOnIndex } from '../../src/site/action-items.ts';
import { buildModel } from '../../src/site/model.ts';
import { MINIMAL, fixture } from '../helpers/fixture.ts';

const POSTMORTEM = 'content/postmortems/2026-10-03-api-outage.md';

describe('the action-item tracker', () => {
  it('on 2026-11-20 the item due 2026-11-15 is overdue by 5 days and links to its postmortem row; the done one is done', async () => {
    const site = await buildModel(MINIMAL, { SITREP_AS_OF: '2026-11-20T00:00:00Z' }, { history: false });
    const v = actionItemsView(site, '/');
    expect(v.tally).toEqual({ open: 1, overdue: 1, done: 1, total: 2 });
    expect(actionTally(site)).toEqual(v.tally);
    expect(v.rows.map((r) => [r.stateText, r.due, r.postmortem.url])).toEqual([
      ['overdue, 5 days late', '2026-11-15', '/postmortems/2026-10-03-api-outage/#action-2'],
      ['done', '2026-11-01', '/postmortems/2026-10-03-api-outage/#action-1'],
    ]);
    expect(v.rows[0]!.services).toEqual([{ name: 'Public API', url: '/services/api/' }, { name: 'Database', url: '/services/db/' }]);
    expect(v.byOwner).toEqual([{ key: 'platform-team', label: 'platform-team', tally: { open: 1, overdue: 1, done: 1, total: 2 } }]);
    expect(v.byPriority.map((g) => g.key)).toEqual(['P1', 'P2']);
  });

  it('the postmortems index lists the first OPEN_ON_INDEX open items, overdue first, and counts the rest for the tracker', async () => {
    const site = await buildModel(MINIMAL, { SITREP_AS_OF: '2026-11-20T00:00:00Z' }, { history: false });
    const [pm] = site.content.postmortems;
    // 30 postmortems whose open item is due next month come first in the files; 10 whose item is overdue come last.
    const later = Array.from({ length: 30 }, (_, n) => ({ ...pm!, id: `${pm!.id}-later-${n}`, actionItems: pm!.actionItems.map((a) => ({ ...a, due: '2026-12-31' })) }));
    const late = Array.from({ length: 10 }, (_, n) => ({ ...pm!, id: `${pm!.id}-late-${n}` }));
    const v = openOnIndex({ ...site, content: { ...site.content, postmortems: [...later, ...late] } }, '/');
    expect(v.rows).toHaveLength(OPEN_ON_INDEX);
    expect(v.more).toBe(40 - OPEN_ON_INDEX);
    expect(v.rows.map((r) => r.state)).toEqual([...Array(10).fill('overdue'), ...Array(OPEN_ON_INDEX - 10).fill('open')]);
    expect(openOnIndex(site, '/')).toMatchObject({ more: 0, rows: [{ stateText: 'overdue, 5 days late' }] });
  });

  it('before its due day ends the item is open, not overdue', async () => {
    const site = await buildModel(MINIMAL, { SITREP_AS_OF: '2026-11-15T12:00:00Z' }, { history: false });
    const v = actionItemsView(site, '/');
    expect(v.rows[0]!.stateText).toBe('open, due today');
    expect(v.tally.overdue).toBe(0);
  });

  it('a ticket URL links with its last path segment as text, an id is shown as text', async () => {
    const fx = await fixture({
      [POSTMORTEM]: (t) =>
        t
          .replace('| Priority | Status |\n| --- | --- | --- | --- | --- |', '| Priority | Status | Ticket |\n| --- | --- | --- | --- | --- | --- |')
          .replace('| P1 | done |', '| P1 | done | OPS-6 |')
          .replace('| P2 | open |', '| P2 | open | https://tickets.example.com/browse/OPS-7 |'),
    });
    const site = await buildModel(fx.root, { SITREP_AS_OF: '2026-11-20T00:00:00Z' }, { history: false });
    await fx.cleanup();
    expect(actionItemsView(site, '/').rows.map((r) => r.ticket)).toEqual([
      { text: 'OPS-7', url: 'https://tickets.example.com/browse/OPS-7' },
      { text: 'OPS-6', url: null },
    ]);
  });
});

describe('the tracker with the SRE book’s table (Action Item | Type | Owner | Bug)', () => {
  const book = (t: string) =>
    t.replace(
      /\| Action \| Owner[\s\S]*?(?=\n\n## Lessons)/,
      '| Action Item | Type | Owner | Bug |\n| --- | --- | --- | --- |\n| Plug file descriptor leak | prevent | agoogler | Bug 5554825 **DONE** |\n| Add load shedding | prevent | agoogler | Bug 5554826 **TODO** |\n| Build regression tests | prevent | clarac | Bug 5554827 |',
    );

  it('shows every item: no due date, priority not set, status not stated, none overdue; counts them all', async () => {
    const fx = await fixture({ [POSTMORTEM]: book });
    const site = await buildModel(fx.root, { SITREP_AS_OF: '2030-01-01T00:00:00Z' }, { history: false });
    await fx.cleanup();
    const v = actionItemsView(site, '/');
    expect(v.rows.map((r) => [r.stateText, r.due, r.priority, r.status, r.action, r.postmortem.url.split('#')[1]])).toEqual([
      ['open, no due date', 'no due date', 'not set', 'open', 'Add load shedding', 'action-2'],
      ['open (status not stated), no due date', 'no due date', 'not set', 'not stated', 'Build regression tests', 'action-3'],
      ['done', 'no due date', 'not set', 'done', 'Plug file descriptor leak', 'action-1'],
    ]);
    expect(v.tally).toEqual({ open: 2, overdue: 0, done: 1, total: 3 });
    expect(v.byPriority).toEqual([{ key: 'not set', label: 'not set', tally: { open: 2, overdue: 0, done: 1, total: 3 } }]);
  });

  it('anchors the rows of the book’s table, whose header has no Due, Priority or Status', async () => {
    const fx = await fixture({ [POSTMORTEM]: book });
    const { content } = await loadContent(fx.root);
    await fx.cleanup();
    const html = anchorActionRows(await renderMarkdown(content.postmortems[0]!.body));
    expect([...html.matchAll(/<tr id="(action-\d+)">\s*<td[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]])).toEqual([
      ['action-1', 'Plug file descriptor leak'],
      ['action-2', 'Add load shedding'],
      ['action-3', 'Build regression tests'],
    ]);
  });
});

describe('anchors on the rows of a postmortem’s action-items table', () => {
  it('gives each body row of the action-items table an id, and leaves the timeline table alone', async () => {
    const { content } = await loadContent(MINIMAL);
    const html = anchorActionRows(await renderMarkdown(content.postmortems[0]!.body));
    expect([...html.matchAll(/<tr id="(action-\d+)">\s*<td[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]])).toEqual([
      ['action-1', 'Validate pooled connections'],
      ['action-2', 'Alert on pool errors'],
    ]);
    expect(html.match(/<tr id=/g)).toHaveLength(2);
  });

  it('names the action column wherever the table puts it, so the stylesheet gives it the most room', () => {
    const html = '<table><thead><tr><th>Owner</th><th>Action item</th><th>Due</th></tr></thead><tbody><tr><td>a</td><td>b</td><td>2026-11-01</td></tr></tbody></table>';
    expect(anchorActionRows(html)).toBe('<table class="action-items"><thead><tr><th>Owner</th><th class="action">Action item</th><th>Due</th></tr></thead><tbody><tr id="action-1"><td>a</td><td class="action">b</td><td>2026-11-01</td></tr></tbody></table>');
  });

  it('a body without such a table is returned unchanged', () => {
    const html = '<table><thead><tr><th>Time</th><th>Event</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>';
    expect(anchorActionRows(html)).toBe(html);
  });
});
