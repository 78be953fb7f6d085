import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { withBuildLock } from '../../scripts/lib/build-lock.ts';

const dirs: string[] = [];
afterEach(() => Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))));
const project = async () => {
  const d = await mkdtemp(join(tmpdir(), 'sitrep-lock-'));
  dirs.push(d);
  return d;
};

describe('one build of a project at a time', () => {
  it('a second build waits until the first has finished, and says so', async () => {
    const p = await project();
    const events: string[] = [];
    const said: string[] = [];
    const first = withBuildLock(p, async () => {
      events.push('first starts');
      await sleep(400);
      events.push('first ends');
    });
    await sleep(50);
    const second = withBuildLock(p, async () => void events.push('second runs'), (l) => said.push(l));
    await Promise.all([first, second]);
    expect(events).toEqual(['first starts', 'first ends', 'second runs']);
    expect(said).toEqual([`waiting for another build of this project to finish (pid ${process.pid})`]);
  });

  it('takes over a lock left by a process that no longer runs, and releases it after a failure', async () => {
    const p = await project();
    await mkdir(join(p, '.astro', 'sitrep-build.lock'), { recursive: true });
    await writeFile(join(p, '.astro', 'sitrep-build.lock', 'pid'), '2147483646');
    await expect(withBuildLock(p, async () => { throw new Error('astro failed'); })).rejects.toThrow('astro failed');
    await expect(withBuildLock(p, async () => 'built')).resolves.toBe('built');
  });

  it('releases the lock when the process exits while holding it (bad content stops a build mid-way)', async () => {
    const p = await project();
    const lockModule = new URL('../../scripts/lib/build-lock.ts', import.meta.url).href;
    const script = `const { withBuildLock } = await import(${JSON.stringify(lockModule)});
await withBuildLock(${JSON.stringify(p)}, async () => { console.log('holding'); process.exit(1); });`;
    const run = promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    const failed = await run.then(() => undefined, (e: { code?: number; stdout?: string }) => e);
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain('holding');
    expect(existsSync(join(p, '.astro', 'sitrep-build.lock'))).toBe(false);
  });

  it('takes over an empty lock, which an older build killed between making it and writing its pid left behind', async () => {
    const p = await project();
    await mkdir(join(p, '.astro', 'sitrep-build.lock'), { recursive: true });
    await expect(withBuildLock(p, async () => 'built')).resolves.toBe('built');
    expect(existsSync(join(p, '.astro', 'sitrep-build.lock'))).toBe(false);
  });
});
