import { lstat, readdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

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
