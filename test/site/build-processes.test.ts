/**
 * `npm run build` in two steps (scripts/build.ts): the pages' process (scripts/lib/build-pages.ts)
 * ends, giving its memory back, before Pagefind starts, so the two never hold memory side by side
 * (at the large size each needs 1.7 to 1.8 GB; together they reached 3.2 GB). Watched on real
 * processes building the sample: the two steps never overlap (a guard against running them side by
 * side again), and a build stopped at any point (a signal to the build alone, as CI and `kill`
 * send it, in either step; the pages' process killed; the build's process killed) publishes
 * nothing, leaves no build folder and no process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/build.ts';
import { collect } from '../helpers/process.ts';
import { processUsage, treeOf } from '../../scripts/lib/bench/tree-usage.ts';

const temps: string[] = [];
afterAll(() => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));
async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start a build of the sample into `out`, with a cache of its own. */
async function startBuild(out: string): Promise<ChildProcess> {
  return spawn(process.execPath, ['scripts/build.ts', '--out', out], {
    cwd: PROJECT,
    env: { ...process.env, SITREP_AS_OF: '', GITHUB_ACTIONS: '', SITREP_LOG_LEVEL: '', SITREP_CACHE_DIR: await temp('sitrep-steps-cache-') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A folder holding a site sitrep wrote (the last good one), which a stopped build must leave as it is. */
async function lastGoodSite(): Promise<{ dir: string; out: string }> {
  const dir = await temp('sitrep-steps-');
  const out = join(dir, 'site');
  await mkdir(out);
  await writeFile(join(out, '.sitrep-site'), 'Written by sitrep\'s build (npm run build); the next build replaces this whole folder.\n');
  await writeFile(join(out, 'index.html'), 'the last good site');
  return { dir, out };
}

const parentOf = async (pid: number) => {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
};
const commandLine = (pid: number) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');

/** The build's direct children: the pages' process (by its script) and Pagefind (by its name). */
async function steps(build: number): Promise<{ pages?: number; pagefind?: number }> {
  const found: { pages?: number; pagefind?: number } = {};
  for (const pid of (await treeOf(build)).slice(1)) {
    if ((await parentOf(pid)) !== build) continue;
    if ((await commandLine(pid)).includes('build-pages.ts')) found.pages = pid;
    else if ((await processUsage(pid))?.name.startsWith('pagefind')) found.pagefind = pid;
  }
  return found;
}

/** Poll until `test` gives a value. */
async function waitFor<T>(test: () => Promise<T | undefined>, what: string, ms = 120_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await test();
    if (v !== undefined) return v;
    await sleep(5);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const alive = async (pid: number) => (await processUsage(pid)) !== null;

/** What a stopped build must leave: the last good site, no folder beside it, no build folder in the project (a stop during Pagefind has it removed by a process of its own, which may end a moment later). */
async function expectNothingPublished(site: { dir: string; out: string }, build: ChildProcess) {
  expect(await readFile(join(site.out, 'index.html'), 'utf8')).toBe('the last good site');
  const left = async () => [...(await readdir(site.dir)).filter((n) => n !== 'site'), ...(await readdir(join(PROJECT, '.astro')).catch(() => [] as string[])).filter((n) => n === `sitrep-build-${build.pid}`)];
  await waitFor(async () => ((await left()).length === 0 ? true : undefined), 'the build folders to go', 5_000).catch(async () => expect(await left()).toEqual([]));
}

/** The build folder in the project has files: Astro is writing pages. */
const writing = (build: ChildProcess) => async () => ((await readdir(join(PROJECT, '.astro', `sitrep-build-${build.pid}`)).catch(() => [])).length > 0 ? true : undefined);

/** A build over a last good site, caught while Astro writes pages: the site, the build, its end, and its pages' process. */
async function buildCaughtWriting() {
  const site = await lastGoodSite();
  const build = await startBuild(site.out);
  const done = collect(build);
  const exit = new Promise<NodeJS.Signals | null>((r) => build.on('exit', (_code, signal) => r(signal)));
  await waitFor(writing(build), 'Astro to write pages');
  const { pages } = await steps(build.pid!);
  expect(pages).toBeDefined();
  return { site, build, done, exit, pages: pages! };
}

describe('npm run build, in two processes', () => {
  it('ends the pages\' process before Pagefind starts: never both at once', { timeout: 180_000 }, async () => {
    const out = join(await temp('sitrep-two-steps-'), 'site');
    const build = await startBuild(out);
    const samples: { pages?: number; pagefind?: number }[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        samples.push(await steps(build.pid!));
        await sleep(5);
      }
    })();
    const r = await collect(build);
    polling = false;
    await poll;
    expect(r.code, r.stderr).toBe(0);
    expect(samples.filter((s) => s.pages).length).toBeGreaterThan(10);
    expect(samples.filter((s) => s.pagefind).length).toBeGreaterThan(0);
    expect(samples.filter((s) => s.pages && s.pagefind)).toEqual([]);
    // Pagefind indexed what the pages' process wrote.
    expect(await readdir(join(out, 'pagefind', '0'))).toContain('pagefind-entry.json');
  });

  it('stops on a signal sent to the build alone while the pages are written: passes it on, publishes nothing, ends by the signal', { timeout: 180_000 }, async () => {
    const { site, build, done, exit, pages } = await buildCaughtWriting();
    process.kill(build.pid!, 'SIGTERM');
    const r = await done;
    expect(await exit).toBe('SIGTERM');
    expect(r.stderr).toContain('✗ build stopped by SIGTERM; nothing was published');
    expect(await alive(pages)).toBe(false);
    await expectNothingPublished(site, build);
  });

  it('stops on a signal sent to the build alone while Pagefind indexes: publishes nothing, leaves no Pagefind behind', { timeout: 180_000 }, async () => {
    const site = await lastGoodSite();
    const build = await startBuild(site.out);
    const done = collect(build);
    const exit = new Promise<NodeJS.Signals | null>((r) => build.on('exit', (_code, signal) => r(signal)));
    const pagefind = await waitFor(async () => (await steps(build.pid!)).pagefind, 'Pagefind to start');
    process.kill(build.pid!, 'SIGTERM');
    const r = await done;
    expect(await exit).toBe('SIGTERM');
    expect(r.stderr).toContain('✗ build stopped by SIGTERM; nothing was published');
    await waitFor(async () => ((await alive(pagefind)) ? undefined : true), 'Pagefind to end', 5_000);
    await expectNothingPublished(site, build);
  });

  it('stops, publishing nothing and leaving no build folder, when the pages\' process is killed', { timeout: 180_000 }, async () => {
    const { site, build, done, pages } = await buildCaughtWriting();
    process.kill(pages, 'SIGKILL');
    const r = await done;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✗ build stopped: the page generator was stopped (SIGKILL); nothing was published');
    await expectNothingPublished(site, build);
  });

  it('ends the pages\' process, and removes its folder, when the build\'s process is killed', { timeout: 180_000 }, async () => {
    const { site, build, done, pages } = await buildCaughtWriting();
    process.kill(build.pid!, 'SIGKILL');
    await done;
    await waitFor(async () => ((await alive(pages)) ? undefined : true), 'the orphaned pages\' process to end', 10_000);
    // Removed by a process of its own, once the pages' process has ended.
    await waitFor(async () => ((await readdir(join(PROJECT, '.astro', `sitrep-build-${build.pid}`)).catch(() => 'gone')) === 'gone' ? true : undefined), 'the folder to go', 10_000);
    expect(await readFile(join(site.out, 'index.html'), 'utf8')).toBe('the last good site');
  });
});
