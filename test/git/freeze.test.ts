/**
 * `npm run freeze` on a throwaway git repository with scripted commits: October is frozen as
 * version 1, an identical recomputation writes nothing, a reclassified incident makes version 2
 * with the figures that changed and the commit responsible, and a build after the SLO file changed
 * renders October from the record, with version 1 at its own URL.
 */
import { createHash } from 'node:crypto';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrozenRecord } from '../../src/core/index.ts';
import { buildSite, readJson, type BuildResult } from '../helpers/build.ts';
import { fixture, MINIMAL } from '../helpers/fixture.ts';
import { git, tempRepo, type Repo } from '../helpers/git-repo.ts';
import { runScript } from '../workflow/run.ts';

const AS_OF = '2026-11-05T00:00:00Z';
const RECORD = 'data/reports/2026-10.json';
const INCIDENT = 'content/incidents/2026-10-03-api-outage.yaml';
const SLO = 'content/slos/api-availability.yaml';

let repo: Repo;
const freeze = (...args: string[]) => runScript('freeze', ['--root', repo.dir, '--as-of', AS_OF, ...args]);
const record = async () => readJson<FrozenRecord>(join(repo.dir, RECORD));
const text = (file: string) => readFile(join(repo.dir, file), 'utf8');
const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

let first: string;
let reclassify: string;
let built: BuildResult;

beforeAll(async () => {
  repo = await tempRepo();
  await cp(join(MINIMAL, 'content'), join(repo.dir, 'content'), { recursive: true });
  first = await repo.commit('Add the minimal organisation', {}, 'Ann Lee', '2026-11-01T09:00:00+00:00');
});
afterAll(async () => {
  await repo.cleanup();
  if (built) await rm(built.out, { recursive: true, force: true });
});

