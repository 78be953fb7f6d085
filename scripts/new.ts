/**
 * `npm run new -- incident` / `npm run new -- postmortem --incident <id>`: create a content file
 * from a template, with what is known filled in and TODOs for the rest (scripts/lib/new/templates.ts).
 * Exit status: 0 created, 2 usage error, unknown incident or an existing file (never overwritten).
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { nearest } from '../src/adapters/content/checks.ts';
import { loadContent } from '../src/adapters/content/load.ts';
import { incidentTemplate, postmortemTemplate, slug } from './lib/new/templates.ts';

const USAGE = `Usage: npm run new -- incident [--title TEXT] [--service ID]... [--severity SEV] [--started-at ISO] [--id ID] [--root DIR]
       npm run new -- postmortem --incident ID [--root DIR]

Create a file from a template, with the known fields filled in and TODOs for the rest;
it passes npm run check once the TODOs are written. An existing file is never overwritten.
  incident     content/incidents/<id>.yaml; the id is <date of --started-at>-<words of --title>
  postmortem   content/postmortems/<incident id>.md: a draft with the incident's title, impact and
               timeline, and links the incident to it (postmortem: <id>)
`;

const usage = (message: string): never => {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
};
const fail = (message: string): never => {
  process.stderr.write(`sitrep new: ${message}\n`);
  process.exit(2);
};

const argv = process.argv.slice(2);
if (argv.includes('-h') || argv.includes('--help')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
let parsed;
try {
  parsed = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      root: { type: 'string' },
      incident: { type: 'string' },
      title: { type: 'string' },
      service: { type: 'string', multiple: true },
      severity: { type: 'string', default: 'SEV2' },
      'started-at': { type: 'string' },
      id: { type: 'string' },
    },
  });
} catch (e) {
  usage((e as Error).message);
}
const { values, positionals } = parsed!;
const kind = positionals[0];
if (positionals.length !== 1 || (kind !== 'incident' && kind !== 'postmortem')) usage('say what to create: incident or postmortem');
const root = resolve(values.root ?? (process.env.SITREP_ROOT || '.'));

/** Write a new file; refuse to replace one. */
async function create(file: string, text: string): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  try {
    await writeFile(file, text, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') fail(`${relative(root, file)} already exists; not overwritten`);
    throw e;
  }
  process.stdout.write(`✓ created ${relative(root, file)}: write its TODOs, then run npm run check\n`);
}

const { content } = await loadContent(root);

if (kind === 'incident') {
  if (values.incident !== undefined) usage('--incident is for postmortems');
  const started = values['started-at'] ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (Number.isNaN(Date.parse(started)) || !/T.*(Z|[+-]\d\d:?\d\d)$/.test(started)) fail(`--started-at: "${started}" is not an ISO 8601 time with an offset, e.g. 2026-11-01T09:00:00Z`);
  const known = content.services.map((s) => s.id);
  for (const s of values.service ?? []) if (!known.includes(s)) fail(`--service: no service "${s}"${nearest(s, known)}`);
  const id = values.id ?? `${new Date(started).toISOString().slice(0, 10)}-${(values.title && slug(values.title)) || 'new-incident'}`;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) fail(`--id: "${id}" must be lower-case letters, digits and dashes`);
  await create(
    join(root, 'content', 'incidents', `${id}.yaml`),
    incidentTemplate({ id, title: values.title, severity: values.severity!, services: values.service ?? [], startedAt: started, knownServices: known }),
  );
} else {
  const id = values.incident ?? usage('postmortem needs --incident ID');
  const incident = content.incidents.find((i) => i.id === id);
  if (!incident) fail(`no incident "${id}" in content/incidents/${nearest(id, content.incidents.map((i) => i.id))}`);
  if (incident!.postmortem !== undefined) fail(`incident "${id}" already links postmortem "${incident!.postmortem}"`);
  await create(join(root, 'content', 'postmortems', `${id}.md`), postmortemTemplate(incident!, new Date().toISOString().slice(0, 10)));
  const file = join(root, 'content', 'incidents', `${id}.yaml`);
  const text = await readFile(file, 'utf8');
  await appendFile(file, `${text.endsWith('\n') ? '' : '\n'}postmortem: ${id}\n`);
  process.stdout.write(`✓ linked it from ${relative(root, file)} (postmortem: ${id})\n`);
}
