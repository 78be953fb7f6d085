/**
 * `npm run bench`: the whole pipeline on a deterministic synthetic organisation, with the real
 * commands. Generates the organisation (same content formats as the sample) into a temporary
 * folder, never into content/, then measures each stage in a process of its own: `check`,
 * snapshot load, content load, the engine, chart rendering, the whole `npm run build` (cold: a
 * fresh cache) with the Astro part of it, and a rebuild after editing one postmortem. Prints a
 * table (wall time, CPU time, peak RSS, output) with the targets, and writes it as Markdown and
 * JSON into bench-results/ (ignored by git). Informational: exits 0 unless --strict and a target
 * is missed. Targets live here, never in unit tests: machines are shared and noisy.
 */
import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions } from './lib/cli.ts';
import { plural } from '../src/site/format.ts';
import { SIZES, writeOrg, type Size, type SizeName } from './lib/bench/org.ts';
import type { Stage } from './lib/bench/stages.ts';
import { watchTree } from './lib/bench/tree-usage.ts';
import type { PagesTimings } from './lib/build-pages.ts';
import type { SearchIndexed } from './lib/search-index.ts';

const PROJECT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const HOOK = join(PROJECT, 'scripts/lib/bench/usage-hook.ts');
const MB = 1024 * 1024;
const GIB = 1024 * MB;

const USAGE = `Usage: npm run bench -- [--size small|medium|large] [--growth] [--results DIR] [--keep] [--strict]

Generate a synthetic organisation and time the real pipeline on it; print a table.
  --size S       small (10 services, 20 SLOs, 200 incidents), medium (x10) or large (x50); default small
  --growth       also time the stages with twice the incidents (and postmortems), then twice the
                 SLOs (and snapshots), and print how much each stage grew (target: at most 2x)
  --results DIR  where to write <size>.md and <size>.json (default: bench-results/)
  --keep         keep the generated organisation and site (the folder is printed)
  --strict       exit 1 when a target is missed
`;

const opts = parseOptions(
  { size: { type: 'string', default: 'small' }, growth: { type: 'boolean', default: false }, results: { type: 'string', default: join(PROJECT, 'bench-results') }, keep: { type: 'boolean', default: false }, strict: { type: 'boolean', default: false } },
  USAGE,
);
if (!(opts.size in SIZES)) {
  console.error(`--size: expected small, medium or large, got "${opts.size}"`);
  process.exit(2);
}
const sizeName = opts.size as SizeName;
const size = SIZES[sizeName];


/** The targets (on a 2-core machine): full build time per size, and the rest at the large size. */
const BUILD_TARGET: Record<SizeName, number> = { small: 8, medium: 20, large: 90 };

interface Run { code: number | null; stdout: string; stderr: string; wallSeconds: number; cpuSeconds: number | null; maxRssBytes: number | null }

/** Run a script of this project on its Node with the usage hook; its wall time, CPU time and peak RSS. */
async function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const usageFile = join(tmp, `usage-${process.hrtime.bigint()}.json`);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', HOOK, join(PROJECT, script), ...args], {
    cwd: PROJECT,
    env: { ...process.env, ...env, SITREP_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tree = watchTree(child.pid!);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const wallSeconds = (performance.now() - t0) / 1000;
  const seen = await tree.stop();
  const usage = await readFile(usageFile, 'utf8').then((t) => JSON.parse(t) as { cpuSeconds: number; maxRssBytes: number }, () => null);
  if (!usage) return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), wallSeconds, cpuSeconds: null, maxRssBytes: null };
  // The command's own exact figures, with what the processes it started used (tree-usage.ts): the
  // build's pages and Pagefind run as processes of their own.
  let othersCpu = 0;
  for (const [key, cpu] of seen.cpuSecondsByProcess) if (!key.startsWith(`${child.pid}@`)) othersCpu += cpu;
  return {
    code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), wallSeconds,
    cpuSeconds: usage.cpuSeconds + othersCpu,
    maxRssBytes: Math.max(usage.maxRssBytes, seen.peakRssBytes),
  };
}

/** A stage measured as a process of its own: its wall time, CPU time and peak RSS. */
const processStage = (stage: string, r: Run, detail: string, target?: Pick<Stage, 'target' | 'pass'>): Stage => ({
  stage, wallSeconds: r.wallSeconds, cpuSeconds: r.cpuSeconds, maxRssBytes: r.maxRssBytes, detail, ...target,
});

