/**
 * What a freeze needs from git: the commit the files were computed at (HEAD, also in a shallow
 * clone), whether the computed files had uncommitted changes, and the commits between two freezes.
 * Never throws: outside git the answers are null (no commit, commits unknown).
 */
import type { CommitRef, ResponsibleCommit } from '../../core/index.ts';
import { run } from './history.ts';

const iso = (date: string) => new Date(date).toISOString();

/** HEAD of the repository holding `root`, with its commit time; null outside git or before the first commit. */
export async function readHead(root: string): Promise<CommitRef | null> {
  try {
    const line = (await run(root, ['log', '-1', '--format=%H%x1f%h%x1f%cI'])).trim();
    if (line === '') return null;
    const [hash, short, date] = line.split('\x1f') as [string, string, string];
    return { hash, short, date: iso(date) };
  } catch {
    return null;
  }
}

/** Whether `paths` (relative to root) hold changes not committed, untracked files included; false outside git. */
export async function hasUncommitted(root: string, paths: readonly string[]): Promise<boolean> {
  try {
    return (await run(root, ['status', '--porcelain', '--untracked-files=all', '--', ...paths])).trim() !== '';
  } catch {
    return false;
  }
}

/**
 * The commits after `from` up to HEAD that changed `paths` (relative to root), newest first, or
 * null when git cannot tell (outside git, or `from` is not in this history, e.g. a shallow clone).
 * `exclude` paths are left out (the frozen records themselves).
 */
export async function commitsSince(root: string, from: string, paths: readonly string[], exclude: readonly string[] = []): Promise<ResponsibleCommit[] | null> {
  try {
    await run(root, ['merge-base', '--is-ancestor', from, 'HEAD']);
    const log = await run(root, ['log', '--format=%H%x1f%h%x1f%cI%x1f%an%x1f%s', `${from}..HEAD`, '--', ...paths, ...exclude.map((p) => `:(exclude)${p}`)]);
    return log
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [hash, short, date, author, subject] = l.split('\x1f') as [string, string, string, string, string];
        return { hash, short, date: iso(date), author, subject };
      });
  } catch {
    return null;
  }
}
