/**
 * A list of content (postmortems, runbooks, services) by id, indexed once per list: a page that
 * looks up one entry by id does not scan every entry (10,000 incident pages x 2,000 postmortems
 * at scale). Lists are read-only once loaded, as incidentsOfService also assumes.
 */
const indexes = new WeakMap<readonly object[], ReadonlyMap<string, unknown>>();

export function byId<T extends { id: string }>(list: readonly T[]): ReadonlyMap<string, T> {
  let index = indexes.get(list);
  if (!index) indexes.set(list, (index = new Map(list.map((x) => [x.id, x]))));
  return index as ReadonlyMap<string, T>;
}

const viewIndexes = new WeakMap<readonly { slo: { id: string } }[], ReadonlyMap<string, unknown>>();

/** The site's SLO views by SLO id, indexed once per list (pages find their view by id, not as a prop). */
export function sloViewById<V extends { slo: { id: string } }>(views: readonly V[]): ReadonlyMap<string, V> {
  let index = viewIndexes.get(views);
  if (!index) viewIndexes.set(views, (index = new Map(views.map((v) => [v.slo.id, v]))));
  return index as ReadonlyMap<string, V>;
}

const groupIndexes = new WeakMap<readonly object[], Map<string, ReadonlyMap<string, readonly unknown[]>>>();

/**
 * A list grouped by `key` of each entry, in list order, once per list and grouping (`name` tells
 * groupings of one list apart): a page that shows one group does not scan the whole list. An empty
 * group has no entry.
 */
function groupedBy<T extends object>(list: readonly T[], name: string, key: (x: T) => string): ReadonlyMap<string, readonly T[]> {
  let byName = groupIndexes.get(list);
  if (!byName) groupIndexes.set(list, (byName = new Map()));
  let index = byName.get(name);
  if (!index) {
    const groups = new Map<string, T[]>();
    for (const x of list) {
      const k = key(x);
      const group = groups.get(k);
      if (group) group.push(x);
      else groups.set(k, [x]);
    }
    byName.set(name, (index = groups));
  }
  return index as ReadonlyMap<string, readonly T[]>;
}

/** The site's SLO views by service id, in list order (service pages and badges do not each scan every SLO). */
export function sloViewsByService<V extends { slo: { service: string } }>(views: readonly V[]): ReadonlyMap<string, readonly V[]> {
  return groupedBy(views, 'slo.service', (v) => v.slo.service);
}

/** The runbook views by service id, in list order (a service page does not scan every runbook). */
export function runbookViewsByService<V extends { service: { id: string } }>(views: readonly V[]): ReadonlyMap<string, readonly V[]> {
  return groupedBy(views, 'service.id', (v) => v.service.id);
}
