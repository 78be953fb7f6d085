/**
 * `npm run build`: validate content (the same checks as `npm run check`, failing on the same
 * errors), then build the static site. The site is built into a temporary folder beside the
 * output and swapped in only when the build succeeds, so a failed build never leaves a broken or
 * empty site where the last good one was.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { loadContent } from '../src/adapters/content/load.ts';
import { resolveAsOf } from '../src/site/as-of.ts';
import { dropCredentials, parseOptions, printContentErrors } from './lib/cli.ts';

const USAGE = `Usage: npm run build -- [--as-of ISO] [--root DIR] [--out DIR]

Validate content/ and data/, then build the static site.
  --as-of ISO  report time, e.g. 2026-11-01T00:00:00Z (default: SITREP_AS_OF, or the end of the newest snapshot)
  --root DIR   folder holding content/ and data/ (default: SITREP_ROOT, or the current directory)
  --out DIR    where to write the site (default: dist/)
`;

const values = parseOptions({ 'as-of': { type: 'string' }, root: { type: 'string' }, out: { type: 'string' } }, USAGE);
const root = resolve(values.root ?? (process.env.SITREP_ROOT || '.'));
const out = resolve(values.out ?? 'dist');
if (values['as-of'] !== undefined) process.env.SITREP_AS_OF = values['as-of'];
process.env.ASTRO_TELEMETRY_DISABLED = '1';
// The build needs no credentials (only `npm run fetch` talks to Prometheus): drop any it was given.
dropCredentials(process.env);

const fail = (message: string): never => {
  console.error(`\n✗ build stopped: ${message}; nothing was published`);
  process.exit(1);
};

try {
  resolveAsOf(process.env.SITREP_AS_OF, [], [], 0);
} catch (e) {
  fail((e as Error).message);
}

const { errors } = await loadContent(root);
if (errors.length) {
  printContentErrors(errors);
  fail(`${errors.length} content error(s)`);
}

process.env.SITREP_ROOT = root;
const staging = join(dirname(out), `.${basename(out)}.building-${process.pid}`);
await mkdir(dirname(out), { recursive: true });
try {
  const { build } = await import('astro');
  await build({
    outDir: staging,
    // A separate cache per build lets several builds run side by side (tests, CI matrices).
    ...(process.env.SITREP_CACHE_DIR ? { cacheDir: resolve(process.env.SITREP_CACHE_DIR) } : {}),
    logLevel: process.env.SITREP_LOG_LEVEL === 'debug' ? 'debug' : 'info',
  });
} catch (e) {
  await rm(staging, { recursive: true, force: true });
  console.error(e);
  fail('the site generator failed (the last good site is untouched)');
}
await rm(out, { recursive: true, force: true });
await rename(staging, out);
console.log(`✓ site written to ${out}`);
