/**
 * The action-item tracker (/action-items/): every item of every postmortem's Action items table,
 * with its state at the report time (src/core/action-items.ts), grouped by owner, priority and
 * service, each row linking to its row in the postmortem and to its ticket. Pure; no Astro.
 */
import { compareNames, tallyActions, tallyBy, trackActions, type ActionState, type ActionTally, type TrackedAction } from '../core/index.ts';
import { ACTION_ITEM_COLUMNS, ACTION_PRIORITIES, COLUMN_ALIASES, headerWords } from '../schemas/postmortem.ts';
import type { SiteModel } from './model.ts';
import { plural } from './format.ts';

/** The anchor of an action item's row on its postmortem page: row 2 -> `action-2`. */
export const actionAnchor = (row: number): string => `action-${row}`;

export interface ActionRow {
  state: ActionState;
  /**
   * The state in words, so it never depends on colour: "overdue, 3 days late", "open, due in 5 days",
   * "open, no due date", "open (status not stated), due in 5 days", "done", "won't fix".
   */
  stateText: string;
  /** The due date, or "no due date". */
  due: string;
  action: string;
  owner: string;
  /** P0..P3, or "not set". */
  priority: string;
  /** The status as written, or "not stated". */
  status: string;
  services: { name: string; url: string }[];
  postmortem: { title: string; url: string };
  ticket: { text: string; url: string | null } | null;
}

export interface ActionGroup {
  key: string;
  label: string;
  url?: string;
  tally: ActionTally;
}

export interface ActionItemsView {
  tally: ActionTally;
  rows: ActionRow[];
  byOwner: ActionGroup[];
  byPriority: ActionGroup[];
  byService: ActionGroup[];
}


/** What the tracker shows for an item without a priority, a due date or a status. */
export const NO_PRIORITY = 'not set';
export const NO_DUE = 'no due date';
export const NO_STATUS = 'not stated';

function stateText(a: TrackedAction): string {
  if (a.state === 'done') return a.status === 'wont-fix' ? "won't fix" : 'done';
  if (a.state === 'overdue') return `overdue, ${plural(a.days!, 'day')} late`;
  const open = a.status === undefined ? `open (status ${NO_STATUS})` : 'open';
  return a.days === null ? `${open}, ${NO_DUE}` : a.days === 0 ? `${open}, due today` : `${open}, due in ${plural(a.days, 'day')}`;
}

/** The tracked items of the site at its report time. */
export function siteActions(site: SiteModel): TrackedAction[] {
  return trackActions(site.content.postmortems, (id) => site.incidentsById.get(id)?.services ?? [], site.asOf);
}

/** Open (overdue included) and overdue counts at the report time, as the overview and the tracker show them. */
export function actionTally(site: SiteModel): ActionTally {
  return tallyActions(siteActions(site));
}

/**
 * Open items the postmortems index lists: the first OPEN_ON_INDEX of the tracker's open rows (overdue
 * first, then by due date), and how many more the tracker has. At 400 postmortems the index repeated
 * all 1,066 open items after its own table.
 */
export const OPEN_ON_INDEX = 25;
export function openOnIndex(site: SiteModel, base: string): { rows: ActionRow[]; more: number } {
  const open = actionItemsView(site, base).rows.filter((r) => r.state !== 'done');
  return { rows: open.slice(0, OPEN_ON_INDEX), more: Math.max(0, open.length - OPEN_ON_INDEX) };
}

/** The whole tracker page. */
export function actionItemsView(site: SiteModel, base: string): ActionItemsView {
  const items = siteActions(site);
  const titles = new Map(site.content.postmortems.map((p) => [p.id, p.title]));
  const rows = items.map((a): ActionRow => ({
    state: a.state,
    stateText: stateText(a),
    due: a.due ?? NO_DUE,
    action: a.action,
    owner: a.owner,
    priority: a.priority ?? NO_PRIORITY,
    status: a.status ?? NO_STATUS,
    services: a.services.map((s) => ({ name: site.serviceName(s), url: `${base}services/${s}/` })),
    postmortem: { title: titles.get(a.postmortem) ?? a.postmortem, url: `${base}postmortems/${a.postmortem}/#${actionAnchor(a.row)}` },
    ticket: a.ticket ? { text: a.ticket.replace(/^https?:\/\/[^/]+\/(?:.*\/)?([^/]+)\/?$/, '$1') || a.ticket, url: /^https?:\/\//i.test(a.ticket) ? a.ticket : null } : null,
  }));
  // P0..P3, then "not set".
  const priorityOrder = (k: string) => [...ACTION_PRIORITIES, NO_PRIORITY].indexOf(k);
  return {
    tally: tallyActions(items),
    rows,
    byOwner: tallyBy(items, (a) => [a.owner]).map((g) => ({ ...g, label: g.key })),
    byPriority: tallyBy(items, (a) => [a.priority ?? NO_PRIORITY])
      .sort((x, y) => priorityOrder(x.key) - priorityOrder(y.key))
      .map((g) => ({ ...g, label: g.key })),
    byService: tallyBy(items, (a) => (a.services.length ? a.services : ['(none)']))
      .map((g) => (g.key === '(none)' ? { ...g, label: 'no service' } : { ...g, label: site.serviceName(g.key), url: `${base}services/${g.key}/` }))
      .sort((x, y) => Number(x.key === '(none)') - Number(y.key === '(none)') || compareNames(x.label, y.label) || compareNames(x.key, y.key)),
  };
}

/**
 * Give each row of a rendered postmortem's action-items table an id (`action-1`, ...), so the
 * tracker can link to it. The table is the first whose header names an Action and an Owner column
 * (the required ones, under any of their names: `Action Item | Type | Owner | Bug`), as
 * rehype-stringify writes it.
 */
export function anchorActionRows(html: string): string {
  const tables = html.split(/(?=<table>)/);
  // Each table's header names, read once.
  const headers = tables.map((t) => {
    const head = /^<table>\s*<thead>([\s\S]*?)<\/thead>/.exec(t)?.[1] ?? '';
    return [...head.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => headerWords(m[1]!.replace(/<[^>]*>/g, '')));
  });
  const k = headers.findIndex((names) => ACTION_ITEM_COLUMNS.every((c) => names.some((n) => COLUMN_ALIASES[c]!.includes(n))));
  if (k < 0) return html;
  const names = headers[k]!;
  const end = tables[k]!.indexOf('</table>');
  let row = 0;
  const table = tables[k]!.slice(0, end).replace(/<tbody>([\s\S]*)$/, (body) => body.replace(/<tr>/g, () => `<tr id="${actionAnchor(++row)}">`));
  // The action's cells are named, so the stylesheet can give them the most room wherever the
  // table puts them (GFM tables hold no tables, so the n-th cell tag of a row is its n-th cell).
  const column = names.findIndex((n) => COLUMN_ALIASES.action!.includes(n));
  const named = table.replace(/<tr[^>]*>[\s\S]*?<\/tr>/g, (tr) => {
    let cell = -1;
    return tr.replace(/<(td|th)(\s[^>]*)?>/g, (tag, name: string, attrs = '') => (++cell === column ? `<${name} class="action"${attrs}>` : tag));
  });
  tables[k] = named.replace(/^<table>/, '<table class="action-items">') + tables[k]!.slice(end);
  return tables.join('');
}
