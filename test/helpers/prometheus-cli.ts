/** Run `scripts/fetch.ts` as a process with the pinned Node 22, with only the given environment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { collect, type ProcessResult } from './process.ts';

export type CliResult = ProcessResult;

const REPO = join(import.meta.dirname, '..', '..');

export function runCli(args: string[], env: Record<string, string>, onSpawn?: (proc: ChildProcess) => void): Promise<CliResult> {
  const proc = spawn(join(REPO, 'node_modules', '.bin', 'node'), [join(REPO, 'scripts', 'fetch.ts'), ...args], {
    cwd: REPO,
    // Nothing inherited but PATH: no PROMETHEUS_* from the developer's shell.
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onSpawn?.(proc);
  return collect(proc);
}
