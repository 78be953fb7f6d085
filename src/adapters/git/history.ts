/**
 * File history from git, read for the whole content tree with ONE `git log` call (plus two cheap
 * `rev-parse` calls), never one process per file. Renames are followed: a commit that renamed
 * `a.yaml` to `b.yaml` counts for `b.yaml`, and so does everything before it that touched `a.yaml`.
 *
 * History is unavailable (and the site says so, showing no dates rather than wrong ones) outside
 * a git work tree, when git is missing, and in a shallow clone, where the oldest commit would
 * claim to have created every file.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';

export interface Revision {
  hash: string;
  short: string;
  /** Author date, ISO 8601 in UTC. */
  date: string;
  author: string;
  subject: string;
}

export interface FileHistory {
  /** Newest first. */
  revisions: Revision[];
  created: Revision;
  updated: Revision;
  /** Distinct author names, in order of their first commit to the file. */
  authors: string[];
}

export type HistoryStatus =
  | { available: true; head: { hash: string; short: string; date: string } }
  | { available: false; reason: string };

export interface History {
  status: HistoryStatus;
  /** By path relative to the repository root, as the content loader names files. */
  files: Map<string, FileHistory>;
}

/** Run git in `cwd`; rejects with its stderr. */
export const run = (cwd: string, args: string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 512 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr.trim() || error.message)) : resolve(stdout),
    );
  });

const unavailable = (reason: string): History => ({ status: { available: false, reason }, files: new Map() });

/** The record separator and field separator of the log format: NUL and US cannot appear in a subject. */
const FORMAT = '%x1e%H%x1f%h%x1f%aI%x1f%an%x1f%s';

/**
 * Parse `git log --name-status -M -z --format=FORMAT` output (newest commit first) into per-file
 * histories keyed by each file's CURRENT path.
 */
export function parseLog(text: string): Map<string, FileHistory> {
  /** For a path seen in an older commit, the current path it became (renames followed). */
  const current = new Map<string, string | null>();
  const revs = new Map<string, Revision[]>();
  for (const record of text.split('\x1e').slice(1)) {
    // With -z the header ends with NUL, then a newline and NUL-separated status / path fields.
    const [header, rest] = splitOnce(record, '\0');
    const [hash, short, date, author, subject] = header.split('\x1f') as [string, string, string, string, string];
    const rev: Revision = { hash, short, date: new Date(date).toISOString(), author, subject };
    const fields = rest.split('\0').filter((f) => f !== '' && f !== '\n').map((f) => f.replace(/^\n/, ''));
    for (let i = 0; i < fields.length; ) {
      const status = fields[i++]!;
      if (status.startsWith('R') || status.startsWith('C')) {
        const from = fields[i++]!;
        const to = fields[i++]!;
        const now = resolvePath(current, to);
        if (now !== null) add(revs, now, rev);
        // Older commits touched the file under its old name.
        if (status.startsWith('R')) current.set(from, now);
      } else {
        const path = fields[i++]!;
        const now = resolvePath(current, path);
        if (status.startsWith('D')) {
          // Deleted later (we walk newest first): the file at this path before the deletion is not a current file.
          if (!current.has(path)) current.set(path, null);
          continue;
        }
        if (now !== null) add(revs, now, rev);
      }
    }
  }
  const out = new Map<string, FileHistory>();
  for (const [path, list] of revs) {
    const authors: string[] = [];
    for (const r of [...list].reverse()) if (!authors.includes(r.author)) authors.push(r.author);
    out.set(path, { revisions: list, created: list[list.length - 1]!, updated: list[0]!, authors });
  }
  return out;
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

/** The current path of a path seen now: itself unless a later commit renamed or deleted it (null). */
function resolvePath(current: Map<string, string | null>, path: string): string | null {
  return current.has(path) ? current.get(path)! : path;
}

function add(revs: Map<string, Revision[]>, path: string, rev: Revision): void {
  const list = revs.get(path) ?? [];
  if (list[list.length - 1]?.hash !== rev.hash) list.push(rev);
  revs.set(path, list);
}

/**
 * The history of every file under `paths` (default `content/`) of the repository at `root`.
 * Never throws: problems become an unavailable status with the reason.
 */
export async function readHistory(root: string, paths: readonly string[] = ['content']): Promise<History> {
  let top: string;
  try {
    top = (await run(root, ['rev-parse', '--show-toplevel'])).trim();
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]!;
    // Said to readers on every page: git's own words only where they tell something else.
    // "(or any of the parent directories)": no repository at all, not a worktree or submodule whose parent is missing.
    if (/not a git repository \(or any of the parent directories\)/i.test(message)) return unavailable('not a git repository (the site was built from files outside git)');
    // Node says `spawn git ENOENT` both when git is missing and when the folder is: only the first is "not installed".
    if (/spawn git ENOENT/.test(message) && existsSync(root)) return unavailable('git is not installed where the site was built');
    // Such as "detected dubious ownership" (a checkout owned by another user, common in CI containers): a repository git would not read.
    // Readers see this on every page: git's words without its "fatal:" and without the build machine's paths.
    const said = message.replace(/^(fatal|error): /i, '').replace(/'?\/[^\s']*'?/g, '…');
    return unavailable(`git could not read the repository (${said})`);
  }
  try {
    if ((await run(root, ['rev-parse', '--is-shallow-repository'])).trim() === 'true') {
      return unavailable('the repository is a shallow clone; fetch its full history (git fetch --unshallow, or fetch-depth: 0 in CI)');
    }
    const head = (await run(root, ['log', '-1', '--format=%H%x1f%h%x1f%cI'])).trim();
    if (head === '') return unavailable('the repository has no commits yet');
    const [hash, short, committed] = head.split('\x1f') as [string, string, string];
    const date = new Date(committed).toISOString();
    const log = await run(root, ['log', '-M', '--name-status', '-z', `--format=${FORMAT}`, '--', ...paths]);
    // git prints paths relative to the top level; the loader names them relative to root.
    const prefix = relativePrefix(top, await realpath(root));
    const files = new Map<string, FileHistory>();
    for (const [path, h] of parseLog(log)) if (path.startsWith(prefix)) files.set(path.slice(prefix.length), h);
    return { status: { available: true, head: { hash, short, date } }, files };
  } catch (e) {
    return unavailable(`git failed: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** `sub/dir/` when root is `top/sub/dir`, else empty. */
function relativePrefix(top: string, root: string): string {
  const norm = (p: string) => p.replace(/\/+$/, '');
  const t = norm(top);
  const r = norm(root);
  return r.startsWith(`${t}/`) ? `${r.slice(t.length + 1)}/` : '';
}
