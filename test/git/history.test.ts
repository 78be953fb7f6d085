import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLog, readHistory } from '../../src/adapters/git/history.ts';
import { git, tempRepo, type Repo } from '../helpers/git-repo.ts';
import { PROJECT } from '../helpers/build.ts';

const repos: Repo[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.cleanup()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function scripted(): Promise<Repo> {
  const r = await tempRepo();
  repos.push(r);
  await r.commit('Add incident and runbook', { 'content/incidents/a.yaml': 'id: a\n', 'content/runbooks/old-name.md': 'v1\n' }, 'Ann Lee', '2026-10-01T09:00:00+00:00');
  await r.commit('Edit the runbook', { 'content/runbooks/old-name.md': 'v2\n' }, 'Bob Roy', '2026-10-05T10:00:00+00:00');
  await r.mv('content/runbooks/old-name.md', 'content/runbooks/new-name.md');
  await r.commit('Rename the runbook', {}, 'Cleo Diaz', '2026-10-09T11:00:00+00:00');
  await r.commit('Touch something else', { 'README.md': 'x\n' }, 'Dan Wu', '2026-10-10T12:00:00+00:00');
  await r.commit('Classify the incident', { 'content/incidents/a.yaml': 'id: a\nseverity: SEV2\n' }, 'Bob Roy', '2026-10-12T08:00:00+00:00');
  return r;
}

describe('file history from git', () => {
  it('gives created, updated, authors and revisions of every content file in one call, following renames', async () => {
    const r = await scripted();
    const h = await readHistory(r.dir);
    expect(h.status.available).toBe(true);
    expect([...h.files.keys()].sort()).toEqual(['content/incidents/a.yaml', 'content/runbooks/new-name.md']);
    const rb = h.files.get('content/runbooks/new-name.md')!;
    expect(rb.revisions.map((x) => [x.subject, x.author, x.date])).toEqual([
      ['Rename the runbook', 'Cleo Diaz', '2026-10-09T11:00:00.000Z'],
      ['Edit the runbook', 'Bob Roy', '2026-10-05T10:00:00.000Z'],
      ['Add incident and runbook', 'Ann Lee', '2026-10-01T09:00:00.000Z'],
    ]);
    expect(rb.created.date).toBe('2026-10-01T09:00:00.000Z');
    expect(rb.updated.subject).toBe('Rename the runbook');
    expect(rb.authors).toEqual(['Ann Lee', 'Bob Roy', 'Cleo Diaz']);
    expect(rb.revisions[0]!.short).toBe(rb.revisions[0]!.hash.slice(0, rb.revisions[0]!.short.length));
    const inc = h.files.get('content/incidents/a.yaml')!;
    expect([inc.created.author, inc.updated.author, inc.updated.date]).toEqual(['Ann Lee', 'Bob Roy', '2026-10-12T08:00:00.000Z']);
    if (h.status.available) expect(h.status.head.date).toBe('2026-10-12T08:00:00.000Z');
  });

  it('a deleted file has no history, and a file created again later starts afresh', () => {
    // Newest first: b created again, b deleted, b created.
    const rec = (hash: string, subject: string, changes: string) => `\x1e${hash}\x1f${hash.slice(0, 4)}\x1f2026-10-0${hash.length}T00:00:00Z\x1fAnn\x1f${subject}\0\n${changes}`;
    const log = rec('ccc', 'again', 'A\0content/b.yaml\0') + rec('bb', 'gone', 'D\0content/b.yaml\0') + rec('a', 'first', 'A\0content/b.yaml\0');
    expect(parseLog(log).get('content/b.yaml')!.revisions.map((x) => x.subject)).toEqual(['again']);
  });

  it('says history is unavailable in a shallow clone, rather than dating every file to the one commit it has', async () => {
    const r = await scripted();
    const dir = await mkdtemp(join(tmpdir(), 'sitrep-shallow-'));
    dirs.push(dir);
    await git(dir, ['clone', '-q', '--depth', '1', `file://${r.dir}`, 'clone']);
    const h = await readHistory(join(dir, 'clone'));
    expect(h.status).toEqual({ available: false, reason: expect.stringMatching(/^the repository is a shallow clone/) });
    expect(h.files.size).toBe(0);
  });

  it('says history is unavailable outside git, and never throws', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sitrep-nogit-'));
    dirs.push(dir);
    await mkdir(join(dir, 'content'));
    await writeFile(join(dir, 'content', 'x.yaml'), 'x\n');
    const h = await readHistory(dir);
    expect(h.status.available).toBe(false);
    // In words for the pages' readers, without git's own message ("fatal: not a git repository (or any of the parent directories): .git").
    if (!h.status.available) expect(h.status.reason).toBe('not a git repository (the site was built from files outside git)');
  });

  it('says git could not read a repository that is one but is broken or refused, rather than that it is none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sitrep-badgit-'));
    dirs.push(dir);
    await mkdir(join(dir, 'content'));
    // A .git file that names no repository: git stops with its own message (as it does for "dubious ownership").
    await writeFile(join(dir, '.git'), 'this is not a gitdir line\n');
    const h = await readHistory(dir);
    expect(h.status).toEqual({ available: false, reason: expect.stringMatching(/^git could not read the repository \(.+\)$/) });
    // Without git's "fatal:" and without the build machine's paths: every page shows it.
    if (!h.status.available) {
      expect(h.status.reason).not.toContain('fatal');
      expect(h.status.reason).not.toContain(dir);
    }
  });

  it('says so when git is not installed, rather than that the folder is not a repository', async () => {
    const path = process.env.PATH;
    process.env.PATH = await mkdtemp(join(tmpdir(), 'sitrep-nogit-path-'));
    dirs.push(process.env.PATH);
    try {
      expect((await readHistory(PROJECT)).status).toEqual({ available: false, reason: 'git is not installed where the site was built' });
    } finally {
      process.env.PATH = path;
    }
  });

  it('names files relative to a content root inside the repository', async () => {
    const r = await tempRepo();
    repos.push(r);
    await r.commit('Add', { 'site/content/incidents/a.yaml': 'id: a\n', 'content/incidents/other.yaml': 'x\n' }, 'Ann Lee', '2026-10-01T09:00:00+00:00');
    const h = await readHistory(join(r.dir, 'site'));
    expect([...h.files.keys()]).toEqual(['content/incidents/a.yaml']);
  });
});
