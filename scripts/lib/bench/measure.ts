/** Timing, memory sampling and the results table for `npm run bench`. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const MB = 1024 * 1024;

// A full GC before a memory baseline, so earlier steps' garbage does not count.
setFlagsFromString('--expose-gc');
export const collect = runInNewContext('gc') as () => void;

/** Run `fn` once: its result and wall time in seconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

/** Samples process.memoryUsage() every 10 ms until `stop()`, which returns the peaks. */
export function sampleMemory(): { stop: () => { rss: number; heapUsed: number } } {
  const peak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 10);
  return { stop: () => { clearInterval(timer); sample(); return peak; } };
}

/** One table row; `pass` undefined means informational (no target). */
export type Row = { step: string; measure: string; value: string; target: string; pass?: boolean };

export function secondsRow(step: string, measure: string, seconds: number, limit?: number): Row {
  const value = `${seconds.toFixed(2)} s`;
  return limit === undefined ? { step, measure, value, target: '—' } : { step, measure, value, target: `< ${limit} s`, pass: seconds < limit };
}

export const mbRow = (step: string, measure: string, bytes: number): Row => ({ step, measure, value: `${(bytes / MB).toFixed(1)} MB`, target: '—' });

/** A markdown table, padded so it also reads well in a terminal; values right-aligned. */
export function table(rows: Row[]): string {
  const cells = rows.map((r) => [r.step, r.measure, r.value, r.target, r.pass === undefined ? 'info' : r.pass ? 'PASS' : 'FAIL']);
  const head = ['Step', 'Measurement', 'Value', 'Target', 'Result'];
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) => `| ${row.map((x, c) => (c === 2 ? x.padStart(widths[c]!) : x.padEnd(widths[c]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(head), rule, ...cells.map(line)].join('\n');
}
