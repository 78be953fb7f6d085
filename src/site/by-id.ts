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

const serviceIndexes = new WeakMap<readonly { slo: { service: string } }[], ReadonlyMap<string, readonly unknown[]>>();

/**
 * The site's SLO views by service id, in list order, grouped once per list (service pages and
 * badges do not each scan every SLO). A service without SLOs has no entry.
 */
export function sloViewsByService<V extends { slo: { service: string } }>(views: readonly V[]): ReadonlyMap<string, readonly V[]> {
  let index = serviceIndexes.get(views);
  if (!index) {
    const groups = new Map<string, V[]>();
    for (const v of views) {
      const list = groups.get(v.slo.service);
      if (list) list.push(v);
      else groups.set(v.slo.service, [v]);
    }
    serviceIndexes.set(views, (index = groups));
  }
  return index as ReadonlyMap<string, readonly V[]>;
}
