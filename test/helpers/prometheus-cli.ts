/** Run `scripts/fetch.ts` as a process with the pinned Node 22, with only the given environment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const REPO = join(import.meta.dirname, '..', '..');

export function runCli(args: string[], env: Record<string, string>, onSpawn?: (proc: ChildProcess) => void): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(join(REPO, 'node_modules', '.bin', 'node'), [join(REPO, 'scripts', 'fetch.ts'), ...args], {
      cwd: REPO,
      // Nothing inherited but PATH: no PROMETHEUS_* from the developer's shell.
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onSpawn?.(proc);
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
