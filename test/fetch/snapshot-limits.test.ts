/**
 * What one snapshot may cost: at most 1,000,000 points per series and 96 MB on disk, checked when
 * reading (check, build) and when fetching, each with a message that says what to do.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content/load.ts';
import { fetchSlos } from '../../src/adapters/prometheus/fetch-slos.ts';
import { requestedRange } from '../../src/adapters/prometheus/plan.ts';
import { indicatorQueries } from '../../src/adapters/prometheus/queries.ts';
import { readSnapshot, snapshotPath, writeSnapshot } from '../../src/adapters/snapshots/store.ts';
import { SNAPSHOT_FORMAT, type Snapshot } from '../../src/schemas/snapshot.ts';
import { fixture } from '../helpers/fixture.ts';
import { fakeTransport } from '../helpers/prometheus-fake.ts';
import { slo, SLO_INPUTS } from '../helpers/prometheus-fixture.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const END = Date.parse('2026-10-03T09:00:00Z') / 1000;

function snapshot(points: number, step: number, queries: Record<string, string> = {}): Snapshot {
  return {
    format: SNAPSHOT_FORMAT, slo: 'api-availability', step, start: END - (points - 1) * step, queries, fetchedAt: '2026-10-03T09:01:00Z',
    series: { good: new Array<number>(points).fill(1), total: new Array<number>(points).fill(1) },
  };
}

describe('snapshot size limits', () => {
  it('check refuses a snapshot with more than 1,000,000 points per series (11.6 days of 1-second data)', async () => {
    const fx = await fixture();
    cleanups.push(fx.cleanup);
    await writeSnapshot(fx.root, snapshot(1_000_001, 1));
    const { errors } = await loadContent(fx.root);
    expect(errors.map((e) => `${e.file}: ${e.message}`)).toEqual([
      'data/snapshots/api-availability.json: series.total: 1,000,001 points per series, more than the 1,000,000 a snapshot may hold (at a 1s step that is 11.6 days): use a longer step, or fewer days',
    ]);
  });

  it('refuses a snapshot file over 96 MB without reading it', async () => {
    const fx = await fixture();
    cleanups.push(fx.cleanup);
    await writeSnapshot(fx.root, snapshot(10, 300));
    // A year of 1-second data is several GB: a sparse 4 GB file stands for it, and costs no disk.
    const file = await open(snapshotPath(fx.root, 'api-availability'), 'r+');
    await file.truncate(4 * 1024 ** 3);
    await file.close();
    const { errors } = await loadContent(fx.root);
    expect(errors.map((e) => `${e.file}: ${e.message}`)).toEqual([
      'data/snapshots/api-availability.json: is 4096 MB, more than the 96 MB a snapshot may take (at most 1,000,000 points per series): refetch it with a longer step',
    ]);
  });

  it('a fetch that would grow a snapshot past the limit fails that SLO and keeps the snapshot', async () => {
    const root = await mkdtemp(join(tmpdir(), 'sitrep-limits-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const avail = slo(SLO_INPUTS['api-availability']!);
    // 999,900 steps of 5 minutes (9.5 years) of history; the next day would make 1,000,188.
    await writeSnapshot(root, snapshot(999_900, 300, indicatorQueries(avail.indicator, 300)));
    const report = await fetchSlos([avail], fakeTransport(() => 1), { root, range: requestedRange((END + 86400) * 1000, 1, 300) });
    expect(report.results[0]!.error).toBe(
      'content/slos/api-availability.yaml:1: SLO api-availability: 1,000,188 points per series, more than the 1,000,000 a snapshot may hold (at a 300s step that is 3472 days): use a longer step, or fewer days; the snapshot is kept as it was',
    );
    expect((await readSnapshot(snapshotPath(root, 'api-availability'))).series.total).toHaveLength(999_900);
  });
});
