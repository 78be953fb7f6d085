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
