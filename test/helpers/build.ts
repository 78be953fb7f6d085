import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { stripVTControlCharacters } from 'node:util';

export const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

export interface BuildResult {
  code: number;
  stdout: string;
  stderr: string;
  out: string;
}

/**
 * Run `scripts/build.ts` as a user would, into a fresh temporary directory. Its output is given
 * without terminal colour codes: Astro colours its log when the environment asks (CI sets
 * FORCE_COLOR), and the tests read the words, not the colours.
 */
export async function buildSite(args: string[] = [], env: Record<string, string> = {}): Promise<BuildResult> {
  const out = await mkdtemp(join(tmpdir(), 'sitrep-dist-'));
  const cache = await mkdtemp(join(tmpdir(), 'sitrep-cache-'));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/build.ts', ...(args.includes('--out') ? [] : ['--out', out]), ...args],
      { cwd: PROJECT, env: { ...process.env, SITREP_AS_OF: '', GITHUB_ACTIONS: '', SITREP_LOG_LEVEL: '', SITREP_CACHE_DIR: cache, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          stdout: stripVTControlCharacters(stdout),
          stderr: stripVTControlCharacters(stderr),
          out,
        }),
    );
  });
}

export async function readJson<T = unknown>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** Every file under a built site, relative to it, sorted. */
async function siteFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length)).sort();
}

/** Expect two built sites to hold the same files with the same bytes, the search index included; how many files. */
export async function expectSameSite(a: string, b: string): Promise<number> {
  const names = await siteFiles(a);
  expect(await siteFiles(b)).toEqual(names);
  for (const f of names) expect((await readFile(join(b, f))).equals(await readFile(join(a, f))), f).toBe(true);
  return names.length;
}

/**
 * A copy of the sample's content/ and data/ (to edit between builds) and an empty cache folder, in
 * temporary folders; `made` collects them and any other folder to remove, which `cleanup` removes.
 */
export async function sampleCopy(name: string): Promise<{ root: string; cache: string; made: string[]; cleanup: () => Promise<unknown> }> {
  const root = await mkdtemp(join(tmpdir(), `sitrep-${name}-`));
  const cache = await mkdtemp(join(tmpdir(), `sitrep-${name}-cache-`));
  const made = [root, cache];
  await cp(join(PROJECT, 'content'), join(root, 'content'), { recursive: true });
  await cp(join(PROJECT, 'data'), join(root, 'data'), { recursive: true });
  return { root, cache, made, cleanup: () => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))) };
}
