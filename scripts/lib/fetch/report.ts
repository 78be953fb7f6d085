import type { FetchEvent, SloFetchResult } from '../../../src/adapters/prometheus/fetch-slos.ts';
import type { SloPlan } from '../../../src/adapters/prometheus/plan.ts';
import { pointsIn } from '../../../src/adapters/prometheus/plan.ts';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`;
}

const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

/** What `--dry-run` prints for one SLO. */
export function formatPlan(plan: SloPlan): string {
  const lines = [`${plan.slo.id} (${plan.slo.source.file}): ${plan.mode}, ${plan.reason}`];
  for (const [name, query] of Object.entries(plan.queries)) lines.push(`  ${name}: ${query}`);
  for (const c of plan.chunks) lines.push(`  chunk ${iso(c.start)} .. ${iso(c.end)} step ${c.step}s (${pointsIn(c)} points per series)`);
  return lines.join('\n');
}

/** Progress lines on stderr: one line per SLO when done, a live line per chunk on a terminal. */
export function progressReporter(write: (s: string) => void, isTty: boolean, total: number): (e: FetchEvent) => void {
  let done = 0;
  let live = false;
  const clear = () => {
    if (live) write('\r\x1b[K');
    live = false;
  };
  return (e) => {
    if (e.type === 'start') {
      clear();
      write(`${e.plan.slo.id}: ${e.plan.mode}, ${e.plan.reason}\n`);
    } else if (e.type === 'progress' && isTty) {
      clear();
      write(`  ${e.id}: chunks ${e.chunks}/${e.chunksTotal}, ${e.points} points, ${formatBytes(e.bytes)}`);
      live = true;
    } else if (e.type === 'retry') {
      clear();
      write(`  ${e.id}: retrying in ${formatMs(e.waitMs)}: ${e.reason}\n`);
    } else if (e.type === 'done') {
      clear();
      done++;
      const r = e.result;
      const what = r.ok ? 'ok' : 'FAILED';
      write(`[${done}/${total}] ${r.id}: ${what}, chunks ${r.chunks}/${r.chunksTotal}, ${r.points} points, ${formatBytes(r.bytes)}, ${formatMs(r.durationMs)}\n`);
      for (const w of r.warnings) write(`  warning: ${w}\n`);
    }
  };
}

/** The summary table, then the errors in full. */
export function formatSummary(results: SloFetchResult[]): string {
  const header = ['SLO', 'status', 'points', 'chunks', 'retries', 'bytes', 'duration'];
  const rows = results.map((r) => [
    r.id,
    r.ok ? (r.warnings.length ? 'ok (warnings)' : 'ok') : 'FAILED',
    String(r.points),
    `${r.chunks}/${r.chunksTotal}`,
    String(r.retries),
    formatBytes(r.bytes),
    formatMs(r.durationMs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const failed = results.filter((r) => !r.ok);
  out.push('', `${results.length - failed.length} of ${results.length} SLOs fetched${failed.length ? `, ${failed.length} failed (their last good snapshot is kept):` : '.'}`);
  for (const r of failed) out.push('', r.error ?? `${r.id}: failed`);
  return `${out.join('\n')}\n`;
}
