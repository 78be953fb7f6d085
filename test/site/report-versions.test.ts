/**
 * The view model of a frozen report's page: which version it shows, how it names where each was
 * frozen from, the changes as text, and why a later version lists no commit.
 */
import { describe, expect, it } from 'vitest';
import { freezeVersion, type FreezeCandidate, type FrozenRecord } from '../../src/core/index.ts';
import { buildModel, type SiteModel } from '../../src/site/model.ts';
import { changeValue, livePeriodReport, periodReport, reportPage, sitePeriods, versionJson, versionPaths } from '../../src/site/reports.ts';
import { fixture } from '../helpers/fixture.ts';

const commit = { hash: 'a'.repeat(40), short: 'aaaaaaa', date: '2026-11-01T09:00:00.000Z' };

async function site(): Promise<SiteModel> {
  const fx = await fixture();
  try {
    return await buildModel(fx.root, { SITREP_AS_OF: '2026-11-05T00:00:00Z' });
  } finally {
    await fx.cleanup();
  }
}

const candidate = (s: SiteModel, over: Partial<FreezeCandidate> = {}): FreezeCandidate => ({
  commit,
  dirty: false,
  asOf: '2026-11-05T00:00:00.000Z',
  snapshot: { hash: `sha256:${'0'.repeat(64)}`, files: [] },
  commits: [],
  report: livePeriodReport(s, '2026-10'),
  ...over,
});

/** October frozen three times: v1, v2 (the SEV2 count edited, files uncommitted, no commit), v3 (no git to tell). */
function threeVersions(s: SiteModel): FrozenRecord {
  const v1 = freezeVersion(null, candidate(s)).record;
  const edited = structuredClone(v1.versions[0]!.report);
  edited.incidents.bySeverity.SEV2.count = 2;
  const v2 = freezeVersion(v1, candidate(s, { report: edited, dirty: true })).record;
  const again = structuredClone(edited);
  again.incidents.bySeverity.SEV2.count = 3;
  return freezeVersion(v2, candidate(s, { report: again, commit: null, commits: null })).record;
}

describe('a frozen report page', () => {
  it('shows the newest version by default, any version on request, with where each was frozen from', async () => {
    const s = await site();
    s.frozen.set('2026-10', threeVersions(s));
    const page = reportPage(s, '2026-10', '/');
    expect(page.frozen).toEqual({ version: 3, of: 3, frozenFrom: 'files without git history', current: '/reports/2026-10/', latest: true });
    expect(page.report.incidents.bySeverity.SEV2.count).toBe(3);
    expect(periodReport(s, '2026-10').incidents.bySeverity.SEV2.count).toBe(3);
    const v2 = reportPage(s, '2026-10', '/', 2);
    expect(v2.frozen).toMatchObject({ version: 2, latest: false, frozenFrom: 'commit aaaaaaa on 2026-11-01 09:00 UTC, with uncommitted changes' });
    expect(v2.json).toBe('/api/v1/reports/2026-10/v2.json');
    expect(v2.versions.map((v) => [v.version, v.shown, v.url])).toEqual([[1, false, '/reports/2026-10/v1/'], [2, true, '/reports/2026-10/v2/'], [3, false, '/reports/2026-10/v3/']]);
    expect(() => reportPage(s, '2026-10', '/', 4)).toThrow('2026-10 has no frozen version 4');
  });

  it('keeps the services and names it was frozen with: a service renamed or removed later does not change it', async () => {
    const s = await site();
    s.frozen.set('2026-10', threeVersions(s));
    s.content.services = s.content.services.filter((x) => x.id !== 'db').map((x) => ({ ...x, name: 'Renamed API' }));
    const page = reportPage(s, '2026-10', '/');
    expect(page.services.map((x) => [x.id, x.name])).toEqual([['api', 'Public API'], ['db', 'Database']]);
    expect(page.services[0]!.incidents[0]!.services).toBe('Public API, Database');
    // A period not frozen is computed from the current files.
    expect(reportPage(s, '2026-11', '/').services.map((x) => x.name)).toEqual(['Renamed API']);
  });

  it('lists each change as text, and says why a later version names no commit', async () => {
    const s = await site();
    s.frozen.set('2026-10', threeVersions(s));
    const [v1, v2, v3] = reportPage(s, '2026-10', '/').versions;
    expect(v1!.commitsNote).toBeNull();
    expect(v2!.changes).toEqual([{ figure: 'incidents.bySeverity.SEV2.count', from: '1', to: '2' }]);
    expect(v2!.commitsNote).toBe('No commit to content/ or data/ since the previous version: the change came from files not yet committed when it was frozen.');
    expect(v3!.commitsNote).toBe('The commits responsible are unknown (no git history to compare).');
    expect([changeValue(null), changeValue(0.123456789), changeValue('SEV1'), changeValue(['a', 'b']), changeValue({ x: 'y'.repeat(100) }).length]).toEqual(['—', '0.123457', 'SEV1', '["a","b"]', 80]);
  });

  it('a frozen period the data no longer reaches is still listed, and every version has its route', async () => {
    const s = await site();
    const record = threeVersions(s);
    s.frozen.set('2026-10', record);
    // Pretend an older frozen quarter whose data is gone.
    s.frozen.set('2025-q4', { ...record, period: { ...record.period, kind: 'quarter', key: '2025-Q4', slug: '2025-q4' } });
    expect(sitePeriods(s).map((p) => p.key)).toEqual(['2026-11', '2026-10', '2026-Q4', '2025-Q4']);
    expect(versionPaths(s).slice(0, 3)).toEqual([{ period: '2026-10', version: 'v1' }, { period: '2026-10', version: 'v2' }, { period: '2026-10', version: 'v3' }]);
    expect(versionJson(s, '2026-10', 1)).toMatchObject({ schema: 'sitrep-frozen-report/v1', of: 3, version: 1, commit });
    expect(() => versionJson(s, '2026-09', 1)).toThrow('2026-09 has no frozen version 1');
  });
});
