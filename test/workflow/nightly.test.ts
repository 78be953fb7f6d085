import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/build.ts';
import { runScript, sampleCopy } from './run.ts';

/** A project whose fetch, freeze and build are stand-ins that log their arguments and exit as told. */
async function fakeProject(codes: { fetch: number; freeze?: number; build: number }): Promise<{ dir: string; log: () => Promise<string[]> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-nightly-'));
  const step = (name: string, code: number) => `sh -c 'echo ${name} "$@" >> log; exit ${code}' sh`;
  const scripts: Record<string, string> = { fetch: step('fetch', codes.fetch), build: step('build', codes.build) };
  if (codes.freeze !== undefined) scripts.freeze = step('freeze', codes.freeze);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'fake', private: true, scripts }));
  return { dir, log: async () => (await readFile(join(dir, 'log'), 'utf8')).trim().split('\n') };
}

describe('npm run nightly: order and exit status', () => {
  it('runs fetch, freeze and build in order and exits 0; options after -- go to fetch', async () => {
    const p = await fakeProject({ fetch: 0, freeze: 0, build: 0 });
    const r = await runScript('nightly', ['--root', '/srv/site', '--', '--days', '30'], { cwd: p.dir });
    expect(r.code).toBe(0);
    expect(await p.log()).toEqual(['fetch --root /srv/site --days 30', 'freeze', 'build --root /srv/site']);
    expect(r.stderr).toContain('✓ nightly: fetch, freeze and build done');
    await rm(p.dir, { recursive: true });
  });

  it('without a freeze script, runs fetch then build', async () => {
    const p = await fakeProject({ fetch: 0, build: 0 });
    const r = await runScript('nightly', [], { cwd: p.dir });
    expect(r.code).toBe(0);
    expect(await p.log()).toEqual(['fetch', 'build']);
    await rm(p.dir, { recursive: true });
  });

  it('stops at the first failure with a clear message: a fetch configuration error (exit 2) builds nothing', async () => {
    const p = await fakeProject({ fetch: 2, freeze: 0, build: 0 });
    const r = await runScript('nightly', [], { cwd: p.dir });
    expect(r.code).toBe(1);
    expect(await p.log()).toEqual(['fetch']);
    expect(r.stderr).toContain('✗ nightly stopped: npm run fetch exited 2; not run: freeze, build');
    await rm(p.dir, { recursive: true });
  });

  it('a failing freeze stops before the build; a failing build exits 1', async () => {
    const f = await fakeProject({ fetch: 0, freeze: 1, build: 0 });
    const r = await runScript('nightly', [], { cwd: f.dir });
    expect(r.code).toBe(1);
    expect(await f.log()).toEqual(['fetch', 'freeze']);
    expect(r.stderr).toContain('✗ nightly stopped: npm run freeze exited 1; not run: build');
    const b = await fakeProject({ fetch: 0, build: 1 });
    const s = await runScript('nightly', [], { cwd: b.dir });
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('✗ nightly stopped: npm run build exited 1');
    await rm(f.dir, { recursive: true });
    await rm(b.dir, { recursive: true });
  });

  it('a fetch that failed for some SLOs (exit 1) still freezes and builds, then exits 3', async () => {
    const p = await fakeProject({ fetch: 1, freeze: 0, build: 0 });
    const r = await runScript('nightly', [], { cwd: p.dir });
    expect(r.code).toBe(3);
    expect(await p.log()).toEqual(['fetch', 'freeze', 'build']);
    expect(r.stderr).toContain('some SLOs could not be fetched and are shown as stale (exit 3)');
    await rm(p.dir, { recursive: true });
  });

  it('an unknown option is a usage error (exit 2) that runs nothing', async () => {
    const p = await fakeProject({ fetch: 0, build: 0 });
    const r = await runScript('nightly', ['--days', '3'], { cwd: p.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: npm run nightly');
    await expect(p.log()).rejects.toThrow();
    await rm(p.dir, { recursive: true });
  });
});

describe('npm run nightly on the sample with Prometheus down', () => {
  it('keeps the last good snapshots, builds the site with the SLOs marked stale, and exits 3', async () => {
    const sample = await sampleCopy();
    // The build stages its site beside --out: keep that inside a folder of this test's own.
    const outParent = await mkdtemp(join(tmpdir(), 'sitrep-nightly-dist-'));
    const out = join(outParent, 'dist');
    const cache = await mkdtemp(join(tmpdir(), 'sitrep-nightly-cache-'));
    const snapshots = join(sample.root, 'data/snapshots');
    const before = new Map(await Promise.all((await readdir(snapshots)).map(async (f) => [f, await readFile(join(snapshots, f), 'utf8')] as const)));
    // Port 1 on the loopback refuses connections: Prometheus is down.
    const r = await runScript('nightly', ['--root', sample.root, '--out', out, '--', '--retries', '0', '--days', '1'], {
      cwd: PROJECT,
      env: { PROMETHEUS_URL: 'http://127.0.0.1:1', SITREP_CACHE_DIR: cache },
    });
    expect(r.stderr).toContain('the fetch failed for some SLOs');
    expect(r.code).toBe(3);
    for (const [f, text] of before) expect(await readFile(join(snapshots, f), 'utf8')).toBe(text);
    const status = JSON.parse(await readFile(join(sample.root, 'data/fetch-status.json'), 'utf8')) as { slos: Record<string, { ok: boolean }> };
    expect(Object.values(status.slos).length).toBe(10);
    expect(Object.values(status.slos).every((s) => !s.ok)).toBe(true);
    const page = await readFile(join(out, 'slos/checkout-availability/index.html'), 'utf8');
    expect(page).toContain('Stale: the last fetch of this SLO');
    // The freeze ran between fetch and build: the ended months are frozen (outside git: no commit), and built from their records.
    expect(r.stdout).toContain('2026-10  frozen: version 1 -> data/reports/2026-10.json');
    const october = await readFile(join(out, 'reports/2026-10/index.html'), 'utf8');
    expect(october).toContain('Version 1 of 1, frozen at files without git history.');
    await Promise.all([sample.cleanup(), rm(outParent, { recursive: true, force: true }), rm(cache, { recursive: true, force: true })]);
  }, 300_000);
});
