import { describe, expect, it } from 'vitest';
import { readPostmortem } from '../../src/adapters/content/documents.ts';
import type { ContentError } from '../../src/adapters/content/errors.ts';
import { posOf } from '../helpers/fixture.ts';

const FRONTMATTER = `---
title: Shakespeare search down
incidents: [2015-10-21-shakespeare]
authors: [jennifer, martym, agoogler]
status: published
date: 2015-10-23
---
`;

/** Shaped like the SRE book's example postmortem: its headings, levels, order and table columns. */
const SRE_BOOK = `${FRONTMATTER}
# Shakespeare Sonnet++ Postmortem (incident #465)

## Summary

Shakespeare Search down for 66 minutes during period of very high interest in Shakespeare.

## Impact

Estimated 1.21B queries lost, no revenue impact.

## Root Causes

Cascading failure due to combination of exceptionally high load and a resource leak.

## Trigger

Latent bug triggered by sudden increase in traffic.

## Resolution

Directed traffic to sacrificial cluster and added 10x capacity.

## Detection

Borgmon detected high level of HTTP 500s and paged on-call.

## Action Items

| Action Item | Type | Owner | Bug | Due Date | Priority | Status |
| --- | --- | --- | --- | --- | --- | --- |
| Update playbook with instructions for responding to cascading failure | mitigate | jennifer | n/a | 2015-11-30 | P2 | done |
| Use flux capacitor to balance load between clusters | prevent | martym | Bug 5554823 | 2015-12-15 | P1 | in-progress |

## Lessons Learned

### What went well

Monitoring quickly alerted us to high rate (reaching ~100%) of HTTP 500s.

### What went wrong

We're out of practice in responding to cascading failure.

### Where we got lucky

Mailing list of Shakespeare aficionados had a copy of new sonnet available.

## Timeline

| Date/Time | Description |
| --- | --- |
| 14:51 | News reports that a new Shakespearean sonnet has been discovered |
| 14:53 | Traffic to Shakespeare search increases by 88x |

## Supporting information

Monitoring dashboard.
`;

/** The SRE book's action items (Appendix D), as the book prints them: no Due, Priority or Status column. */
const SRE_BOOK_ACTIONS = `| Action Item | Type | Owner | Bug |
| --- | --- | --- | --- |
| Update playbook with instructions for responding to cascading failure | mitigate | jennifer | n/a **DONE** |
| Use flux capacitor to balance load between clusters | prevent | martym | Bug 5554823 **TODO** |
| Schedule cascading failure test during next DiRT | process | docbrown | n/a **TODO** |
| Investigate running index MR/fusion continuously | prevent | jennifer | Bug 5554824 **TODO** |
| Plug file descriptor leak in search ranking subsystem | prevent | agoogler | Bug 5554825 **DONE** |
| Add load shedding capabilities to Shakespeare search | prevent | agoogler | Bug 5554826 **TODO** |
| Build regression tests to ensure servers respond sanely to queries of death | prevent | clarac | Bug 5554827 **TODO** |
| Deploy updated search ranking subsystem to prod | prevent | jennifer | n/a **DONE** |
| Freeze production until 2015-11-20 due to error budget exhaustion, or seek exception due to grotesque, unbelievable, bizarre, and unprecedented circumstances | other | docbrown | n/a **TODO** |`;

function read(text: string) {
  const errors: ContentError[] = [];
  const pm = readPostmortem('content/postmortems/p.md', 'p', text, errors);
  return { pm: pm?.value, errors };
}

