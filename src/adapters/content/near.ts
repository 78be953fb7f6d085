/** Levenshtein distance: the number of one-character edits from a to b. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * A hint naming the allowed field closest to a misspelt one, compared without case, dashes and
 * underscores: `targetPercentage` -> ` (did you mean "targetPercent"?)`, `error_querry` ->
 * ` (did you mean "error_query"?)`; '' when none is within a quarter of the name's length (at least 2).
 */
export function nearestKey(key: string, known: readonly string[]): string {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const k = norm(key);
  const limit = Math.max(2, Math.floor(k.length / 4));
  const best = known
    .map((c) => ({ c, d: norm(c) === k ? 0 : norm(c).startsWith(k) || k.startsWith(norm(c)) ? Math.min(limit, Math.abs(c.length - key.length)) : editDistance(k, norm(c)) }))
    .filter((x) => x.d <= limit && x.c !== key)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))[0];
  return best ? ` (did you mean "${best.c}"?)` : '';
}