function must(r: Run, what: string): Run {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}:\n${r.stderr.slice(-4000)}\n${r.stdout.slice(-4000)}`);
  return r;
}

/** Files under `dir`, recursively, with their sizes. */
async function files(dir: string): Promise<{ path: string; bytes: number }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(entries.filter((e) => e.isFile()).map(async (e) => ({ path: join(e.parentPath, e.name).slice(dir.length + 1), bytes: (await stat(join(e.parentPath, e.name))).size })));
}

const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
const mb = (b: number) => `${(b / MB).toFixed(1)} MB`;
const fmt = (n: number) => n.toLocaleString('en');

const tmp = await mkdtemp(join(tmpdir(), `sitrep-bench-${sizeName}-`));
const stages: Stage[] = [];
const notes: string[] = ["CPU and peak RSS of a command (check, the build, the rebuild) count every process it starts, the pages' process and Pagefind (sampled every 0.1 s: the high-water marks of the processes alive together); the in-process stages (snapshot load to charts) count their own process"];
const began = performance.now();

/** What measure() leaves for the rest of the main run: the organisation, the built site and its build. */
interface Measured { stages: Stage[]; root: string; out: string; build: Run; buildEnv: Record<string, string> }

/**
 * Generate an organisation of `counts` under `dir`, then measure `check`, the in-process stages
 * and a cold `npm run build` of it (with the build's own parts). `label` names it in the progress lines.
 */
async function measure(dir: string, counts: Size, label: string): Promise<Measured> {
  const root = join(dir, 'org');
  const measured: Stage[] = [];
  const t0 = performance.now();
  const org = await writeOrg(root, counts, PROJECT);
  notes.push(`${label}: generated ${fmt(org.files)} content files and ${fmt(org.snapshots)} snapshots (90 days of 5-minute steps each) in ${((performance.now() - t0) / 1000).toFixed(1)} s, into ${root}`);

  console.log(`${label}: check...`);
  const check = must(await run('scripts/check.ts', ['--root', root, '--quiet']), 'npm run check');
  measured.push(processStage('check', check, 'validate every file, as in a pull request'));

  console.log(`${label}: load, engine, charts...`);
  const inProcess = must(await run('scripts/lib/bench/stages.ts', ['--root', root]), 'the in-process stages');
  measured.push(...(JSON.parse(inProcess.stdout.trim().split('\n').at(-1)!) as Stage[]));

  console.log(`${label}: npm run build (cold)...`);
  const out = join(dir, 'site');
  const buildEnv = { SITREP_CACHE_DIR: join(dir, 'cache'), SITREP_TIMINGS_FILE: join(dir, 'timings.json') };
  const build = must(await run('scripts/build.ts', ['--root', root, '--out', out], buildEnv), 'npm run build');
  const timings = await readTimings(buildEnv.SITREP_TIMINGS_FILE);
  const pages = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.html')).length;
  measured.push({ stage: 'astro build (pages)', wallSeconds: timings.astroSeconds, cpuSeconds: null, maxRssBytes: null, detail: `${fmt(pages)} pages; the model (check, engine, Markdown) took ${timings.modelSeconds.toFixed(1)} s on its own thread beside Astro's start` });
  measured.push({ stage: 'sitemap and data files', wallSeconds: timings.dataSeconds, cpuSeconds: null, maxRssBytes: null, detail: 'sitemap.xml, the per-SLO API files, chart specs and badges' });
  measured.push({ stage: 'search index', wallSeconds: timings.searchSeconds, cpuSeconds: null, maxRssBytes: null, detail: `Pagefind over every searchable page, ${fmt(timings.search.pages)} in ${plural(timings.search.shards, 'shard')}, once the pages' process has ended` });
  return { stages: measured, root, out, build, buildEnv };
}

/** What the build wrote to SITREP_TIMINGS_FILE: its parts' times, and what it took from the content cache. */
async function readTimings(file: string) {
  return JSON.parse(await readFile(file, 'utf8')) as PagesTimings & { searchSeconds: number; search: SearchIndexed };
}

/** The organisations --growth compares with the main one: each doubles one thing. */
const GROWTH: { name: string; counts: Size }[] = [
  { name: 'incidents x2', counts: { ...size, incidents: size.incidents * 2, postmortems: size.postmortems * 2 } },
  { name: 'SLOs x2', counts: { ...size, slos: size.slos * 2 } },
];
const growth: { name: string; counts: Size; stages: Stage[] }[] = [];
let growthFailure: string | undefined;