describe('postmortems written with the common templates', () => {
  it('the SRE book layout is accepted: Root Causes, Trigger, Lessons Learned with ### subsections, the Timeline last', () => {
    const { pm, errors } = read(SRE_BOOK);
    expect(errors).toEqual([]);
    expect(pm!.timeline).toEqual([
      { time: '14:51', event: 'News reports that a new Shakespearean sonnet has been discovered' },
      { time: '14:53', event: 'Traffic to Shakespeare search increases by 88x' },
    ]);
    expect(pm!.actionItems.map((a) => [a.action.slice(0, 16), a.owner, a.due, a.priority, a.status])).toEqual([
      ['Update playbook ', 'jennifer', '2015-11-30', 'P2', 'done'],
      ['Use flux capacit', 'martym', '2015-12-15', 'P1', 'in-progress'],
    ]);
  });

  it('headings are matched without case, numbering and punctuation, at any level', () => {
    const text = SRE_BOOK.replace('## Summary', '### 1. SUMMARY:').replace('## Impact', '#### Customer impact');
    expect(read(text).errors).toEqual([]);
  });

  it('a misspelt section is one error at its own heading, naming the section it looks like', () => {
    const text = SRE_BOOK.replace('## Root Causes', '## Root Cuases').replace('### What went wrong', '### What went wrnog');
    expect(read(text).errors).toEqual([
      expect.objectContaining({ line: posOf(text, '## Root Cuases').line, field: 'Root cause', message: expect.stringMatching(/^"## Root Cuases" looks like the "Root cause" section \(required once the status is published\)/) }),
      expect.objectContaining({ line: posOf(text, '### What went wrnog').line, field: 'What went wrong', message: expect.stringMatching(/^"### What went wrnog" looks like the "What went wrong" section/) }),
    ]);
  });

  it('the SRE book’s action-item table as printed (Action Item | Type | Owner | Bug) is read: TODO/DONE after the bug is the status, n/a no ticket, no due date or priority', () => {
    const text = SRE_BOOK.replace(/\| Action Item \| Type[\s\S]*?(?=\n\n## Lessons)/, SRE_BOOK_ACTIONS);
    const { pm, errors } = read(text);
    expect(errors).toEqual([]);
    expect(pm!.actionItems.map((a) => [a.action.slice(0, 24), a.owner, a.ticket, a.status, a.due, a.priority])).toEqual([
      ['Update playbook with ins', 'jennifer', undefined, 'done', undefined, undefined],
      ['Use flux capacitor to ba', 'martym', 'Bug 5554823', 'open', undefined, undefined],
      ['Schedule cascading failu', 'docbrown', undefined, 'open', undefined, undefined],
      ['Investigate running inde', 'jennifer', 'Bug 5554824', 'open', undefined, undefined],
      ['Plug file descriptor lea', 'agoogler', 'Bug 5554825', 'done', undefined, undefined],
      ['Add load shedding capabi', 'agoogler', 'Bug 5554826', 'open', undefined, undefined],
      ['Build regression tests t', 'clarac', 'Bug 5554827', 'open', undefined, undefined],
      ['Deploy updated search ra', 'jennifer', undefined, 'done', undefined, undefined],
      ['Freeze production until ', 'docbrown', undefined, 'open', undefined, undefined],
    ]);
  });

  it('without a Status column and without TODO/DONE an item has no status; a Bug cell is its ticket as written', () => {
    const text = SRE_BOOK.replace(/\| Action Item \| Type[\s\S]*?(?=\n\n## Lessons)/, '| Action Item | Owner | Bug |\n| --- | --- | --- |\n| Add load shedding | agoogler | Bug 5554826 |\n| Fix the TODO list | clarac | |');
    const { pm, errors } = read(text);
    expect(errors).toEqual([]);
    expect(pm!.actionItems).toEqual([
      { action: 'Add load shedding', owner: 'agoogler', ticket: 'Bug 5554826' },
      { action: 'Fix the TODO list', owner: 'clarac' },
    ]);
  });

  it('with a Status column, TODO after the bug stays in the ticket and the Status cell decides', () => {
    const text = SRE_BOOK.replace(/\| Action Item \| Type[\s\S]*?(?=\n\n## Lessons)/, '| Action Item | Owner | Bug | Status |\n| --- | --- | --- | --- |\n| Add load shedding | agoogler | Bug 5554826 **TODO** | done |');
    expect(read(text).pm!.actionItems).toEqual([{ action: 'Add load shedding', owner: 'agoogler', ticket: 'Bug 5554826 TODO', status: 'done' }]);
  });

  it('values that are present but bad are still errors at their cell: a due date, a priority, a status', () => {
    const text = SRE_BOOK.replace('| n/a | 2015-11-30 | P2 | done |', '| n/a | soon | P9 | finished |');
    expect(read(text).errors.map((e) => [e.line, e.field, e.message])).toEqual([
      [posOf(text, 'soon').line, 'Action items.1.due', 'must be a date, e.g. 2026-11-30, got "soon"'],
      [posOf(text, 'soon').line, 'Action items.1.priority', 'must be one of P0, P1, P2, P3, got "P9"'],
      [posOf(text, 'soon').line, 'Action items.1.status', 'must be one of open, in-progress, done, wont-fix, got "finished"'],
    ]);
  });

  it('an action-item table without an Owner column names it, with the columns it has and the near miss', () => {
    const text = SRE_BOOK.replace('| Action Item | Type | Owner |', '| Action Item | Type | Ownr |');
    expect(read(text).errors).toEqual([
      expect.objectContaining({ line: posOf(text, '| Action Item').line, field: 'Action items', message: 'table must have the columns action | owner; missing owner (has Action Item | Type | Ownr | Bug | Due Date | Priority | Status): "Ownr" looks like owner' }),
    ]);
  });

  it('a timeline written as a list, as in the SRE book, gives one entry per item with its leading time', () => {
    const list = '## Timeline\n\n2015-10-21 (all times UTC)\n\n* 14:51 News reports that a new Shakespearean sonnet has been discovered\n* **15:36** OUTAGE BEGINS — Search backends start melting down under load\n* 2015-10-22 09:40 UTC: Pool recycled\n';
    const text = SRE_BOOK.replace(/## Timeline\n[\s\S]*?(?=## Supporting)/, `${list}\n`);
    const { pm, errors } = read(text);
    expect(errors).toEqual([]);
    expect(pm!.timeline).toEqual([
      { time: '14:51', event: 'News reports that a new Shakespearean sonnet has been discovered' },
      { time: '15:36', event: 'OUTAGE BEGINS — Search backends start melting down under load' },
      { time: '2015-10-22 09:40 UTC', event: 'Pool recycled' },
    ]);
  });

  it('a timeline list item without a time is an error at its line', () => {
    const text = SRE_BOOK.replace(/## Timeline\n[\s\S]*?(?=## Supporting)/, '## Timeline\n\n* 14:51 News reports\n* Outage mitigated\n\n');
    expect(read(text).errors).toEqual([
      expect.objectContaining({ line: posOf(text, '* Outage mitigated').line, field: 'Timeline', message: 'a timeline item starts with its time, e.g. "14:51 Traffic increases", got "Outage mitigated"' }),
    ]);
  });

  it('Assignee, Deadline and State are the owner, due and status columns', () => {
    const text = SRE_BOOK.replace('| Owner | Bug | Due Date | Priority | Status |', '| Assignee | Ticket | Deadline | Prio | State |');
    const { pm, errors } = read(text);
    expect(errors).toEqual([]);
    expect(pm!.actionItems[1]).toMatchObject({ owner: 'martym', due: '2015-12-15', priority: 'P1', status: 'in-progress' });
  });
});
