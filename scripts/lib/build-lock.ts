/**
 * One Astro build of a project at a time. Astro writes shared files under the project's `.astro/`
 * (content modules, types) while it builds, so two builds of one project at once, say with two
 * content roots, could read each other's files. A build takes this lock first; another waits,
 * saying so. A lock left by a process that no longer runs (killed mid-build) is taken over.
 */
import { rmSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether process `pid` still runs (one of another user's counts too): leftovers named after a gone process are stale. */
export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
};

/**
 * Run `fn` holding `<project>/.astro/sitrep-build.lock`; `log` hears once that the build waits.
 * The lock is a folder that holds its owner's pid from the moment it exists (it is made under
 * another name and renamed), so a process that dies at any point leaves a lock the next build
 * can tell is stale.
 */
export async function withBuildLock<T>(project: string, fn: () => Promise<T>, log: (line: string) => void = () => {}): Promise<T> {
  const lock = join(project, '.astro', 'sitrep-build.lock');
  const mine = `${lock}.${process.pid}.${threadId}.new`;
  let held = false;
  // Also when the process exits meanwhile (bad content stops a build while Astro runs).
  const release = () => {
    rmSync(mine, { recursive: true, force: true });
    if (held) rmSync(lock, { recursive: true, force: true });
  };
  process.once('exit', release);
  await mkdir(mine, { recursive: true });
  await writeFile(join(mine, 'pid'), String(process.pid));
  let told = false;
  for (;;) {
    try {
      // Fails while another lock (never empty) is there; replaces an empty one left by an older sitrep.
      await rename(mine, lock);
      held = true;
      break;
    } catch (e) {
      if (!['ENOTEMPTY', 'EEXIST'].includes((e as { code?: string }).code ?? '')) {
        release();
        process.off('exit', release);
        throw e;
      }
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
  try {
    return await fn();
  } finally {
    process.off('exit', release);
    held = false;
    await rm(lock, { recursive: true, force: true });
  }
}
