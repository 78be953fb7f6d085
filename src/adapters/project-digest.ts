/**
 * The digest of some of sitrep's own files, by which a cache kept between builds knows the code that
 * made it: the content cache (content/parse-cache.ts, `codeVersion`) and the kept pages
 * (scripts/lib/page-store.ts, `codeDigest`), each over the files its entries depend on.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * The sha256 of `seed`, then of every file under `folders` and of each of `files` (paths relative to
 * `project`), in order of path, each with its path. A linked file counts as what it links to; a listed
 * file that is missing (a copy of sitrep without its lockfile) is hashed as absent, so its coming back
 * changes the digest too.
 */
export async function projectDigest(project: string, seed: string, folders: readonly string[], files: readonly string[]): Promise<string> {
  const h = createHash('sha256').update(seed);
  const paths = [...files];
  for (const folder of folders) {
    for (const e of await readdir(join(project, folder), { recursive: true, withFileTypes: true })) {
      const path = join(e.parentPath, e.name);
      if (e.isFile() || (e.isSymbolicLink() && (await stat(path).then((s) => s.isFile(), () => false)))) paths.push(relative(project, path).split(sep).join('/'));
    }
  }
  for (const f of paths.sort()) h.update(`\n${f}\0`).update(await readFile(join(project, f)).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? '\0absent' : Promise.reject(e))));
  return h.digest('hex');
}
