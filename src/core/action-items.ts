/**
 * Action items, read out of every postmortem's Action items table, as one list with a state at a
 * report time. Pure: the report time is an argument.
 *
 * An item is *done* when its status is `done` or `wont-fix`, *open* otherwise (`open`,
 * `in-progress`, or no status stated: nothing says it was finished). An open item is *overdue* once
 * its due day has ended (UTC): due 2026-11-13 is overdue from 2026-11-14T00:00:00Z on, not during
 * the 13th. An item without a due date is never overdue.
 */
import type { ActionItem, Postmortem } from '../schemas/postmortem.ts';
import { compareNames } from './names.ts';
import { DAY, secondsOf } from './periods.ts';

export type ActionState = 'overdue' | 'open' | 'done';

/** The statuses that close an item. */
const CLOSED: ReadonlySet<string> = new Set(['done', 'wont-fix']);

/** Whether an item is closed (done or won't fix). */
export const isClosed = (a: Pick<ActionItem, 'status'>): boolean => a.status !== undefined && CLOSED.has(a.status);

/** When an item's due day ends, Unix seconds: '2026-11-13' -> 2026-11-14T00:00:00Z; null without a due date. */
export const dueEnd = (a: Pick<ActionItem, 'due'>): number | null => (a.due === undefined ? null : secondsOf(`${a.due}T00:00:00Z`) + DAY);

/** Whether an item is open and its due day ended at or before `at` (never without a due date). */
export function isOverdue(a: Pick<ActionItem, 'status' | 'due'>, at: number): boolean {
  const end = dueEnd(a);
  return !isClosed(a) && end !== null && end <= at;
}

/** An item's state at `at`. */
export function actionState(a: Pick<ActionItem, 'status' | 'due'>, at: number): ActionState {
  return isClosed(a) ? 'done' : isOverdue(a, at) ? 'overdue' : 'open';
}

export interface TrackedAction extends ActionItem {
  /** The postmortem it comes from, and its 1-based row in that postmortem's Action items table. */
  postmortem: string;
  row: number;
  /** Services of the postmortem's incidents, in id order (an item inherits them all). */
  services: string[];
  state: ActionState;
  /** Whole days past due (overdue) or left until due ends (open); null for done items and items without a due date. Due today is 0 days left. */
  days: number | null;
}

export interface ActionTally {
  open: number;
  overdue: number;
  done: number;
  total: number;
}

export type PostmortemActions = Pick<Postmortem, 'id' | 'incidents' | 'actionItems'>;

/**
 * Every action item of every postmortem at `at`: overdue first, then open, then done, each by due
 * date (the most days late first, the soonest due first, no due date last); ties by postmortem id and row. `servicesOf` gives an incident's
 * services; an incident it does not know adds none.
 */
export function trackActions(postmortems: readonly PostmortemActions[], servicesOf: (incident: string) => readonly string[], at: number): TrackedAction[] {
  const ORDER: Record<ActionState, number> = { overdue: 0, open: 1, done: 2 };
  const items = postmortems.flatMap((p) => {
    const services = [...new Set(p.incidents.flatMap(servicesOf))].sort();
    return p.actionItems.map((a, i): TrackedAction => {
      const state = actionState(a, at);
      const end = dueEnd(a);
      const days = state === 'done' || end === null ? null : state === 'overdue' ? Math.floor((at - end) / DAY) + 1 : Math.floor((end - at - 1) / DAY);
      return { ...a, postmortem: p.id, row: i + 1, services, state, days };
    });
  });
  return items.sort((x, y) => ORDER[x.state] - ORDER[y.state] || byDue(x, y) || x.postmortem.localeCompare(y.postmortem) || x.row - y.row);
}

/** Earliest due date first, items without a due date last. */
export const byDue = (x: Pick<ActionItem, 'due'>, y: Pick<ActionItem, 'due'>): number =>
  Number(x.due === undefined) - Number(y.due === undefined) || (x.due ?? '').localeCompare(y.due ?? '');

/** Counts by state. Overdue items are also open: `open` counts both, as the overview and reports show them. */
export function tallyActions(items: readonly Pick<TrackedAction, 'state'>[]): ActionTally {
  const overdue = items.filter((a) => a.state === 'overdue').length;
  const done = items.filter((a) => a.state === 'done').length;
  return { open: items.length - done, overdue, done, total: items.length };
}

/** Tallies grouped by a key (owner, priority, a service), keys sorted; an item with several keys counts in each. */
export function tallyBy(items: readonly TrackedAction[], keys: (a: TrackedAction) => readonly string[]): { key: string; tally: ActionTally }[] {
  const groups = new Map<string, TrackedAction[]>();
  for (const a of items) for (const k of keys(a)) groups.set(k, [...(groups.get(k) ?? []), a]);
  return [...groups.keys()].sort(compareNames).map((key) => ({ key, tally: tallyActions(groups.get(key)!) }));
}
