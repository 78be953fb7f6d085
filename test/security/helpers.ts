import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatError } from '../../src/adapters/content/errors.ts';
import { loadContent } from '../../src/adapters/content/load.ts';
import { MINIMAL, fixture } from '../helpers/fixture.ts';
import { PROJECT } from '../helpers/build.ts';

export const SERVICE = 'content/services/api.yaml';
export const INCIDENT = 'content/incidents/2026-10-03-api-outage.yaml';
export const POSTMORTEM = 'content/postmortems/2026-10-03-api-outage.md';
export const RUNBOOK = 'content/runbooks/api-errors.md';
export const SLO = 'content/slos/api-availability.yaml';

/** Raw HTML a hostile pull request may put in Markdown: a script, event handlers, a frame, a javascript: URL. */
export const HOSTILE_HTML = [
  '<script>alert("pwned")</script>',
  '<img src=x onerror="alert(1)">',
  '<iframe src="https://evil.example.com"></iframe>',
  '<svg><script>alert(2)</script></svg>',
  '<a href="javascript:alert(3)" onclick="alert(4)">click</a>',
].join('\n\n');

export const original = (file: string) => readFile(join(MINIMAL, file), 'utf8');

/** Load a copy of the minimal fixture after `prepare` edited it; the errors as printed lines. */
export async function errorsOf(changes: Parameters<typeof fixture>[0], prepare?: (root: string) => Promise<void>) {
  const fx = await fixture(changes);
  try {
    await prepare?.(fx.root);
    const { errors, content } = await loadContent(fx.root);
    return { errors, lines: errors.map(formatError), content };
  } finally {
    await fx.cleanup();
  }
}

/** Run `npm run check` on a root as CI would: exit code, stdout and stderr. */
export function runCheck(root: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/check.ts', '--root', root],
      { cwd: PROJECT, env: { ...process.env, GITHUB_ACTIONS: '', ...env }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The runbook of the minimal fixture with another body. */
export async function runbookWith(body: string, frontmatterExtra = ''): Promise<string> {
  const text = await original(RUNBOOK);
  const end = text.indexOf('\n---\n', 4) + 5;
  return `${text.slice(0, end - 5)}${frontmatterExtra}\n---\n${body}`;
}
