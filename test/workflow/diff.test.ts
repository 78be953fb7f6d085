import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScript, sampleCopy } from './run.ts';

const exec = promisify(execFile);
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com', GIT_AUTHOR_DATE: '2026-11-15T00:00:00Z', GIT_COMMITTER_DATE: '2026-11-15T00:00:00Z' };
const git = (cwd: string, ...args: string[]) => exec('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, env: GIT_ENV });

async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: nothing to replace`);
  await writeFile(file, next);
}

/** The bundled sample committed in a throwaway git repository on `main`. */
let repo: { root: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  repo = await sampleCopy();
  await git(repo.root, 'init', '-q');
  await git(repo.root, 'add', '-A');
  await git(repo.root, 'commit', '-qm', 'sample');
});
afterEach(() => repo.cleanup());

const diff = (...args: string[]) => runScript('diff', ['--root', repo.root, ...args]);

describe('npm run diff', () => {
  it('a branch that reclassifies an incident SEV1 -> SEV2 shows the change and the SEV1/SEV2 figures before and after', async () => {
    await edit(join(repo.root, 'content/incidents/2026-10-27-checkout-db-failover.yaml'), /^severity: SEV1$/m, 'severity: SEV2');
    const r = await diff('--base', 'main');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## sitrep: what this change does to the published figures\n\nCompared with `main` \([0-9a-f]{12}\), figures as of 2026-11-15T00:00:00.000Z\./);
    expect(r.stdout).toContain('✓ `npm run check` passes.');
    expect(r.stdout).toContain('| `2026-10-27-checkout-db-failover` | severity: SEV1 → SEV2 |');
    expect(r.stdout).toContain('| SEV1 | incidents | 3 | 2 |');
    expect(r.stdout).toContain('| SEV2 | incidents | 8 | 9 |');
    expect(r.stdout).toMatch(/\| SEV1 \| MTTR \| .+ \(n=3\) \| .+ \(n=2\) \|/);
    // A reclassification moves no SLO figure and no overall incident figure.
    expect(r.stdout).not.toContain('### SLO figures');
    expect(r.stdout).not.toContain('| all incidents |');
  });

  it("a later resolution changes MTTR overall and for its month; a stricter objective turns an SLO red; a postmortem's status change is listed; --out writes the same Markdown", async () => {
    await edit(join(repo.root, 'content/incidents/2026-10-27-checkout-db-failover.yaml'), 'resolved_at: 2026-10-27T20:12:00Z', 'resolved_at: 2026-10-27T23:12:00Z');
    await edit(join(repo.root, 'content/slos/identity-admin-api.yaml'), /^objective: 99$/m, 'objective: 99.9');
    await edit(join(repo.root, 'content/postmortems/2026-10-27-checkout-db-failover.md'), /^status: \S+$/m, 'status: in-review');
    const out = join(repo.root, 'diff.md');
    const r = await diff('--base', 'HEAD', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('resolved_at: 2026-10-27T20:12:00Z → 2026-10-27T23:12:00Z');
    expect(r.stdout).toMatch(/\| all incidents \| MTTR \| .+ \| .+ \|/);
    expect(r.stdout).toMatch(/\| 2026-10 \| MTTR \| .+ \| .+ \|/);
    expect(r.stdout).toContain('### SLO definitions (1)');
    expect(r.stdout).toMatch(/### Postmortems \(1\)\n\n\| Id \| Change \|\n\| --- \| --- \|\n\| `2026-10-27-checkout-db-failover` \| status: published → in-review \|/);
    expect(r.stdout).toContain('| `identity-admin-api` | objective: 99 → 99.9 |');
    expect(r.stdout).toMatch(/\| `identity-admin-api` \| green → red \| 58\.5% → −\d+\.\d% \|/);
    expect(await readFile(out, 'utf8')).toBe(r.stdout);
  });

  it('content errors in the working tree are listed as file:line:col, and the figures are left out', async () => {
    await edit(join(repo.root, 'content/incidents/2026-10-27-checkout-db-failover.yaml'), /^severity: SEV1$/m, 'severity: SEV9');
    const r = await diff('--base', 'main');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✗ 1 error \(`npm run check` fails; the figures below are not computed\):\n\n```\ncontent\/incidents\/2026-10-27-checkout-db-failover\.yaml:3:11 severity: /);
    expect(r.stdout).not.toContain('### Incident metrics');
  });

  it('no change says so; an unknown ref or a missing --base exits 2', async () => {
    const same = await diff('--base', 'main');
    expect(same.stdout).toContain('No change to the published records or figures.');
    const bad = await diff('--base', 'no-such-branch');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('git cannot find the ref "no-such-branch"');
    const usage = await runScript('diff', ['--root', repo.root]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run diff');
  });
});
