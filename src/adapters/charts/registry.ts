/**
 * Which charts a build used and which are being drawn ahead, shared by every copy of the chart
 * cache module in the process (the pages use Vite's bundled copy; the build script and the
 * prefetch use their own). Kept apart from cache.ts so the build script can read them without
 * loading vega.
 */
const USED = Symbol.for('sitrep.charts-used');
const PENDING = Symbol.for('sitrep.charts-pending');

/**
 * Cache keys used by this process so far, on globalThis: the pages run from Vite's bundles, with
 * their own copy of this module, and the build removes the other entries afterwards.
 */
export function chartsUsed(): Set<string> {
  const g = globalThis as { [USED]?: Set<string> };
  return (g[USED] ??= new Set());
}

/** Charts handed to a worker thread and not yet drawn, by cache key (see prefetch.ts), on globalThis. */
export function pendingCharts(): Map<string, Promise<boolean>> {
  const g = globalThis as { [PENDING]?: Map<string, Promise<boolean>> };
  return (g[PENDING] ??= new Map());
}

