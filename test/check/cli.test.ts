import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { basename, dirname } from 'node:path';
import { annotationFile } from '../../scripts/lib/cli.ts';
import { fixture, MINIMAL } from '../helpers/fixture.ts';

const run = promisify(execFile);
const NODE = process.execPath;

async function check(root: string, env: Record<string, string> = {}) {
  try {
    const r = await run(NODE, ['scripts/check.ts', '--root', root], { env: { ...process.env, GITHUB_ACTIONS: '', ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('scripts/check.ts', () => {
  it('exits 0 and summarises valid content', async () => {
    const r = await check(MINIMAL);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/content is valid: 2 services, 1 SLOs, 1 incidents, 1 postmortems, 1 runbooks/);
  });

  it('exits 1, prints file:line:col errors and GitHub annotations under GITHUB_ACTIONS=true', async () => {
    const fx = await fixture({
      'content/incidents/2026-10-03-api-outage.yaml': (t) => t.replace('resolved_at: 2026-10-03T10:30:00Z', 'resolved_at: 2026-10-03T08:30:00Z'),
      'content/services/db.yaml': (t) => t.replace('tier: 2', 'tier: 2\nteir: 3'),
    });
    const r = await check(fx.root, { GITHUB_ACTIONS: 'true' });
    await fx.cleanup();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('content/incidents/2026-10-03-api-outage.yaml:10:14 resolved_at: must not be before mitigated_at (2026-10-03T09:40:00Z)');
    expect(r.stderr).toContain('content/services/db.yaml:5:1 teir: unknown field (did you mean "tier"?)');
    expect(r.stderr).toMatch(/2 errors in 2 files/);
    expect(r.stdout).toContain(
      '::error file=content/incidents/2026-10-03-api-outage.yaml,line=10,col=14,title=sitrep%3A resolved_at::resolved_at: must not be before mitigated_at (2026-10-03T09:40:00Z)',
    );
  });
});

describe('GitHub annotations of content under a sub-folder of the repository', () => {
  it('name the file by its path in the workspace, so GitHub puts them on the pull request’s diff', async () => {
    const fx = await fixture({ 'content/services/db.yaml': (t) => t.replace('tier: 2', 'tier: 2\nteir: 3') });
    // The repository is the fixture's parent folder; its content root is the fixture.
    const r = await check(fx.root, { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dirname(fx.root) });
    await fx.cleanup();
    expect(r.stderr).toContain('content/services/db.yaml:5:1 teir: unknown field');
    expect(r.stdout).toContain(`::error file=${basename(fx.root)}/content/services/db.yaml,line=5,col=1,title=sitrep%3A teir::`);
  });

  it('keep the error’s own path without a root, and for a root outside the workspace', () => {
    expect(annotationFile('content/x.yaml', '/repo/reliability', '/repo')).toBe('reliability/content/x.yaml');
    expect(annotationFile('content/x.yaml', '/repo', '/repo')).toBe('content/x.yaml');
    expect(annotationFile('content/x.yaml', '/elsewhere', '/repo')).toBe('content/x.yaml');
    expect(annotationFile('content/x.yaml', undefined, '/repo')).toBe('content/x.yaml');
  });
});

describe('command-line mistakes', () => {
  it('an unknown flag prints the usage and exits 2, not a stack trace', async () => {
    const r = await run(NODE, ['scripts/check.ts', '--rooot', '.']).catch((e: { code: number; stderr: string }) => e);
    expect((r as { code: number }).code).toBe(2);
    expect((r as { stderr: string }).stderr).toMatch(/Unknown option '--rooot'[\s\S]*Usage: npm run check/);
  });

  it('SITREP_ROOT chooses the content to check when --root is not given', async () => {
    const viaEnv = await run(NODE, ['scripts/check.ts'], { env: { ...process.env, GITHUB_ACTIONS: '', SITREP_ROOT: MINIMAL } });
    expect(viaEnv.stdout).toMatch(/2 services, 1 SLOs/);
  });
});
