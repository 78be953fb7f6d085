/**
 * `npm run bench`: speed and memory targets, measured on synthetic data generated here (in a
 * temporary folder, removed afterwards) and on the bundled sample org. Informational: prints a
 * table with PASS/FAIL per target and exits 0; `--strict` exits 1 when a target is missed.
 * Targets live here, never in unit tests: machines are shared and noisy.
 *   node scripts/bench.ts [--slos 1000] [--days 90] [--strict]
 *
 * Each measured step runs once (they are big), after a tiny untimed run that warms up the JIT.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadContent } from '../src/adapters/content/load.ts';
import { readAllSnapshots, writeSnapshot } from '../src/adapters/snapshots/store.ts';
import { buildIncidentMetrics, buildSeries, buildSloReport } from '../src/core/index.ts';
import { incidentTimes, resolveAsOf } from '../src/site/as-of.ts';
import { collect, MB, mbRow, sampleMemory, secondsRow, table, timed, type Row } from './lib/bench/measure.ts';
import { END, scenario, snapshotFor } from './lib/bench/synthetic.ts';
import { parseOptions } from './lib/cli.ts';

/** Seconds, for 1,000 SLOs x 90 days of 5-minute steps. */
const TARGET = { load: 10, compute: 10 };

const USAGE = `Usage: npm run bench -- [--slos N] [--days N] [--strict]

Measure snapshot load and report computation on synthetic data, and the sample org; print a table.
  --slos N    synthetic SLOs (default 1000)
  --days N    days of 5-minute steps per SLO (default 90)
  --strict    exit 1 when a target is missed
`;

const opts = parseOptions({ slos: { type: 'string', default: '1000' }, days: { type: 'string', default: '90' }, strict: { type: 'boolean', default: false } }, USAGE);
const [count, days] = (['slos', 'days'] as const).map((name) => {
  const n = Number(opts[name]);
  if (Number.isInteger(n) && n > 0) return n;
  console.error(`--${name}: expected a positive whole number, got "${opts[name]}"`);
  process.exit(2);
}) as [number, number];
const fmt = (n: number) => n.toLocaleString('en');

type Result = { rows: Row[]; notes: string[] };

/** Steps 1-3 on synthetic SLOs under `root`: write the snapshots, load them all, compute every report. */
async function synthetic(root: string, count: number, days: number): Promise<Result> {
  const sc = scenario(count, days);
  const size = `${fmt(count)} SLOs x ${days} d`;
  // 1. Write (generating the data is not timed).
  let [writeSeconds, bytes] = [0, 0];
  for (let i = 0; i < count; i++) {
    const snap = snapshotFor(sc, i);
    const { value: file, seconds } = await timed(() => writeSnapshot(root, snap));
    writeSeconds += seconds;
    bytes += (await stat(file)).size;
  }
  // 2. Load, sampling memory from a baseline taken after a full GC.
  collect();
  const before = process.memoryUsage();
  const memory = sampleMemory();
  const load = await timed(() => readAllSnapshots(root));
  const peak = memory.stop();
  collect();
  const held = process.memoryUsage().heapUsed - before.heapUsed;
  const { snapshots, errors } = load.value;
  if (errors.length || snapshots.size !== count) throw new Error(`loaded ${snapshots.size} of ${count} snapshots: ${errors[0]?.message}`);
  // 3. Compute every report.
  const { value: done, seconds: computeSeconds } = await timed(() => {
    const tally = { alerts: 0, pairs: 0, alerted: 0 };
    for (const slo of sc.slos) {
      const report = buildSloReport(slo, buildSeries(snapshots.get(slo.id)!), END, sc.incidents);
      tally.alerts += report.alerts.length;
      tally.pairs += report.alertCoverage.incidents.length;
      tally.alerted += report.alertCoverage.incidents.filter((i) => i.alerted).length;
    }
    return tally;
  });
  return {
    rows: [
      secondsRow('1. write', `writeSnapshot, ${size} (${fmt(sc.steps)} steps each)`, writeSeconds),
      mbRow('1. write', 'bytes on disk', bytes),
      secondsRow('2. load', `readAllSnapshots, ${size}`, load.seconds, TARGET.load),
      mbRow('2. load', 'peak RSS during load', peak.rss),
      mbRow('2. load', 'peak heap used during load', peak.heapUsed),
      mbRow('2. load', 'heap held by the loaded snapshots (after GC)', held),
      secondsRow('3. compute', `buildSeries + buildSloReport, ${size}, ${sc.incidents.length} incidents`, computeSeconds, TARGET.compute),
    ],
    notes: [
      `${fmt(bytes)} bytes written; before the load: RSS ${(before.rss / MB).toFixed(1)} MB, heap ${(before.heapUsed / MB).toFixed(1)} MB`,
      `compute: ${fmt(done.alerts)} alerts replayed; ${fmt(done.alerted)} of ${fmt(done.pairs)} SLO-incident pairs alerted`,
    ],
  };
}

