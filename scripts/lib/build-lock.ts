/**
 * One Astro build of a project at a time. Astro writes shared files under the project's `.astro/`
 * (content modules, types) while it builds, so two builds of one project at once, say with two
 * content roots, could read each other's files. A build takes this lock first; another waits,
 * saying so. A lock left by a process that no longer runs (killed mid-build) is taken over.
 */
import { rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
};

/** Run `fn` holding `<project>/.astro/sitrep-build.lock`; `log` hears once that the build waits. */
export async function withBuildLock<T>(project: string, fn: () => Promise<T>, log: (line: string) => void = () => {}): Promise<T> {
  const lock = join(project, '.astro', 'sitrep-build.lock');
  await mkdir(join(project, '.astro'), { recursive: true });
  let told = false;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
      const holder = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => 'NaN'));
      if (Number.isInteger(holder) && !alive(holder)) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      if (!told) log(`waiting for another build of this project to finish (${Number.isInteger(holder) ? `pid ${holder}` : 'starting'})`);
      told = true;
      await sleep(250);
    }
  }
  // Also when the process exits meanwhile (bad content stops a build while Astro runs).
  const release = () => rmSync(lock, { recursive: true, force: true });
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    process.off('exit', release);
    await rm(lock, { recursive: true, force: true });
  }
}
