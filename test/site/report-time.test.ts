/**
 * The report time and the incidents shown: incidents newer than the data are not dropped, times in
 * the future are warned about, the report time never comes from the clock, and broken data files
 * are errors with their path.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content/load.ts';
import { writeSnapshot } from '../../src/adapters/snapshots/store.ts';
import { SNAPSHOT_FORMAT } from '../../src/schemas/snapshot.ts';
import { incidentsJson, sloJson } from '../../src/site/api.ts';
import { buildModel } from '../../src/site/model.ts';
import { fixture } from '../helpers/fixture.ts';
import { PROJECT } from '../helpers/build.ts';

const run = promisify(execFile);
const INCIDENT = 'content/incidents/2026-10-03-api-outage.yaml';
/** Data of api-availability: 288 steps of 5 minutes ending 2026-10-03T08:00:00Z, 999 good of 1000 each. */
const DATA_END = Date.parse('2026-10-03T08:00:00Z') / 1000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function root(changes: Parameters<typeof fixture>[0] = {}, withSnapshot = true): Promise<string> {
  const fx = await fixture(changes);
  cleanups.push(fx.cleanup);
  if (withSnapshot) {
    await writeSnapshot(fx.root, {
      format: SNAPSHOT_FORMAT, slo: 'api-availability', step: 300, start: DATA_END - 287 * 300, queries: {}, fetchedAt: '2026-10-03T08:01:00Z',
      series: { good: new Array(288).fill(999), total: new Array(288).fill(1000) },
    });
  }
  return fx.root;
}

/** A second incident, open, that starts after the data ends (a lagging nightly fetch). */
const OPEN_SEV1 = `id: 2026-10-03-db-down
title: Database down
severity: SEV1
services: [db]
status: investigating
started_at: 2026-10-03T09:40:00Z
detected_at: 2026-10-03T09:45:00Z
impact: Nothing works.
customer_facing: true
`;

describe('incidents after the end of the data', () => {
  it('are shown, open ones as ongoing, in the site and the API when no --as-of is given', async () => {
    const r = await root({ 'content/incidents/2026-10-03-db-down.yaml': OPEN_SEV1 });
    const site = await buildModel(r, {});
    expect(site.asOf).toBe(DATA_END);
    expect(site.asOfSource).toBe('data');
    expect(site.content.incidents.map((i) => [i.id, i.status])).toEqual([
      ['2026-10-03-api-outage', 'resolved'],
      ['2026-10-03-db-down', 'investigating'],
    ]);
    expect(site.incidentsById.has('2026-10-03-db-down')).toBe(true);
    const api = incidentsJson(site);
    expect(api.incidents.map((i) => i.id)).toEqual(['2026-10-03-api-outage', '2026-10-03-db-down']);
    expect(api.metrics.unresolved).toEqual(['2026-10-03-db-down']);
    // Response metrics are measured up to the newest incident time (the api-outage's resolved_at).
    expect(api.metrics.asOf).toBe('2026-10-03T10:30:00.000Z');
    // The SLO figures still stop at the end of the data.
    expect(sloJson(site, site.slos[0]!)).toMatchObject({ asOf: '2026-10-03T08:00:00.000Z', hasData: true });
  });

  it('are left out of a report --as-of a time before they started, as then unknown', async () => {
    const r = await root({ 'content/incidents/2026-10-03-db-down.yaml': OPEN_SEV1 });
    const site = await buildModel(r, { SITREP_AS_OF: '2026-10-03T08:00:00Z' });
    expect(site.content.incidents.map((i) => i.id)).toEqual([]);
  });

  it('check warns about an incident time or a snapshot end in the future, at its line, and still passes', async () => {
    const r = await root({ [INCIDENT]: (t) => t.replace('resolved_at: 2026-10-03T10:30:00Z', 'resolved_at: 2096-10-03T10:30:00Z') }, false);
    await writeSnapshot(r, {
      format: SNAPSHOT_FORMAT, slo: 'api-availability', step: 300, start: 3_050_000_100, queries: {}, fetchedAt: '2026-10-03T08:01:00Z',
      series: { good: [1, 1], total: [1, 1] },
    });
    const { stdout, stderr } = await run(process.execPath, ['scripts/check.ts', '--root', r], { cwd: PROJECT, env: { ...process.env, GITHUB_ACTIONS: 'true' } });
    expect(stderr).toMatch(/^data\/snapshots\/api-availability.json:1:1 warning: the data ends at 2066-08-25T22:20:00Z, in the future \(now is /m);
    expect(stderr).toMatch(new RegExp(`^${INCIDENT}:10:14 resolved_at: warning: 2096-10-03T10:30:00Z is in the future \\(now is \\S+\\): a typo in the date\\?$`, 'm'));
    expect(stdout).toContain(`::warning file=${INCIDENT},line=10,col=14,title=sitrep%3A resolved_at::resolved_at: warning: 2096-10-03T10:30:00Z is in the future`);
    expect(stdout).toContain('content is valid');
  });
});

describe('the report time and the data files', () => {
  it('never falls back to the clock: no snapshot and no incident is an error that says what to do', async () => {
    const r = await root({ [INCIDENT]: null, 'content/postmortems/2026-10-03-api-outage.md': null }, false);
    expect((await loadContent(r)).errors).toEqual([]);
    await expect(buildModel(r, {})).rejects.toThrow(/^no report time: there is no snapshot in data\/snapshots\/ and no incident .*give one with --as-of/);
    expect((await buildModel(r, { SITREP_AS_OF: '2026-11-01T00:00:00Z' })).asOf).toBe(Date.parse('2026-11-01T00:00:00Z') / 1000);
  });

  it('refuses an --as-of that does not exist (30 February) instead of reading it as 2 March', async () => {
    const r = await root();
    await expect(buildModel(r, { SITREP_AS_OF: '2026-02-30T00:00:00Z' })).rejects.toThrow('SITREP_AS_OF / --as-of: "2026-02-30T00:00:00Z" is not an ISO 8601 time with an offset that exists');
    const { stderr } = await run(process.execPath, ['scripts/build.ts', '--root', r, '--as-of', '2026-02-30T00:00:00Z', '--out', join(r, '..', 'never')], { cwd: PROJECT }).catch((e: { stderr: string }) => e);
    expect(stderr).toContain('✗ build stopped: SITREP_AS_OF / --as-of: "2026-02-30T00:00:00Z" is not an ISO 8601 time with an offset that exists');
  });

  it('a corrupt data/fetch-status.json is an error naming it, not an empty status', async () => {
    const r = await root({ 'data/fetch-status.json': '{"format": "sitrep-fetch-status/v1", "slos": {' });
    await expect(buildModel(r, {})).rejects.toThrow(/^data\/fetch-status.json: not valid JSON \(.*\): fix it, or delete it/);
  });

  it('a data/snapshots that cannot be read is an error naming it, not "no snapshots"', async () => {
    const r = await root({}, false);
    await mkdir(join(r, 'data'), { recursive: true });
    await writeFile(join(r, 'data', 'snapshots'), 'not a folder');
    const { errors } = await loadContent(r);
    expect(errors.map((e) => `${e.file}: ${e.message}`)).toEqual([expect.stringMatching(/^data\/snapshots: cannot read the folder: ENOTDIR/)]);
  });
});
