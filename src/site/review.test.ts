import { describe, expect, it } from 'vitest';
import { reviewState } from './review.ts';

const asOf = Date.parse('2026-11-15T00:00:00Z') / 1000;

describe('reviewState', () => {
  it('takes the later of the review date and the last change', () => {
    expect(reviewState('2026-10-01', '2026-11-01T10:00:00.000Z', asOf, 90)).toEqual({ at: '2026-11-01T10:00:00.000Z', by: 'changed', ageDays: 13, due: false });
    expect(reviewState('2026-11-10', '2026-11-01T10:00:00.000Z', asOf, 90)).toEqual({ at: '2026-11-10T00:00:00.000Z', by: 'marked reviewed', ageDays: 5, due: false });
  });
  it('is due once more than the configured days have passed, counted to the report time', () => {
    expect(reviewState('2026-08-16', undefined, asOf, 90)).toMatchObject({ ageDays: 91, due: true });
    expect(reviewState('2026-08-17', undefined, asOf, 90)).toMatchObject({ ageDays: 90, due: false });
    expect(reviewState(undefined, '2026-10-01T00:00:00Z', asOf, 30)).toMatchObject({ by: 'changed', ageDays: 45, due: true });
  });
  it('knows nothing without either date, and flags nothing', () => {
    expect(reviewState(undefined, undefined, asOf, 90)).toEqual({ at: null, by: null, ageDays: null, due: false });
  });
});
