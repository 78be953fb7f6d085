import { spawn } from 'node:child_process';
import { lstat, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { alive } from './build-lock.ts';

/** The file sitrep puts in every site it writes; a non-empty `--out` without it is not replaced. */
export const SITE_MARKER = '.sitrep-site';

/** Names that mark a folder holding sources, never a built site. */
const SOURCE_NAMES = ['.git', 'content', 'src', 'package.json', 'astro.config.mjs'];

/** Whether `inner` is `outer` or inside it. */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Why the build must not replace `out` (absolute), or undefined when it may. The build deletes
 * `out` and puts the new site there, so `out` must not be, hold or sit in sources: not the project
 * or the content root or a folder above them, not inside their sources (`content/`, `data/`,
 * `src/`, ...), not a folder holding `.git` or sources; and if it exists and is not empty, it must
 * be a site sitrep wrote (it holds SITE_MARKER).
 */
export async function refuseOut(out: string, project: string, root: string): Promise<string | undefined> {
  for (const [dir, what] of [[project, 'the sitrep project'], [root, 'the content root (--root)']] as const) {
    if (within(dir, out)) return `${out} is ${out === dir ? '' : 'a folder above '}${what}: building there would delete the sources`;
  }
  const sources = [
    ...['content', 'data'].map((d) => join(root, d)),
    ...['src', 'public', 'scripts', 'test', 'node_modules', '.git'].map((d) => join(project, d)),
  ];
  const inside = sources.find((d) => within(out, d));
  if (inside) return `${out} is inside ${inside}: the site must go to a folder of its own`;
  let names: string[];
  try {
    if (!(await lstat(out)).isDirectory()) return `${out} exists and is not a folder`;
    names = await readdir(out);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return `${out}: cannot read it (${(e as Error).message})`;
  }
  const source = names.find((n) => SOURCE_NAMES.includes(n));
  if (source) return `${out} holds ${source}: it looks like sources, not a built site`;
  if (names.length && !names.includes(SITE_MARKER)) {
    return `${out} is not empty and was not written by sitrep (no ${SITE_MARKER} file in it): empty it, or choose another --out`;
  }
  return undefined;
}

/** Mark a freshly built site as written by sitrep, so the next build may replace it. */
export async function markSite(dir: string): Promise<void> {
  await writeFile(join(dir, SITE_MARKER), 'Written by sitrep\'s build (npm run build); the next build replaces this whole folder.\n');
}

/**
 * The folders a build of `out` works in, each named after the build's process, as folder and
 * name prefix: Astro's output in the project (it must sit there to find the project's packages),
 * the finished site waiting beside `out` to be swapped in, and the old site set aside for removal.
 * Beside `out`, so moving a site in or out is a rename.
 */
const BUILD_FOLDERS = {
  astro: (out: string, project: string) => [join(project, '.astro'), 'sitrep-build-'],
  staging: (out: string) => [dirname(out), `.${basename(out)}.building-`],
  old: (out: string) => [dirname(out), `.${basename(out)}.old-`],
} satisfies Record<string, (out: string, project: string) => [string, string]>;

/** The folder of `kind` of the build of `out` run by process `pid` (this one by default). */
export function buildFolder(kind: keyof typeof BUILD_FOLDERS, out: string, project: string, pid = process.pid): string {
  const [dir, prefix] = BUILD_FOLDERS[kind](out, project);
  return join(dir, `${prefix}${pid}`);
}

/**
 * Put the finished site `staging` (beside `out`, on its file system) in place of `out`. The old
 * site is renamed aside first, so `out` is whole at every moment but between two renames (it used
 * to be missing while the old site was deleted), and it is deleted afterwards by a process of its
 * own, which the build does not wait for: 33,000 files take some 9 s to delete here. If the new
 * site cannot be moved in, the old one is put back.
 */
export async function swapIn(staging: string, out: string): Promise<void> {
  // The project plays no part in where the old site goes.
  const old = buildFolder('old', out, '');
  let moved = true;
  await rename(out, old).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
    moved = false;
  });
  try {
    await rename(staging, out);
  } catch (e) {
    if (moved) await rename(old, out);
    throw e;
  }
  if (moved) removeDetached(old);
}

/**
 * Delete, in the background, what earlier builds of `out` left behind when the machine stopped
 * before they could clean up: old sites set aside (`.<out>.old-<pid>`) and new ones not yet moved
 * in (`.<out>.building-<pid>`), beside `out`, and Astro's output folders in the project
 * (`<project>/.astro/sitrep-build-<pid>`). Those of a build still running are left alone.
 */
export async function removeStaleBuilds(out: string, project: string): Promise<void> {
  for (const folder of Object.values(BUILD_FOLDERS)) {
    const [dir, prefix] = folder(out, project);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.startsWith(prefix) || !/^\d+$/.test(name.slice(prefix.length))) continue;
      const pid = Number(name.slice(prefix.length));
      if (pid > 0 && pid !== process.pid && !alive(pid)) removeDetached(join(dir, name));
    }
  }
}

/** Delete `dir` in a detached Node process that outlives this one; in this process if none can start. */
export function removeDetached(dir: string): void {
  const child = spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', dir], { detached: true, stdio: 'ignore' });
  child.once('error', () => void rm(dir, { recursive: true, force: true }));
  child.unref();
}
