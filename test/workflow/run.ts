import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT } from '../helpers/build.ts';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run one of sitrep's scripts as a process with the pinned Node, as `npm run <script>` would. */
export function runScript(script: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [`${PROJECT}/scripts/${script}.ts`, ...args], {
      cwd: options.cwd ?? PROJECT,
      env: { ...process.env, SITREP_AS_OF: '', SITREP_ROOT: '', GITHUB_ACTIONS: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A temporary copy of the bundled sample (content/ and data/ only), for tests that edit it. */
export async function sampleCopy(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'sitrep-sample-'));
  for (const dir of ['content', 'data']) await cp(join(PROJECT, dir), join(root, dir), { recursive: true });
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
