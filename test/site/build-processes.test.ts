/**
 * `npm run build` in two steps (scripts/build.ts): the pages' process (scripts/lib/build-pages.ts)
 * ends, giving its memory back, before Pagefind starts, so the two never hold memory side by side
 * (at the large size each needs 1.7 to 1.8 GB; together they reached 3.2 GB). Watched on real
 * processes, a sample build; and what the build does when the pages' process is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
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

/** Start a build of the sample into `out`, with a cache of its own. */
function startBuild(out: string, cache: string): ChildProcess {
  return spawn(process.execPath, ['scripts/build.ts', '--out', out], {
    cwd: PROJECT,
    env: { ...process.env, SITREP_AS_OF: '', GITHUB_ACTIONS: '', SITREP_LOG_LEVEL: '', SITREP_CACHE_DIR: cache },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The names of a process's direct children, as Linux names them (`node`, `pagefind…`). */
async function childNames(pid: number): Promise<string[]> {
  const [, ...rest] = await treeOf(pid);
  const direct = [];
  for (const p of rest) {
    const stat = await readFile(`/proc/${p}/stat`, 'utf8').catch(() => '');
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) direct.push((await processUsage(p))?.name ?? '?');
  }
  return direct;
}

describe('npm run build, in two processes', () => {
  it('ends the pages\' process before Pagefind starts: never both at once', { timeout: 180_000 }, async () => {
    const out = join(await temp('sitrep-two-steps-'), 'site');
    const build = startBuild(out, await temp('sitrep-two-steps-cache-'));
    const samples: string[][] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        samples.push(await childNames(build.pid!));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const r = await collect(build);
    polling = false;
    await poll;
    expect(r.code, r.stderr).toBe(0);
    const pages = samples.filter((s) => s.includes('node'));
    const search = samples.filter((s) => s.some((n) => n.startsWith('pagefind')));
    expect(pages.length).toBeGreaterThan(10);
    expect(search.length).toBeGreaterThan(0);
    expect(samples.filter((s) => s.includes('node') && s.some((n) => n.startsWith('pagefind')))).toEqual([]);
    // Pagefind indexed what the pages' process wrote.
    expect(await readdir(join(out, 'pagefind'))).toContain('pagefind-entry.json');
  });

  it('stops, publishing nothing and leaving no build folder, when the pages\' process is killed', { timeout: 180_000 }, async () => {
    const dir = await temp('sitrep-killed-');
    const out = join(dir, 'site');
    // The last good site, which must stay as it was.
    await mkdir(out);
    await writeFile(join(out, '.sitrep-site'), 'Written by sitrep\'s build (npm run build); the next build replaces this whole folder.\n');
    await writeFile(join(out, 'index.html'), 'the last good site');
    const build = startBuild(out, await temp('sitrep-killed-cache-'));
    const done = collect(build);
    let killed = false;
    while (!killed) {
      const [, pages] = await treeOf(build.pid!);
      if (pages !== undefined) {
        process.kill(pages, 'SIGKILL');
        killed = true;
      } else await new Promise((r) => setTimeout(r, 20));
    }
    const r = await done;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✗ build stopped: the page generator was stopped (SIGKILL); nothing was published');
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('the last good site');
    expect((await readdir(dir)).sort()).toEqual(['site']);
    expect((await readdir(join(PROJECT, '.astro')).catch(() => [])).filter((n) => n === `sitrep-build-${build.pid}`)).toEqual([]);
  });
});
