/** Throwaway git repositories with scripted commits: authors and dates pinned, so history is exact. */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function git(cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, ...env } }, (e, stdout, stderr) => (e ? reject(new Error(stderr || e.message)) : resolve(stdout)));
  });
}

export interface Repo {
  dir: string;
  /** Write files (null deletes), stage everything and commit as `author` at `date` (ISO). */
  commit: (message: string, files: Record<string, string | null>, author: string, date: string) => Promise<string>;
  mv: (from: string, to: string) => Promise<void>;
  cleanup: () => Promise<void>;
}

export async function tempRepo(): Promise<Repo> {
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-git-'));
  await git(dir, ['init', '-q', '-b', 'main']);
  return {
    dir,
    async commit(message, files, author, date) {
      for (const [file, text] of Object.entries(files)) {
        if (text === null) await rm(join(dir, file));
        else {
          await mkdir(dirname(join(dir, file)), { recursive: true });
          await writeFile(join(dir, file), text);
        }
      }
      await git(dir, ['add', '-A']);
      const email = `${author.toLowerCase().replace(/\W+/g, '.')}@example.com`;
      const env = { GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_NAME: author, GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: date };
      await git(dir, ['commit', '-q', '-m', message], env);
      return (await git(dir, ['rev-parse', 'HEAD'])).trim();
    },
    async mv(from, to) {
      await mkdir(dirname(join(dir, to)), { recursive: true });
      await git(dir, ['mv', from, to]);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
