/**
 * `npm run nightly`: the nightly pipeline in one command: `npm run fetch`, then `npm run freeze`
 * (only when the project has a `freeze` script), then `npm run build`. It stops at the first
 * step that fails, except a fetch that failed for some SLOs (exit 1): the last good snapshots
 * stay, the site is built with those SLOs marked stale, and the exit status says so.
 *
 * Exit status: 0 everything ran; 3 the site was built, but the fetch failed for some (or all)
 * SLOs; 1 a step failed and the steps after it did not run; 2 usage error.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm run nightly -- [--root DIR] [--out DIR] [-- FETCH OPTIONS]

Run fetch, freeze (when a freeze script exists) and build, in order; stop at the first failure.
  --root DIR   folder holding content/ and data/ (default: SITREP_ROOT, or the current directory)
  --out DIR    where build writes the site (default: dist/)
  -- ...       options after a second -- go to npm run fetch, e.g. -- --days 30 --retries 2
Exit status: 0 all done; 3 site built but some SLOs could not be fetched (marked stale);
1 a step failed (the later steps did not run); 2 usage error.
`;

export const EXIT = { ok: 0, failed: 1, usage: 2, stale: 3 } as const;

const argv = process.argv.slice(2);
const cut = argv.indexOf('--');
const own = cut < 0 ? argv : argv.slice(0, cut);
const fetchArgs = cut < 0 ? [] : argv.slice(cut + 1);
if (own.includes('-h') || own.includes('--help')) {
  process.stdout.write(USAGE);
  process.exit(EXIT.ok);
}
let values: { root?: string; out?: string };
try {
  values = parseArgs({ args: own, options: { root: { type: 'string' }, out: { type: 'string' } }, strict: true }).values;
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
  process.exit(EXIT.usage);
}
const rootArg = values.root ?? process.env.SITREP_ROOT;
const root = rootArg ? resolve(rootArg) : undefined;
const rootFlag = root ? ['--root', root] : [];

/** Run `npm run <script> -- args` in the current folder (the project), output passed through. */
function npmRun(script: string, args: string[]): Promise<number> {
  process.stderr.write(`\n── nightly: npm run ${script}${args.length ? ` -- ${args.join(' ')}` : ''}\n`);
  return new Promise((done) => {
    const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
      stdio: 'inherit',
      env: { ...process.env, ...(root ? { SITREP_ROOT: root } : {}) },
    });
    child.on('error', () => done(127));
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

const stop = (step: string, code: number, notRun: string[]): never => {
  process.stderr.write(`\n✗ nightly stopped: npm run ${step} exited ${code}${notRun.length ? `; not run: ${notRun.join(', ')}` : ''}\n`);
  process.exit(EXIT.failed);
};

const scripts = (JSON.parse(await readFile('package.json', 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
const freeze = 'freeze' in scripts;
const later = (step: string) => ['fetch', ...(freeze ? ['freeze'] : []), 'build'].slice(['fetch', ...(freeze ? ['freeze'] : []), 'build'].indexOf(step) + 1);

let stale = false;
const fetched = await npmRun('fetch', [...rootFlag, ...fetchArgs]);
if (fetched === 1) {
  stale = true;
  process.stderr.write('\n⚠ nightly: the fetch failed for some SLOs; their last good snapshots stay and the site marks them stale. Going on.\n');
} else if (fetched !== 0) stop('fetch', fetched, later('fetch'));

if (freeze) {
  const code = await npmRun('freeze', []);
  if (code !== 0) stop('freeze', code, later('freeze'));
}

const built = await npmRun('build', [...rootFlag, ...(values.out ? ['--out', resolve(values.out)] : [])]);
if (built !== 0) stop('build', built, []);

if (stale) {
  process.stderr.write(`\n⚠ nightly: site built, but some SLOs could not be fetched and are shown as stale (exit ${EXIT.stale})\n`);
  process.exit(EXIT.stale);
}
process.stderr.write(`\n✓ nightly: fetch${freeze ? ', freeze' : ''} and build done\n`);
