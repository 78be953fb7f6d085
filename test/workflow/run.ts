import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT } from '../helpers/build.ts';
import { collect, type ProcessResult } from '../helpers/process.ts';

export type Run = ProcessResult;

/** Run one of sitrep's scripts as a process with the pinned Node, as `npm run <script>` would. */
export function runScript(script: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return collect(
    spawn(process.execPath, [`${PROJECT}/scripts/${script}.ts`, ...args], {
      cwd: options.cwd ?? PROJECT,
      env: { ...process.env, SITREP_AS_OF: '', SITREP_ROOT: '', GITHUB_ACTIONS: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** A temporary copy of the bundled sample (content/ and data/ only), for tests that edit it. */
export async function sampleCopy(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'sitrep-sample-'));
  for (const dir of ['content', 'data']) await cp(join(PROJECT, dir), join(root, dir), { recursive: true });
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