describe('npm run freeze in a git repository', () => {
  it('freezes the ended month as version 1 with the commit, its time and the snapshot it was computed from; running periods are not frozen', async () => {
    const dry = await freeze('--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('2026-10  would freeze: version 1');
    await expect(text(RECORD)).rejects.toThrow();

    const r = await freeze();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`2026-10  frozen: version 1 -> ${RECORD}`);
    expect(r.stdout).not.toMatch(/^ {2}2026-11 /m);
    expect(r.stdout).not.toMatch(/^ {2}2026-q4 /m);
    const rec = await record();
    expect(rec.period).toMatchObject({ kind: 'month', key: '2026-10', slug: '2026-10' });
    expect(rec.versions).toHaveLength(1);
    const v1 = rec.versions[0]!;
    expect(v1).toMatchObject({ version: 1, commit: { hash: first, short: first.slice(0, 7), date: '2026-11-01T09:00:00.000Z' }, dirty: false, asOf: '2026-11-05T00:00:00.000Z', changes: [], commits: [] });
    expect(v1.report.incidents.ids).toEqual(['2026-10-03-api-outage']);
    expect(v1.report.incidents.bySeverity.SEV2.count).toBe(1);
    const slo = v1.snapshot.files.find((f) => f.path === SLO)!;
    expect(slo.sha256).toBe(sha256(await text(SLO)));
    const listing = [...v1.snapshot.files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => `${f.sha256}  ${f.path}\n`).join('');
    expect(v1.snapshot.hash).toBe(`sha256:${sha256(listing)}`);
    await repo.commit('Freeze October', {}, 'Sitrep Bot', '2026-11-05T01:00:00+00:00');
  });

  it('an identical recomputation, even as of a later time, writes nothing and says so', async () => {
    const before = await text(RECORD);
    const r = await runScript('freeze', ['--root', repo.dir, '--as-of', '2026-11-20T00:00:00Z']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2026-10  unchanged: the recomputation is identical to version 1 of 1; nothing written');
    expect(r.stdout).toContain('No change: every frozen period matches its recomputation.');
    expect(await text(RECORD)).toBe(before);
    expect((await git(repo.dir, ['status', '--porcelain'])).trim()).toBe('');
  });

  it('a reclassified incident makes version 2 with the figures that changed, from what to what, and the commit responsible; version 1 stays as it was', async () => {
    const v1 = (await record()).versions[0];
    reclassify = await repo.commit('Reclassify the API outage as SEV1', { [INCIDENT]: (await text(INCIDENT)).replace('severity: SEV2', 'severity: SEV1') }, 'Bob Roy', '2026-11-10T12:00:00+00:00');
    const r = await freeze();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2026-10 {2}version 2 written: \d+ figures changed, 1 commit responsible -> data\/reports\/2026-10.json/);
    expect(r.stdout).toContain('incidents.bySeverity.SEV1.count: 0 -> 1');
    expect(r.stdout).toContain(`commit ${reclassify.slice(0, 7)} 2026-11-10 Bob Roy: Reclassify the API outage as SEV1`);
    const rec = await record();
    expect(rec.versions).toHaveLength(2);
    expect(rec.versions[0]).toEqual(v1);
    const v2 = rec.versions[1]!;
    expect(v2).toMatchObject({ version: 2, commit: { hash: reclassify, date: '2026-11-10T12:00:00.000Z' }, dirty: false });
    expect(v2.changes).toContainEqual({ figure: 'incidents.bySeverity.SEV1.count', from: 0, to: 1 });
    expect(v2.changes).toContainEqual({ figure: 'incidents.bySeverity.SEV2.count', from: 1, to: 0 });
    // The freeze commit touched data/reports/ only: not responsible. The reclassification is.
    expect(v2.commits!.map((c) => c.hash)).toEqual([reclassify]);
    expect(v2.commits![0]).toMatchObject({ author: 'Bob Roy', subject: 'Reclassify the API outage as SEV1' });
    await repo.commit('Freeze October again', {}, 'Sitrep Bot', '2026-11-10T13:00:00+00:00');
  });

  it('refuses a broken record with the file and field, and writes nothing; so does the build', async () => {
    const good = await text(RECORD);
    const broken = JSON.parse(good) as FrozenRecord;
    broken.versions[1]!.version = 3;
    await writeFile(join(repo.dir, RECORD), JSON.stringify(broken));
    try {
      const r = await freeze();
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('✗ freeze stopped: data/reports/2026-10.json: versions.1.version: expected 2, got 3');
      expect(await text(RECORD)).toBe(JSON.stringify(broken));
      const b = await buildSite(['--root', repo.dir, '--as-of', AS_OF]);
      await rm(b.out, { recursive: true, force: true });
      expect(b.code).toBe(1);
      expect(b.stderr).toContain('✗ build stopped: data/reports/2026-10.json: versions.1.version: expected 2, got 3');
      expect(b.stderr).toContain('nothing was published');
      const c = await runScript('check', ['--root', repo.dir]);
      expect(c.code).toBe(1);
      expect(c.stderr).toContain('data/reports/2026-10.json:1:1 versions.1.version: expected 2, got 3');
    } finally {
      await writeFile(join(repo.dir, RECORD), good);
    }
  });

  it('keeps a frozen period that has not ended at an earlier report time, rather than recomputing it', async () => {
    const before = await text(RECORD);
    const r = await runScript('freeze', ['--root', repo.dir, '--as-of', '2026-10-20T00:00:00Z']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2026-10  kept: version 2 of 2, not recomputed (the period has not ended at the report time)');
    expect(await text(RECORD)).toBe(before);
  });
});

describe('npm run freeze with uncommitted changes, and outside git', () => {
  it('names HEAD and says the files had uncommitted changes', async () => {
    const other = await tempRepo();
    try {
      await cp(join(MINIMAL, 'content'), join(other.dir, 'content'), { recursive: true });
      const head = await other.commit('Add the minimal organisation', {}, 'Ann Lee', '2026-11-01T09:00:00+00:00');
      await writeFile(join(other.dir, INCIDENT), (await readFile(join(other.dir, INCIDENT), 'utf8')).replace('customer_facing: true', 'customer_facing: false'));
      const r = await runScript('freeze', ['--root', other.dir, '--as-of', AS_OF]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`content/ or data/snapshots/ has uncommitted changes: the records name HEAD (${head.slice(0, 7)})`);
      const rec = await readJson<FrozenRecord>(join(other.dir, RECORD));
      expect(rec.versions[0]).toMatchObject({ commit: { hash: head }, dirty: true });
      expect(rec.versions[0]!.report.incidents.customerFacing).toBe(0);
    } finally {
      await other.cleanup();
    }
  });

  it('outside git, freezes with no commit and warns; a frozen period the data no longer reaches is kept', async () => {
    const fx = await fixture();
    try {
      const r = await runScript('freeze', ['--root', fx.root, '--as-of', AS_OF]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('not in a git repository with commits: the records name no commit');
      const rec = await readJson<FrozenRecord>(join(fx.root, RECORD));
      expect(rec.versions[0]).toMatchObject({ version: 1, commit: null, dirty: false });
      // The only incident moves to November: no data reaches October any more, and its record is kept as it is.
      const before = await readFile(join(fx.root, RECORD), 'utf8');
      await writeFile(join(fx.root, INCIDENT), (await readFile(join(fx.root, INCIDENT), 'utf8')).replaceAll('2026-10-03T', '2026-11-03T'));
      const later = await runScript('freeze', ['--root', fx.root, '--as-of', '2026-12-05T00:00:00Z']);
      expect(later.code, later.stderr).toBe(0);
      expect(later.stdout).toContain('2026-10  kept: version 1 of 1, not recomputed (the data no longer reaches this period)');
      expect(later.stdout).toContain('2026-11  frozen: version 1');
      expect(await readFile(join(fx.root, RECORD), 'utf8')).toBe(before);
    } finally {
      await fx.cleanup();
    }
  });
});

describe('building after a freeze', () => {
  beforeAll(async () => {
    // The SLO's objective is edited after October was frozen, and not frozen again.
    await repo.commit('Loosen the API objective', { [SLO]: (await text(SLO)).replace('objective: 99.9', 'objective: 99.5') }, 'Cleo Diaz', '2026-11-12T08:00:00+00:00');
    built = await buildSite(['--root', repo.dir, '--as-of', AS_OF]);
  }, 240_000);
  const page = (path: string) => readFile(join(built.out, path, 'index.html'), 'utf8');

  it('renders October from the record: version 2 of 2 with its commit and date, the objective as frozen, and the versions with their diffs', async () => {
    expect(built.code, built.stderr).toBe(0);
    const html = await page('reports/2026-10');
    expect(html).toContain(`Version 2 of 2, frozen at commit ${reclassify.slice(0, 7)} on 2026-11-10 12:00 UTC.`);
    expect(html).toContain('99.9%');
    expect(html).not.toContain('99.5%');
    expect(html).toContain('<code>incidents.bySeverity.SEV1.count</code>');
    expect(html).toContain('Reclassify the API outage as SEV1');
    expect(html).toContain('href="/reports/2026-10/v1/"');
    const json = await readJson<{ slos: { objective: number }[]; frozen: { version: number; of: number; versions: string[] } }>(join(built.out, 'api/v1/reports/2026-10.json'));
    expect(json.slos[0]!.objective).toBe(0.999);
    expect(json.frozen).toMatchObject({ version: 2, of: 2, versions: ['api/v1/reports/2026-10/v1.json', 'api/v1/reports/2026-10/v2.json'] });
    const index = await readJson<{ periods: { slug: string; version: number | null }[] }>(join(built.out, 'api/v1/reports.json'));
    expect(index.periods.map((p) => [p.slug, p.version])).toEqual([['2026-11', null], ['2026-10', 2], ['2026-q4', null]]);
  });

  it('keeps version 1 at its own URL, in HTML and JSON', async () => {
    const html = await page('reports/2026-10/v1');
    expect(html).toContain(`Version 1 of 2, frozen at commit ${first.slice(0, 7)} on 2026-11-01 09:00 UTC.`);
    expect(html).toContain('Superseded');
    // The incidents as they stood when version 1 was frozen: still SEV2 (the file now says SEV1).
    expect(html).toMatch(/API returned 503s<\/a><\/td><td><span class="badge SEV2">SEV2<\/span>/);
    expect(await page('reports/2026-10')).toMatch(/API returned 503s<\/a><\/td><td><span class="badge SEV1">SEV1<\/span>/);
    const v1 = await readJson<{ version: number; of: number; commit: { hash: string }; report: { incidents: { bySeverity: { SEV2: { count: number } } } } }>(join(built.out, 'api/v1/reports/2026-10/v1.json'));
    expect(v1).toMatchObject({ version: 1, of: 2, commit: { hash: first } });
    expect(v1.report.incidents.bySeverity.SEV2.count).toBe(1);
  });

  it('a period not frozen is computed live; every page names the commit, its time and the data as-of', async () => {
    const nov = await page('reports/2026-11');
    expect(nov).toContain('to date · provisional');
    expect(nov).not.toContain('frozen · version');
    const head = (await git(repo.dir, ['rev-parse', '--short', 'HEAD'])).trim();
    for (const p of ['', 'reports/2026-10', 'reports/2026-10/v1']) {
      expect(await page(p)).toContain(`generated by sitrep from commit ${head} (2026-11-12 08:00 UTC) · report as of 2026-11-05 00:00 UTC`);
    }
  });
});
