/**
 * `npm run import -- FILE...`: explain how sitrep reads SLO files (sitrep, OpenSLO v1, Sloth),
 * without copying anything: the SLOs found, their windows, objectives, queries as fetched and
 * alerts, and what is read but not used. The files are read together, so references between them
 * resolve. Errors are printed as `npm run check` prints them; exit 1 on any, 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ContentError } from '../src/adapters/content/errors.ts';
import { readSloDocuments, type IgnoredNote, type SloDocument } from '../src/adapters/content/slo-formats.ts';
import { yamlDocuments } from '../src/adapters/content/yaml-documents.ts';
import { parseDuration } from '../src/schemas/common.ts';
import { printContentErrors } from './lib/cli.ts';
import { explain } from './lib/import/explain.ts';

const USAGE = `Usage: npm run import -- [--step 5m] FILE...

Explain how sitrep reads SLO files in its own format, OpenSLO v1 or Sloth (Pyrra and slo-generator
files are named and refused): the SLOs found, their windows, objectives, the queries as the fetch
sends them, the alerts replayed, and what is read but not used. Nothing is written.
  --step D   the fetch step the queries are shown at (default 5m)
`;

let parsed;
try {
  parsed = parseArgs({ args: process.argv.slice(2), options: { step: { type: 'string', default: '5m' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
const step = parseDuration(parsed.values.step!);
if (parsed.values.help || !parsed.positionals.length || step === undefined) {
  (parsed.values.help ? process.stdout : process.stderr).write(USAGE);
  process.exit(parsed.values.help ? 0 : 2);
}

const errors: ContentError[] = [];
const docs: SloDocument[] = [];
for (const file of parsed.positionals) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    errors.push({ file, line: 1, column: 1, field: '', message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    continue;
  }
  for (const source of yamlDocuments(file, text)) {
    errors.push(...source.errors);
    if (!source.errors.length) docs.push({ source, value: source.value() });
  }
}
const ignored: IgnoredNote[] = [];
const slos = readSloDocuments(docs, errors, ignored);
process.stdout.write(explain(slos, ignored, step));
printContentErrors(errors);
if (errors.length) {
  console.error(`\n✗ ${errors.length} error${errors.length === 1 ? '' : 's'}`);
  process.exit(1);
}
