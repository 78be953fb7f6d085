/**
 * `npm run check`: validate everything in content/ and data/ and report every error at once,
 * as `file:line:column field: message`, and warns about times in the future. Exits 1 on any
 * error (warnings do not count), 2 on a usage error. With
 * GITHUB_ACTIONS=true it also prints `::error` annotation lines so pull-request authors see the
 * errors inline.
 */
import { resolve } from 'node:path';
import { loadContent } from '../src/adapters/content/load.ts';
import { openParsePool } from '../src/adapters/content/parse-pool.ts';
import { FrozenRecordError, readFrozenRecords } from '../src/adapters/reports/frozen-store.ts';
import { parseOptions, printContentErrors, printContentWarnings } from './lib/cli.ts';
import { futureTimes } from './lib/future-times.ts';

const USAGE = `Usage: npm run check -- [--root DIR] [--quiet]

Validate content/ and data/; print every error as file:line:column field: message.
  --root DIR   folder holding content/ and data/ (default: SITREP_ROOT, or the current directory)
  --quiet      print nothing when the content is valid
`;

const values = parseOptions({ root: { type: 'string' }, quiet: { type: 'boolean', default: false } }, USAGE);
const root = resolve(values.root ?? (process.env.SITREP_ROOT || '.'));
// A large organisation's files are parsed on the other cores too (up to three helper threads).
const pool = openParsePool();
const { content, errors } = await loadContent(root, { pool }).finally(() => pool.close());
// The frozen reports (data/reports/), which the build reads too.
try {
  await readFrozenRecords(root);
} catch (e) {
  if (!(e instanceof FrozenRecordError)) throw e;
  errors.push(e.toContentError());
}

printContentErrors(errors, root);
// The one use of the clock in check: warn about times in the future (never an error).
printContentWarnings(await futureTimes(root, content, Math.floor(Date.now() / 1000)), root);

if (errors.length) {
  const files = new Set(errors.map((e) => e.file)).size;
  console.error(`\n✗ ${errors.length} error${errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`);
  process.exit(1);
}
if (!values.quiet) {
  console.log(
    `✓ content is valid: ${content.services.length} services, ${content.slos.length} SLOs, ${content.incidents.length} incidents, ` +
      `${content.postmortems.length} postmortems, ${content.runbooks.length} runbooks, ${content.snapshots.size} snapshots`,
  );
}
