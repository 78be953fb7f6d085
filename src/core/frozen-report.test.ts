import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITIES } from '../schemas/severity.ts';
import { FROZEN_REPORT_SCHEMA, freezeVersion, reportChanges, snapshotListing, type FreezeCandidate } from './frozen-report.ts';
import { buildPeriodReport, type PeriodReport } from './period-report.ts';
import { monthOf } from './periods.ts';
import { at, constantSeries, makeIncident, makeSlo } from './test-fixtures.ts';

const HOUR = 3600;
const OCT = monthOf(at('2026-10-15T00:00:00Z'));
const NOV5 = at('2026-11-05T00:00:00Z');
// Hourly steps of 1,000 events through September and October; 744 bad in the step ending 2026-10-03T11:00.
const start = at('2026-09-01T01:00:00Z');
const series = constantSeries(start, HOUR, 1464, 1000, (i) => (start + i * HOUR === at('2026-10-03T11:00:00Z') ? 744 : 0));

function october(over: { severity?: string; objective?: number; asOf?: number } = {}): PeriodReport {
  const incident = makeIncident({ severity: over.severity ?? 'SEV2' });
  return buildPeriodReport(
    { slos: [{ slo: makeSlo(over.objective ? { objective: over.objective } : {}), series }], incidents: [incident], postmortems: [], severities: DEFAULT_SEVERITIES },
    OCT,
    over.asOf ?? NOV5,
  );
}

const candidate = (report: PeriodReport, hash = 'a'.repeat(40)): FreezeCandidate => ({
  commit: { hash, short: hash.slice(0, 7), date: '2026-11-05T01:00:00.000Z' },
  dirty: false,
  asOf: report.asOf,
  snapshot: { hash: 'sha256:x', files: [{ path: 'content/slos/checkout-availability.yaml', sha256: 'f' }] },
  commits: [],
  report,
});

describe('reportChanges', () => {
  it('two computations of an ended month as of different times differ in nothing (asOf and the summary are not figures)', () => {
    expect(reportChanges(october(), october({ asOf: at('2026-11-20T00:00:00Z') }))).toEqual([]);
  });

  it('reclassifying the only incident from SEV2 to SEV1 moves one incident between the severity counts', () => {
    const changes = reportChanges(october(), october({ severity: 'SEV1' }));
    expect(changes).toContainEqual({ figure: 'incidents.bySeverity.SEV1.count', from: 0, to: 1 });
    expect(changes).toContainEqual({ figure: 'incidents.bySeverity.SEV2.count', from: 1, to: 0 });
    expect(changes.every((c) => !c.figure.startsWith('slos'))).toBe(true);
  });

  it('an objective changed from 99.9 to 99.5 is named per SLO row: the objective and the budget spent, from what to what', () => {
    const changes = reportChanges(october(), october({ objective: 99.5 }));
    expect(changes).toContainEqual({ figure: 'slos[checkout-availability].objective', from: 0.999, to: 0.995 });
    const consumed = changes.find((c) => c.figure === 'slos[checkout-availability].figures.consumed')!;
    // 744 bad of 744,000 events: 1x the budget at 99.9%, 0.2x at 99.5%.
    expect(consumed.from).toBeCloseTo(1, 9);
    expect(consumed.to).toBeCloseTo(0.2, 9);
  });

  it('a row only one side has is one change, from null to the row; a list without row keys is compared whole', () => {
    const a = october();
    const b = structuredClone(a);
    b.slos.push({ ...b.slos[0]!, id: 'new-slo' });
    b.incidents.ids = ['inc-1', 'inc-2'];
    const changes = reportChanges(a, b);
    expect(changes.map((c) => c.figure)).toEqual(['slos[new-slo]', 'incidents.ids']);
    expect(changes[0]!.from).toBeNull();
    expect(changes[1]).toEqual({ figure: 'incidents.ids', from: ['inc-1'], to: ['inc-1', 'inc-2'] });
  });

  it('rows with a repeated id are compared as a whole list; a figure block that appears is one change from null', () => {
    const a = october();
    const b = structuredClone(a);
    a.postmortems.published = [{ id: 'pm', title: 'A', date: '2026-10-05', incidents: [] }, { id: 'pm', title: 'B', date: '2026-10-06', incidents: [] }];
    b.postmortems.published = [{ id: 'pm', title: 'A', date: '2026-10-05', incidents: [] }];
    b.slos[0]!.previous = null;
    const changes = reportChanges(a, b);
    expect(changes.map((c) => c.figure)).toEqual(['slos[checkout-availability].previous', 'postmortems.published']);
    expect(changes[0]!.to).toBeNull();
    expect(reportChanges(b, a)[0]).toMatchObject({ figure: 'slos[checkout-availability].previous', from: null });
    // Rows with neither an id nor an incident and SLO: the list is one figure.
    expect(reportChanges(Object.assign(structuredClone(a), { rows: [{ n: 1 }] }), Object.assign(structuredClone(a), { rows: [{ n: 2 }] }))).toEqual([{ figure: 'rows', from: [{ n: 1 }], to: [{ n: 2 }] }]);
  });

  it('top spenders are keyed by incident and SLO', () => {
    const a = october();
    const b = structuredClone(a);
    b.topSpenders[0]!.bad = 10;
    expect(reportChanges(a, b).map((c) => c.figure)).toEqual(['topSpenders[inc-1/checkout-availability].bad']);
  });
});