try {
  console.log(`sitrep bench --size ${sizeName}: ${fmt(size.services)} services, ${fmt(size.slos)} SLOs, ${fmt(size.incidents)} incidents, ${fmt(size.postmortems)} postmortems, ${fmt(size.runbooks)} runbooks; Node ${process.version}`);
  const { stages: measured, root, out, build, buildEnv } = await measure(join(tmp, sizeName), size, sizeName);
  for (const s of measured) {
    if (sizeName === 'large' && s.stage === 'snapshot load') Object.assign(s, { target: '< 5 s', pass: s.wallSeconds < 5 });
    if (sizeName === 'large' && s.stage === 'engine') Object.assign(s, { target: '< 2 s', pass: s.wallSeconds < 2 });
    stages.push(s);
  }
  const site = await files(out);
  const pages = site.filter((f) => f.path.endsWith('.html'));
  const sloPages = pages.filter((f) => f.path.startsWith('slos/'));
  const biggest = (list: typeof site) => list.reduce((a, b) => (b.bytes > a.bytes ? b : a), { path: '-', bytes: 0 });
  const bigSlo = biggest(sloPages);
  const bigPage = biggest(pages);
  const apiIndex = site.find((f) => f.path === 'api/v1/slos.json')?.bytes ?? 0;
  const bigApi = biggest(site.filter((f) => f.path.startsWith('api/v1/slos/')));
  const total = site.reduce((a, f) => a + f.bytes, 0);
  stages.push(
    processStage('npm run build (cold)', build, `${fmt(pages.length)} pages, ${fmt(site.length)} files, ${mb(total)}`, {
      target: `< ${BUILD_TARGET[sizeName]} s${sizeName === 'large' ? ', < 2 GiB' : ''}`,
      pass: build.wallSeconds < BUILD_TARGET[sizeName] && (sizeName !== 'large' || (build.maxRssBytes ?? Infinity) < 2 * GIB),
    }),
  );

  console.log('rebuild after editing one postmortem...');
  const [first] = (await readdir(join(root, 'content/postmortems'))).sort();
  await appendFile(join(root, 'content/postmortems', first!), '\nEdited for the benchmark: one more line.\n');
  const rebuild = must(await run('scripts/build.ts', ['--root', root, '--out', out], buildEnv), 'the rebuild');
  const edited = await readFile(join(out, 'postmortems', first!.replace(/\.md$/, ''), 'index.html'), 'utf8');
  if (!edited.includes('Edited for the benchmark')) throw new Error(`the rebuild did not show the edit of ${first}`);
  const { contentCache: reuse, keptPages, search } = await readTimings(buildEnv.SITREP_TIMINGS_FILE);
  const reused = [
    reuse && `${fmt(reuse.reused)} content files as the cold build parsed them, ${fmt(reuse.parsed)} parsed again`,
    keptPages && `${fmt(keptPages.linked)} pages linked from the cold build, ${fmt(keptPages.rendered)} keyed page${keptPages.rendered === 1 ? '' : 's'} rendered again`,
    `${fmt(search.reused)} of ${fmt(search.shards)} search shards unchanged`,
  ].filter(Boolean).map((t) => `; ${t}`).join('');
  stages.push(processStage('rebuild, one postmortem edited', rebuild, `${first} changed; the page shows the edit${reused}`, { target: '< 1/3 of the cold build', pass: rebuild.wallSeconds < build.wallSeconds / 3 }));
  const output = (stage: string, bytes: number, detail: string, limit?: number): Stage => ({
    stage, wallSeconds: NaN, cpuSeconds: null, maxRssBytes: null, detail: `${kb(bytes)}: ${detail}`,
    ...(limit === undefined ? {} : { target: `< ${kb(limit)}`, pass: bytes < limit }),
  });
  stages.push(output('output: largest SLO page', bigSlo.bytes, bigSlo.path, 150 * 1024));
  stages.push(output('output: largest page', bigPage.bytes, bigPage.path));
  stages.push(output('output: API index', apiIndex, 'api/v1/slos.json', sizeName === 'large' ? MB : undefined));
  stages.push(output('output: largest per-SLO API file', bigApi.bytes, bigApi.path));

  if (opts.growth) {
    // One organisation on disk at a time: the main one's snapshots and site go before the next is generated.
    if (!opts.keep) await rm(join(tmp, sizeName), { recursive: true, force: true });
    // A growth run that fails is reported, and the main run's results are still written.
    try {
      for (const g of GROWTH) {
        const dir = join(tmp, g.name.replace(/\W+/g, '-'));
        const m = await measure(dir, g.counts, g.name);
        growth.push({ name: g.name, counts: g.counts, stages: [...m.stages, processStage('npm run build (cold)', m.build, '')] });
        if (!opts.keep) await rm(dir, { recursive: true, force: true });
      }
    } catch (e) {
      growthFailure = (e as Error).message;
      notes.push(`the growth runs failed, so the growth table is missing: ${growthFailure}`);
    }
  }
} finally {
  if (opts.keep) console.log(`kept ${tmp}`);
  else await rm(tmp, { recursive: true, force: true });
}

