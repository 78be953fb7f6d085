/**
 * `npm run freeze`: write the figures of every report period that has ended into
 * data/reports/<period>.json, with the commit and snapshot they were computed from. A
 * recomputation that differs appends a version; an identical one writes nothing.
 * Exit status: 0 done (also when nothing changed); 1 invalid content, records or report time; 2 usage.
 */
import { resolve } from 'node:path';
import { freezePeriods, type PeriodFreeze } from '../src/site/freeze.ts';
import { parseOptions } from './lib/cli.ts';

const USAGE = `Usage: npm run freeze -- [--as-of ISO] [--root DIR] [--dry-run]

Freeze every report period (month, quarter) that has ended at the report time into
data/reports/<period>.json: its figures, the commit and the snapshot they were computed from.
A recomputation that differs from the newest version is written as a new version, with what
changed and the commits responsible; an identical one writes nothing.
  --as-of ISO  report time, e.g. 2026-11-01T00:00:00Z (default: SITREP_AS_OF, or the end of the newest snapshot)
  --root DIR   folder holding content/ and data/ (default: SITREP_ROOT, or the current directory)
  --dry-run    say what would be written, and write nothing
Exit status: 0 done (also when nothing changed); 1 invalid content, records or report time; 2 usage error.
`;

const values = parseOptions({ 'as-of': { type: 'string' }, root: { type: 'string' }, 'dry-run': { type: 'boolean' } }, USAGE);
const root = resolve(values.root ?? (process.env.SITREP_ROOT || '.'));
if (values['as-of'] !== undefined) process.env.SITREP_AS_OF = values['as-of'];
const dry = values['dry-run'] === true;

let run;
try {
  run = await freezePeriods(root, process.env, { dryRun: dry });
} catch (e) {
  console.error(`✗ freeze stopped: ${(e as Error).message}; nothing was written`);
  process.exit(1);
}

const would = (done: string, todo: string) => (dry ? todo : done);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describe(p: PeriodFreeze): string[] {
  const where = p.file ? ` -> ${p.file}` : '';
  switch (p.kind) {
    case 'created':
      return [`${p.slug}  ${would('frozen', 'would freeze')}: version 1${where}`];
    case 'unchanged':
      return [`${p.slug}  unchanged: the recomputation is identical to version ${p.version} of ${p.of}; nothing written`];
    case 'kept':
      return [`${p.slug}  kept: version ${p.version} of ${p.of}, not recomputed (${p.kept === 'not ended' ? 'the period has not ended at the report time' : 'the data no longer reaches this period'})`];
    case 'appended': {
      const commits = p.commits === null ? 'commits responsible unknown (no git history to compare)' : plural(p.commits.length, 'commit') + ' responsible';
      return [
        `${p.slug}  ${would('version', 'would write version')} ${p.version} ${would('written', '')}`.replace(/ $/, '') + `: ${plural(p.changes.length, 'figure')} changed, ${commits}${where}`,
        ...p.changes.slice(0, 20).map((c) => `    ${c.figure}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`),
        ...(p.changes.length > 20 ? [`    … and ${p.changes.length - 20} more (all in the record)`] : []),
        ...(p.commits ?? []).map((c) => `    commit ${c.short} ${c.date.slice(0, 10)} ${c.author}: ${c.subject}`),
      ];
    }
  }
}

for (const w of run.warnings) console.error(`⚠ freeze: ${w}`);
console.log(`sitrep freeze${dry ? ' (dry run: nothing is written)' : ''}: report time ${run.asOf}, ${run.commit ? `commit ${run.commit.slice(0, 12)}` : 'no commit'}, snapshot ${run.snapshot}`);
if (run.periods.length === 0) console.log('Nothing to freeze: no report period has ended at the report time.');
for (const p of run.periods) for (const line of describe(p)) console.log(`  ${line}`);
const written = run.periods.filter((p) => p.kind === 'created' || p.kind === 'appended').length;
console.log(written === 0 ? 'No change: every frozen period matches its recomputation.' : `${plural(written, 'record')} ${would('written', 'would be written')}.`);
