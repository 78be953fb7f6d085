/**
 * `npm run build`: validate content (the same checks as `npm run check`, failing on the same
 * errors), then build the static site into dist/.
 *
 *   node scripts/build.ts [--as-of 2026-11-01T00:00:00Z] [--root DIR] [--out DIR]
 *
 * --root (or SITREP_ROOT) reads content/ and data/ from another folder; dist/ is still written here.
 * --out DIR writes the site there instead of dist/.
 * --as-of (or SITREP_AS_OF) fixes the report time so builds are reproducible; without it the
 * report time is the end of the newest snapshot in data/snapshots.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatError, githubAnnotation } from '../src/adapters/content/errors.ts';
import { loadContent } from '../src/adapters/content/load.ts';

const { values } = parseArgs({ options: { 'as-of': { type: 'string' }, root: { type: 'string', default: '.' }, out: { type: 'string' } } });
const root = resolve(values.root!);
if (values['as-of'] !== undefined) process.env.SITREP_AS_OF = values['as-of'];
process.env.ASTRO_TELEMETRY_DISABLED = '1';

const { errors } = await loadContent(root);
if (errors.length) {
  for (const e of errors) console.error(formatError(e));
  if (process.env.GITHUB_ACTIONS === 'true') for (const e of errors) console.log(githubAnnotation(e));
  console.error(`\n✗ build stopped: ${errors.length} content error(s); nothing was published`);
  process.exit(1);
}

process.env.SITREP_ROOT = root;
const { build } = await import('astro');
await build({
  ...(values.out ? { outDir: resolve(values.out) } : {}),
  // A separate cache per build lets several builds run side by side (tests, CI matrices).
  ...(process.env.SITREP_CACHE_DIR ? { cacheDir: resolve(process.env.SITREP_CACHE_DIR) } : {}),
  logLevel: process.env.SITREP_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