const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / GIB).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const secs = (s: number | null) => (s === null || Number.isNaN(s) ? '—' : `${s.toFixed(2)} s`);
const verdict = (pass: boolean | undefined) => (pass === undefined ? '' : pass ? 'PASS' : 'MISS');

/** A Markdown table, padded to line up in a terminal; the columns in `right` are aligned right. */
function markdownTable(head: string[], rows: string[][], right: (c: number) => boolean): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) => `| ${row.map((x, c) => (right(c) ? x.padStart(widths[c]!) : x.padEnd(widths[c]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (right(c) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

const table = markdownTable(
  ['Stage', 'Wall', 'CPU', 'Peak RSS', 'What', 'Target', ''],
  stages.map((s) => [s.stage, secs(s.wallSeconds), secs(s.cpuSeconds), s.maxRssBytes === null ? '—' : mb(s.maxRssBytes), s.detail, s.target ?? '—', verdict(s.pass)]),
  (c) => c >= 1 && c <= 3,
);

/**
 * Per timed stage: its wall time here and with each doubled organisation, as a ratio. It passes at
 * most twice the time, give or take GROWTH_NOISE (a stage of a tenth of a second varies by more).
 */
const GROWTH_LIMIT = 2;
const GROWTH_NOISE = 0.1;
const growthRows = growth.length
  ? stages
      .filter((s) => Number.isFinite(s.wallSeconds) && growth.every((g) => g.stages.some((x) => x.stage === s.stage)))
      .map((s) => {
        const walls = growth.map((g) => g.stages.find((x) => x.stage === s.stage)!.wallSeconds);
        return { stage: s.stage, base: s.wallSeconds, walls, ratios: walls.map((w) => w / s.wallSeconds), pass: walls.every((w) => w <= GROWTH_LIMIT * s.wallSeconds + GROWTH_NOISE) };
      })
  : [];
const growthTable = growthRows.length
  ? markdownTable(
      ['Stage', sizeName, ...growth.map((g) => g.name), 'Target', ''],
      growthRows.map((r) => [r.stage, secs(r.base), ...r.walls.map((w, i) => `${secs(w)} (${r.ratios[i]!.toFixed(2)}x)`), `each <= ${GROWTH_LIMIT}x (+${GROWTH_NOISE} s)`, verdict(r.pass)]),
      (c) => c >= 1 && c <= growth.length + 1,
    )
  : '';
const growthText = growthTable ? `\n\nGrowth: the same stages with twice the incidents (and postmortems), then twice the SLOs (and snapshots).\n\n${growthTable}` : '';

const missed = [
  ...stages.filter((s) => s.pass === false),
  ...growthRows.filter((r) => !r.pass).map((r) => ({ stage: `growth of ${r.stage}` })),
  ...(growthFailure === undefined ? [] : [{ stage: 'growth (the runs failed)' }]),
];
const met = stages.filter((s) => s.pass).length + growthRows.filter((r) => r.pass).length;
const summary = missed.length ? `${missed.length} target(s) missed: ${missed.map((s) => s.stage).join('; ')}` : `all ${met} targets met`;
const markdown = `# sitrep bench --size ${sizeName}\n\n${machine}\n\n${table}${growthText}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n\n${summary}\n`;
console.log(`\n${table}${growthText}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n- ${machine}\n- total ${((performance.now() - began) / 1000).toFixed(0)} s, generation included\n\n${missed.length ? '✗' : '✓'} ${summary}`);

const results = resolve(opts.results);
await mkdir(results, { recursive: true });
await writeFile(join(results, `${sizeName}.md`), markdown);
await writeFile(join(results, `${sizeName}.json`), `${JSON.stringify({ size: sizeName, counts: size, machine, stages, ...(growth.length ? { growth, growthRatios: growthRows } : {}), notes }, null, 2)}\n`);
console.log(`results: ${join(results, `${sizeName}.md`)} and .json`);
if ((missed.length && opts.strict) || growthFailure !== undefined) process.exitCode = 1;
