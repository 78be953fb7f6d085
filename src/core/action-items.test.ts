import { describe, expect, it } from 'vitest';
import { actionState, dueEnd, isOverdue, tallyActions, tallyBy, trackActions, type PostmortemActions } from './action-items.ts';
import type { ActionItem } from '../schemas/postmortem.ts';
import { at } from './test-fixtures.ts';

type Status = 'open' | 'in-progress' | 'done' | 'wont-fix';
const item = (status: Status, due: string, owner = 'team-a', priority: 'P0' | 'P1' | 'P2' | 'P3' = 'P1') => ({ action: `${status} by ${due}`, owner, due, priority, status });

describe('the state of an action item', () => {
  it('an item due 2026-11-13 is open all that day and overdue from 2026-11-14T00:00:00Z', () => {
    const a = item('open', '2026-11-13');
    expect(dueEnd(a)).toBe(at('2026-11-14T00:00:00Z'));
    expect(actionState(a, at('2026-11-13T23:59:59Z'))).toBe('open');
    expect(actionState(a, at('2026-11-14T00:00:00Z'))).toBe('overdue');
    expect(isOverdue({ ...a, status: 'in-progress' }, at('2026-11-20T00:00:00Z'))).toBe(true);
  });

  it('done and wont-fix items are done whatever their due date', () => {
    expect(actionState(item('done', '2026-01-01'), at('2026-11-14T00:00:00Z'))).toBe('done');
    expect(actionState(item('wont-fix', '2026-01-01'), at('2026-11-14T00:00:00Z'))).toBe('done');
    expect(isOverdue(item('wont-fix', '2026-01-01'), at('2026-11-14T00:00:00Z'))).toBe(false);
  });
});

describe('an action item without a due date or a status (the SRE book’s table has neither)', () => {
  const bare: ActionItem = { action: 'Add load shedding', owner: 'agoogler' };

  it('is open and never overdue, however late it is', () => {
    expect(dueEnd(bare)).toBeNull();
    expect(isOverdue(bare, at('2099-01-01T00:00:00Z'))).toBe(false);
    expect(actionState(bare, at('2099-01-01T00:00:00Z'))).toBe('open');
  });

  it('with a due date but no status it is open until the due day ends, then overdue', () => {
    expect(actionState({ ...bare, due: '2026-11-13' }, at('2026-11-13T12:00:00Z'))).toBe('open');
    expect(actionState({ ...bare, due: '2026-11-13' }, at('2026-11-14T00:00:00Z'))).toBe('overdue');
  });

  it('is tracked after the dated open items, with no day count, and counted as open', () => {
    const items = trackActions([{ id: 'pm', incidents: [], actionItems: [bare, item('open', '2026-12-01'), { ...bare, status: 'done' as const }] }], () => [], at('2026-11-15T00:00:00Z'));
    expect(items.map((a) => [a.state, a.row, a.due, a.days])).toEqual([
      ['open', 2, '2026-12-01', 16],
      ['open', 1, undefined, null],
      ['done', 3, undefined, null],
    ]);
    expect(tallyActions(items)).toEqual({ open: 2, overdue: 0, done: 1, total: 3 });
  });
});

describe('trackActions', () => {
  const postmortems: PostmortemActions[] = [
    { id: 'pm-b', incidents: ['inc-2'], actionItems: [item('done', '2026-10-01'), item('open', '2026-11-20', 'team-b', 'P0')] },
    { id: 'pm-a', incidents: ['inc-1', 'inc-2', 'unknown'], actionItems: [item('in-progress', '2026-11-10'), item('open', '2026-11-14', 'team-b'), item('open', '2026-11-01')] },
  ];
  const services: Record<string, string[]> = { 'inc-1': ['search', 'checkout'], 'inc-2': ['checkout'] };
  const now = at('2026-11-15T06:00:00Z');
  const items = trackActions(postmortems, (i) => services[i] ?? [], now);

  it('lists overdue items first (earliest due first), then open, then done, each with its postmortem row', () => {
    expect(items.map((a) => [a.state, a.postmortem, a.row, a.due])).toEqual([
      ['overdue', 'pm-a', 3, '2026-11-01'],
      ['overdue', 'pm-a', 1, '2026-11-10'],
      ['overdue', 'pm-a', 2, '2026-11-14'],
      ['open', 'pm-b', 2, '2026-11-20'],
      ['done', 'pm-b', 1, '2026-10-01'],
    ]);
  });

  it('counts whole days late or left: due on the 14th is 1 day late on the 15th, due on the 20th has 5 days left', () => {
    expect(items.map((a) => a.days)).toEqual([14, 5, 1, 5, null]);
  });

  it('gives each item the services of its postmortem’s incidents, once each, in id order', () => {
    expect(items[0]!.services).toEqual(['checkout', 'search']);
    expect(items[3]!.services).toEqual(['checkout']);
  });

  it('tallies open (overdue included), overdue and done, overall and by key', () => {
    expect(tallyActions(items)).toEqual({ open: 4, overdue: 3, done: 1, total: 5 });
    expect(tallyBy(items, (a) => [a.owner])).toEqual([
      { key: 'team-a', tally: { open: 2, overdue: 2, done: 1, total: 3 } },
      { key: 'team-b', tally: { open: 2, overdue: 1, done: 0, total: 2 } },
    ]);
    expect(tallyBy(items, (a) => a.services).map((g) => [g.key, g.tally.total])).toEqual([['checkout', 5], ['search', 3]]);
  });
});
