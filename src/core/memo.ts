/**
 * The engine's memos, in one place. Results are shared, not copied: callers treat them as
 * read-only, like the inputs they were computed from.
 */

/**
 * A memo per key object, whose results are told apart by parameters compared field by field
 * (`===`). The key's entries go when the key does (a WeakMap). Used where the SLO report, every
 * period report and the tracker ask the same question of the same series or incident list.
 */
export function memoOn<K extends object, P extends Record<string, unknown>, R>(): (key: K, params: P, compute: () => R) => R {
  const store = new WeakMap<K, { params: P; result: R }[]>();
  return (key, params, compute) => {
    let list = store.get(key);
    if (!list) store.set(key, (list = []));
    const hit = list.find((c) => Object.keys(params).every((k) => c.params[k] === params[k]));
    if (hit) return hit.result;
    const result = compute();
    list.push({ params, result });
    return result;
  };
}

/**
 * `compute` memoized by its argument, keeping at most `max` results (the memo starts over beyond
 * that, so it never grows without bound). A call that throws stores nothing, so it throws again.
 */
export function boundedMemo<A, R>(compute: (arg: A) => R, max: number): (arg: A) => R {
  const memo = new Map<A, R>();
  return (arg) => {
    let r = memo.get(arg);
    if (r === undefined) {
      r = compute(arg);
      if (memo.size >= max) memo.clear();
      memo.set(arg, r);
    }
    return r;
  };
}
