/**
 * When a runbook or an SLO definition was last looked at: the later of its `last_reviewed` date
 * and the last commit that changed its file. Due for review when that is more than
 * `review_after_days` (content/site.yaml, default 90) before the report time; never the wall clock.
 */
import { DAY } from '../core/index.ts';

export interface ReviewState {
  /** ISO time of the last review or change, null when neither is known. */
  at: string | null;
  /** Which one it was. */
  by: 'marked reviewed' | 'changed' | null;
  /** Whole days from then to the report time. */
  ageDays: number | null;
  due: boolean;
}

/** `lastReviewed` is a date (YYYY-MM-DD, start of that UTC day); `lastChange` an ISO time from git. */
export function reviewState(lastReviewed: string | undefined, lastChange: string | undefined, asOf: number, afterDays: number): ReviewState {
  const reviewed = lastReviewed === undefined ? null : Date.parse(`${lastReviewed}T00:00:00Z`) / 1000;
  const changed = lastChange === undefined ? null : Date.parse(lastChange) / 1000;
  if (reviewed === null && changed === null) return { at: null, by: null, ageDays: null, due: false };
  const useChange = changed !== null && (reviewed === null || changed > reviewed);
  const t = useChange ? changed! : reviewed!;
  const ageDays = Math.floor((asOf - t) / DAY);
  return { at: new Date(t * 1000).toISOString(), by: useChange ? 'changed' : 'marked reviewed', ageDays, due: ageDays > afterDays };
}
