/**
 * Values a build computes once and every page reads: a report, the banner, an index. A store
 * keeps them per site model (one per build, so a test's fresh model gets fresh values) and key.
 */
export function perBuild<T>(): (site: object, key: string, compute: () => T) => T {
  const store = new WeakMap<object, Map<string, T>>();
  return (site, key, compute) => {
    let byKey = store.get(site);
    if (!byKey) store.set(site, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, compute());
    return byKey.get(key)!;
  };
}
