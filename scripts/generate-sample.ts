/**
 * Writes the bundled sample's Prometheus snapshots: `data/snapshots/<slo-id>.json` for every SLO
 * in content/slos, 2026-05-01 to 2026-11-15 at 5-minute steps, with bad periods where
 * content/incidents says there were incidents. Deterministic: same seed and content, same bytes.
 *
 *   node scripts/generate-sample.ts [--seed <n>] [--out <root>] [--content <root>] [--quiet] [--force]
 *
 * It refuses to replace snapshots it did not write (real fetched data) unless given --force.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indicatorQueries } from '../src/adapters/prometheus/queries.ts';
import { SNAPSHOT_DIR, writeSnapshot } from '../src/adapters/snapshots/store.ts';
import { SNAPSHOT_FORMAT, type Snapshot } from '../src/schemas/snapshot.ts';
import { buildSloReport, isoOf } from '../src/core/index.ts';
import { readSampleContent } from './lib/sample/content.ts';
import { DEFAULT_SEED, END, FETCHED_AT, STEP } from './lib/sample/profiles.ts';
import { generateSlo } from './lib/sample/traffic.ts';
import { parseOptions } from './lib/cli.ts';

const USAGE = `Usage: npm run generate-sample -- [--seed N] [--out DIR] [--content DIR] [--quiet] [--force]

Write the sample's snapshots (data/snapshots/) from the SLOs and incidents in content/, deterministically.
  --seed N       PRNG seed (default ${DEFAULT_SEED})
  --out DIR      project root to write data/snapshots/ under (default: this project)
  --content DIR  project root to read content/ from (default: this project)
  --quiet        print nothing
  --force        replace snapshots the generator did not write (fetched data)
`;

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Snapshots in `dir` that were not written by this generator (e.g. by `npm run fetch`). */
async function foreignSnapshots(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json'))) {
    try {
      const head = JSON.parse(await readFile(join(dir, name), 'utf8')) as { generator?: unknown };
      if (typeof head.generator !== 'string' || !head.generator.startsWith('generate-sample')) out.push(name);
    } catch {
      out.push(name);
    }
  }
  return out;
}

export async function generateSample(opts: { seed: number; out: string; content: string; force?: boolean; log?: (line: string) => void }) {
  const log = opts.log ?? (() => {});
  const { slos, incidents } = await readSampleContent(opts.content);
  const dir = join(opts.out, SNAPSHOT_DIR);
  await mkdir(dir, { recursive: true });
  // Never replace real data with synthetic data by accident.
  const foreign = opts.force ? [] : await foreignSnapshots(dir);
  if (foreign.length) {
    throw new Error(
      `${dir} holds snapshots not written by the sample generator (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}): ` +
        'they would be replaced by synthetic data. Use --out to write elsewhere, or --force to replace them.',
    );
  }
  // Remove snapshots of SLOs that no longer exist, so the output is exactly the content's SLOs.
  const wanted = new Set(slos.map((s) => `${s.id}.json`));
  for (const name of await readdir(dir)) {
    if (name.endsWith('.json') && !wanted.has(name)) await rm(join(dir, name));
  }
  const summary = [];
  for (const slo of slos) {
    const g = generateSlo(slo, incidents, opts.seed);
    const snapshot: Snapshot = {
      format: SNAPSHOT_FORMAT,
      slo: slo.id,
      step: STEP,
      start: g.start,
      queries: indicatorQueries(slo.indicator, STEP),
      fetchedAt: FETCHED_AT,
      generator: `generate-sample seed=${opts.seed}`,
      series: g.series,
    };
    await writeSnapshot(opts.out, snapshot);
    // The story as the site will tell it: sitrep's own engine, at the sample's end.
    const r = buildSloReport(slo, snapshot, END, incidents);
    summary.push({ slo, report: r });
    const pctOf = (f: number | null, digits: number) => (f === null ? '—' : (100 * f).toFixed(digits));
    log(
      `${slo.id.padEnd(26)} ${slo.window.padEnd(7)} ${slo.budgeting.method.padEnd(16)} objective ${String(slo.objective).padEnd(6)}` +
        ` sli ${pctOf(r.sli, 3).padStart(7)}%  budget left ${pctOf(r.budget.remaining, 1).padStart(7)}%  ${r.status ?? 'no data'}`,
    );
  }
  return summary;
}

async function main() {
  const values = parseOptions(
    {
      seed: { type: 'string' },
      out: { type: 'string' },
      content: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
    USAGE,
  );
  const seed = values.seed !== undefined ? Number(values.seed) : DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, got ${values.seed}`);
  const out = resolve(values.out ?? projectRoot);
  const content = resolve(values.content ?? projectRoot);
  const log = values.quiet ? undefined : (line: string) => console.log(line);
  log?.(`generate-sample seed=${seed}: content from ${content}, writing ${join(out, SNAPSHOT_DIR)}`);
  log?.(`Error budget at ${isoOf(END)} (sitrep's engine):`);
  await generateSample({ seed, out, content, log, force: values.force });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