describe('freezeVersion', () => {
  it('without a record, freezes version 1 with no changes and no responsible commits', () => {
    const out = freezeVersion(null, candidate(october()));
    expect(out.kind).toBe('created');
    expect(out.record.schema).toBe(FROZEN_REPORT_SCHEMA);
    expect(out.record.period.key).toBe('2026-10');
    expect(out.record.versions.map((v) => [v.version, v.changes, v.commits])).toEqual([[1, [], []]]);
  });

  it('an identical recomputation leaves the record as it was and says which version still holds', () => {
    const first = freezeVersion(null, candidate(october())).record;
    const again = freezeVersion(first, candidate(october({ asOf: at('2026-11-20T00:00:00Z') }), 'b'.repeat(40)));
    expect(again.kind).toBe('unchanged');
    expect(again.record).toBe(first);
    expect(again.version.version).toBe(1);
  });

  it('a recomputation that differs appends version 2 with its changes and commits, and keeps version 1 as it was', () => {
    const first = freezeVersion(null, candidate(october())).record;
    const v1 = structuredClone(first.versions[0]);
    const commits = [{ hash: 'c'.repeat(40), short: 'ccccccc', date: '2026-11-10T00:00:00.000Z', author: 'Ann Lee', subject: 'Reclassify to SEV1' }];
    const out = freezeVersion(first, { ...candidate(october({ severity: 'SEV1' }), 'b'.repeat(40)), commits });
    expect(out.kind).toBe('appended');
    expect(out.record.versions).toHaveLength(2);
    expect(out.record.versions[0]).toEqual(v1);
    expect(out.version).toMatchObject({ version: 2, commits, commit: { short: 'bbbbbbb' } });
    expect(out.version.changes).toContainEqual({ figure: 'incidents.bySeverity.SEV1.count', from: 0, to: 1 });
  });

  it('refuses a period still running, and a report of another period than the record', () => {
    expect(() => freezeVersion(null, candidate(october({ asOf: at('2026-10-20T00:00:00Z') })))).toThrow('2026-10 is still running at 2026-10-20T00:00:00.000Z');
    const record = freezeVersion(null, candidate(october())).record;
    const september = { ...october(), period: { ...october().period, key: '2026-09' } };
    expect(() => freezeVersion(record, candidate(september))).toThrow('the record of 2026-10 cannot hold a report of 2026-09');
  });
});

describe('snapshotListing', () => {
  it('lists files as sha256sum does, sorted by path in byte order', () => {
    expect(snapshotListing([{ path: 'data/snapshots/b.json', sha256: '22' }, { path: 'content/a.yaml', sha256: '11' }, { path: 'content/B.yaml', sha256: '33' }])).toBe(
      '33  content/B.yaml\n11  content/a.yaml\n22  data/snapshots/b.json\n',
    );
  });
});
