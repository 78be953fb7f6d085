/**
 * `npm run freeze`: freeze every report period that has ended at the report time into
 * data/reports/<period>.json. The content root is loaded and computed as the build does; each
 * ended period is recomputed and handed to freezeVersion (src/core/frozen-report.ts): version 1
 * for a new period, a new version when the figures differ, nothing when they are the same.
 */
import { commitsSince, hasUncommitted, readHead } from '../adapters/git/commits.ts';
import { readSnapshotRef, REPORTS_DIR, SNAPSHOT_PATHS, writeFrozenRecord } from '../adapters/reports/frozen-store.ts';
import { freezeVersion, isoOf, periodFromSlug, reportChanges, type FigureChange, type FreezeOutcome, type ResponsibleCommit, type SnapshotRef } from '../core/index.ts';
import { buildModel } from './model.ts';
import { livePeriodReport, livePeriods } from './reports.ts';

export interface PeriodFreeze {
  slug: string;
  kind: FreezeOutcome['kind'] | 'kept';
  /** The version that now holds, and how many there are. */
  version: number;
  of: number;
  changes: FigureChange[];
  commits: ResponsibleCommit[] | null;
  /** Where the record was written; null when nothing was written (unchanged, kept, dry run). */
  file: string | null;
  /** Why a frozen period was kept without recomputing it. */
  kept?: 'not ended' | 'no data';
}

export interface FreezeRun {
  asOf: string;
  commit: string | null;
  dirty: boolean;
  snapshot: SnapshotRef['hash'];
  periods: PeriodFreeze[];
  warnings: string[];
}

/**
 * Freeze the ended periods of the content root. A frozen period is kept as it is, not recomputed,
 * when it has not ended at the report time (an earlier --as-of) or when the data no longer reaches
 * it at all (its snapshots and incidents removed): nothing is recomputed from nothing.
 * Throws on invalid content, records or report time, like the build.
 */
export async function freezePeriods(root: string, env: NodeJS.ProcessEnv, opts: { dryRun?: boolean } = {}): Promise<FreezeRun> {
  const site = await buildModel(root, env, { history: false });
  const [head, dirty, snapshot] = await Promise.all([readHead(root), hasUncommitted(root, SNAPSHOT_PATHS), readSnapshotRef(root)]);
  const warnings: string[] = [];
  if (!head) warnings.push('not in a git repository with commits: the records name no commit, and later versions cannot list the commits responsible');
  else if (dirty) warnings.push(`content/ or data/snapshots/ has uncommitted changes: the records name HEAD (${head.short}) and say "with uncommitted changes"; the snapshot hash names the files exactly`);
  const ended = livePeriods(site).filter((p) => p.to <= site.asOf);
  const slugs = new Set([...ended.map((p) => p.key.toLowerCase()), ...site.frozen.keys()]);
  const periods: PeriodFreeze[] = [];
  for (const slug of [...slugs].sort()) {
    const record = site.frozen.get(slug) ?? null;
    const period = periodFromSlug(slug)!;
    const covered = ended.some((p) => p.key === period.key);
    if (record && !covered) {
      const n = record.versions.length;
      periods.push({ slug, kind: 'kept', version: n, of: n, changes: [], commits: null, file: null, kept: period.to > site.asOf ? 'not ended' : 'no data' });
      continue;
    }
    const report = livePeriodReport(site, slug);
    const latest = record?.versions[record.versions.length - 1];
    // The commits responsible are only looked up for a recomputation that differs.
    const differs = latest !== undefined && reportChanges(latest.report, report).length > 0;
    const commits = differs && latest.commit && head ? await commitsSince(root, latest.commit.hash, ['content', 'data'], [REPORTS_DIR]) : differs ? null : [];
    const out = freezeVersion(record, { commit: head, dirty: head !== null && dirty, asOf: isoOf(site.asOf), snapshot, commits, report });
    const file = out.kind !== 'unchanged' && !opts.dryRun ? await writeFrozenRecord(root, out.record) : null;
    periods.push({ slug, kind: out.kind, version: out.version.version, of: out.record.versions.length, changes: out.version.changes, commits: out.kind === 'appended' ? out.version.commits : [], file });
  }
  return { asOf: isoOf(site.asOf), commit: head?.hash ?? null, dirty, snapshot: snapshot.hash, periods, warnings };
}
