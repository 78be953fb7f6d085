/**
 * `npm run build -- --out DIR`: the build replaces DIR whole, so it refuses any DIR that is, holds
 * or sits in sources, and any non-empty DIR it did not write; and it works for any other DIR,
 * wherever the command runs from.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/build.ts';
import { MINIMAL } from '../helpers/fixture.ts';

const temps: string[] = [];
afterAll(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a project's scripts/build.ts with the pinned Node, from `cwd`. */
function build(project: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(project, 'scripts', 'build.ts'), ...args],
      { cwd, env: { ...process.env, SITREP_AS_OF: '', SITREP_ROOT: '', GITHUB_ACTIONS: '', SITREP_CACHE_DIR: join(cwd, '.cache') }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Every file under `dir`, with its text: to show that nothing was deleted or changed. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length)] = await readFile(join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

/** A throwaway copy of the project (its node_modules linked), so a build that deletes sources deletes only the copy. */
async function projectCopy(): Promise<string> {
  const dir = await temp('sitrep-project-copy-');
  for (const name of ['src', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    await cp(join(PROJECT, name), join(dir, name), { recursive: true });
  }
  await symlink(join(PROJECT, 'node_modules'), join(dir, 'node_modules'));
  await cp(join(MINIMAL, 'content'), join(dir, 'content'), { recursive: true });
  await cp(join(MINIMAL, 'data'), join(dir, 'data'), { recursive: true }).catch(() => undefined);
  return dir;
}

// Each test runs whole builds (Node, Astro): seconds alone, minutes on a loaded machine.
describe('build --out', () => {
  it('refuses the project, its sources and the content root, and deletes nothing', async () => {
    const project = await projectCopy();
    const before = await tree(project);
    for (const out of ['.', 'src', 'content', 'data', join('content', 'site')]) {
      const r = await build(project, ['--out', out], project);
      expect(r.code, `--out ${out}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(/✗ build stopped: --out: .*(would delete the sources|must go to a folder of its own)/);
    }
    const root = await temp('sitrep-root-');
    await cp(MINIMAL, root, { recursive: true });
    const r = await build(project, ['--root', root, '--out', root], project);
    expect(r.stderr).toContain(`--out: ${root} is the content root (--root): building there would delete the sources`);
    expect(await tree(project)).toEqual(before);
  }, 180_000);

  it('refuses a folder holding .git, or a non-empty folder sitrep did not write, and leaves it as it was', async () => {
    const dir = await temp('sitrep-out-');
    const repo = join(dir, 'repo');
    await mkdir(join(repo, '.git'), { recursive: true });
    await writeFile(join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const notes = join(dir, 'notes');
    await mkdir(notes);
    await writeFile(join(notes, 'todo.txt'), 'keep me');
    const git = await build(PROJECT, ['--root', MINIMAL, '--out', repo], dir);
    expect(git.code).toBe(1);
    expect(git.stderr).toContain(`--out: ${repo} holds .git: it looks like sources, not a built site`);
    const other = await build(PROJECT, ['--root', MINIMAL, '--out', notes], dir);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(`--out: ${notes} is not empty and was not written by sitrep (no .sitrep-site file in it)`);
    expect(await tree(dir)).toEqual({ '/repo/.git/HEAD': 'ref: refs/heads/main\n', '/notes/todo.txt': 'keep me' });
  }, 120_000);

  it('builds into a new folder two levels deep outside the repository, run from a folder above it, and replaces it on the next build', async () => {
    const dir = await temp('sitrep-outside-');
    const out = join(dir, 'x', 'site');
    const first = await build(PROJECT, ['--root', MINIMAL, '--out', out, '--as-of', '2026-11-01T00:00:00Z'], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(await readFile(join(out, 'api', 'v1', 'slos.json'), 'utf8')).toContain('"api-availability"');
    expect(await readdir(out)).toContain('.sitrep-site');
    const second = await build(PROJECT, ['--root', MINIMAL, '--out', out, '--as-of', '2026-11-02T00:00:00Z'], dir);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(out, 'api', 'v1', 'slos.json'), 'utf8')).asOf).toBe('2026-11-02T00:00:00.000Z');
    // The old site was set aside and is deleted by a process of its own (out-dir.ts swapIn).
    await expect.poll(async () => (await readdir(join(dir, 'x'))).sort(), { timeout: 30_000, interval: 200 }).toEqual(['site']);
  }, 300_000);

  it('builds into a folder outside the project whose path starts with the project\'s (Cannot find package \'piccolore\' before)', async () => {
    const project = await projectCopy();
    temps.push(`${project}-site`);
    const out = `${project}-site/x/site`;
    const r = await build(project, ['--out', out, '--as-of', '2026-11-01T00:00:00Z'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('piccolore');
    expect(await readFile(join(out, 'api', 'v1', 'slos.json'), 'utf8')).toContain('"api-availability"');
    expect((await readdir(join(project, '.astro'))).filter((n) => n.startsWith('sitrep-build-'))).toEqual([]);
  }, 180_000);
});
