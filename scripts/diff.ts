/**
 * `npm run diff -- --base <ref>`: a Markdown summary of what the working tree changes against a
 * git ref in the published figures, for a pull-request comment. Exit status: 0 when the summary is
 * written (content errors are part of it), 2 for a usage error or a ref git cannot read.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { formatError } from '../src/adapters/content/errors.ts';
import { loadContent } from '../src/adapters/content/load.ts';
import { incidentTimes, resolveAsOf } from '../src/site/as-of.ts';
import { buildModel } from '../src/site/model.ts';
import { diffSummary, type Side } from './lib/diff/summary.ts';
import { parseOptions } from './lib/cli.ts';

const USAGE = `Usage: npm run diff -- --base REF [--as-of ISO] [--root DIR] [--out FILE]

Print a Markdown summary of what the working tree changes against git REF in the published
figures: incidents, postmortems and SLOs changed, SLO status and budget, MTTR and friends
before and after, and validation errors. Ready to post as a pull-request comment.
  --base REF   the git ref to compare with, e.g. origin/main
  --as-of ISO  report time for both sides (default: SITREP_AS_OF, or the end of the newest snapshot of the working tree)
  --root DIR   folder holding content/ and data/, inside a git repository (default: SITREP_ROOT, or the current directory)
  --out FILE   also write the summary to FILE
`;

const git = promisify(execFile);
const fail = (message: string): never => {
  process.stderr.write(`sitrep diff: ${message}\n`);
  process.exit(2);
};

const values = parseOptions({ base: { type: 'string' }, 'as-of': { type: 'string' }, root: { type: 'string' }, out: { type: 'string' } }, USAGE);
if (values.base === undefined) {
  process.stderr.write(`sitrep diff: --base is required\n\n${USAGE}`);
  process.exit(2);
}
const root = resolve(values.root ?? (process.env.SITREP_ROOT || '.'));
const ref = values.base;

const run = async (...args: string[]) => (await git('git', ['-C', root, ...args], { maxBuffer: 1 << 26 })).stdout.trim();
const top = await run('rev-parse', '--show-toplevel').catch(() => fail(`${root} is not inside a git repository`));
const commit = await run('rev-parse', '--verify', '--quiet', `${ref}^{commit}`).catch(() => fail(`git cannot find the ref "${ref}" (fetch it first, e.g. git fetch origin main)`));
const prefix = relative(top, root).split('\\').join('/');

/** The ref's version of the content root, extracted into a temporary folder. */
async function checkoutRef(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-diff-'));
  await new Promise<void>((done, reject) => {
    const archive = spawn('git', ['-C', top, 'archive', '--format=tar', prefix ? `${commit}:${prefix}` : commit], { stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-C', dir], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    archive.stderr.on('data', (d: Buffer) => (err += d.toString()));
    tar.stderr.on('data', (d: Buffer) => (err += d.toString()));
    archive.stdout.pipe(tar.stdin);
    tar.on('close', (code) => (code === 0 ? done() : reject(new Error(`could not read ${ref}:${prefix || '.'}: ${err.trim()}`))));
  });
  return dir;
}

async function side(dir: string, asOf: string): Promise<Side> {
  const { content, errors } = await loadContent(dir);
  const model = errors.length ? null : await buildModel(dir, { SITREP_AS_OF: asOf }, { history: false });
  return {
    errors: errors.map(formatError),
    incidents: content.incidents,
    postmortems: content.postmortems,
    slos: content.slos,
    figures: model && { slos: new Map(model.slos.map((v) => [v.slo.id, v.report])), metrics: model.metrics },
  };
}

// Both sides are computed at the working tree's report time, so only the change moves the figures.
const head0 = await loadContent(root);
let asOfSeconds: number;
try {
  asOfSeconds = resolveAsOf(values['as-of'] ?? process.env.SITREP_AS_OF, head0.content.snapshots.values(), incidentTimes(head0.content.incidents)).asOf;
} catch (e) {
  fail((e as Error).message);
}
const asOf = new Date(asOfSeconds! * 1000).toISOString();
const baseDir = await checkoutRef().catch((e: Error) => fail(e.message));
try {
  const markdown = diffSummary({ ref, commit, asOf, head: await side(root, asOf), base: await side(baseDir, asOf) });
  process.stdout.write(markdown);
  if (values.out !== undefined) await writeFile(resolve(values.out), markdown);
} finally {
  await rm(baseDir, { recursive: true, force: true });
}