/** Step 4: the bundled sample org (content/ and data/ of this repository), as the site model builds it. */
async function sampleOrg(root: string): Promise<Result> {
  const load = await timed(() => loadContent(root));
  const { content, errors } = load.value;
  const build = await timed(() => {
    const { asOf } = resolveAsOf(undefined, content.snapshots.values(), incidentTimes(content.incidents));
    const withData = content.slos.filter((slo) => content.snapshots.has(slo.id));
    for (const slo of withData) buildSloReport(slo, buildSeries(content.snapshots.get(slo.id)!), asOf, content.incidents);
    buildIncidentMetrics(content.incidents, content.severities, asOf);
    return withData.length;
  });
  const what = `${content.slos.length} SLOs, ${content.snapshots.size} snapshots, ${content.incidents.length} incidents`;
  return {
    rows: [
      secondsRow('4. sample org', `loadContent (${what})`, load.seconds),
      secondsRow('4. sample org', `all reports (${build.value} SLO reports + incident metrics)`, build.seconds),
    ],
    notes: errors.length ? [`sample org has ${errors.length} content error(s); run npm run check`] : [],
  };
}

const began = performance.now();
const tmp = await mkdtemp(join(tmpdir(), 'sitrep-bench-'));
const results: Result[] = [];
try {
  console.log(`sitrep bench: ${fmt(count)} SLOs x ${days} days, Node ${process.version}; warming up...`);
  await synthetic(join(tmp, 'warmup'), 3, 2);
  console.log('measuring...');
  results.push(await synthetic(join(tmp, 'synthetic'), count, days));
  await rm(join(tmp, 'synthetic'), { recursive: true, force: true });
  collect();
  results.push(await sampleOrg(resolve(import.meta.dirname, '..')));
} finally {
  await rm(tmp, { recursive: true, force: true });
}

const rows = results.flatMap((r) => r.rows);
console.log(`\n${table(rows)}\n`);
for (const note of results.flatMap((r) => r.notes)) console.log(`- ${note}`);
if (count !== 1000 || days !== 90) console.log('- the targets are set for 1,000 SLOs x 90 days; this run used another size');
console.log(`- total run time ${((performance.now() - began) / 1000).toFixed(1)} s, data generation and warm-up included`);
const missed = rows.filter((r) => r.pass === false);
if (missed.length === 0) console.log(`\n✓ all ${rows.filter((r) => r.pass).length} targets met`);
else {
  console.log(`\n✗ ${missed.length} target(s) MISSED: ${missed.map((r) => `${r.step} ${r.measure}: ${r.value}, target ${r.target}`).join('; ')}`);
  console.log(opts.strict ? 'exit 1 (--strict)' : 'informational: exit 0 (--strict would exit 1)');
  if (opts.strict) process.exitCode = 1;
}
