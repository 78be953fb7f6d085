import { describe, expect, it } from 'vitest';
import { definition, metricRows } from './definitions.ts';

describe('definitions', () => {
  it('looks a definition up by id: MTTR is resolved_at − started_at', () => {
    expect(definition('mttr')).toMatchObject({ id: 'mttr', name: 'MTTR', text: 'Time to resolve: resolved_at − started_at, resolved incidents only.' });
  });

  it('gives the incident metrics rows in order MTTD, MTTA, MTTM, MTTR, MTBF with their definitions and distributions', () => {
    const d = (mean: number) => ({ count: 1, mean, median: mean, p90: mean, max: mean });
    const rows = metricRows({ mttd: d(60), mtta: d(120), mttm: d(1_800), mttr: d(3_600), mtbf: d(86_400) });
    expect(rows.map((r) => [r.id, r.name, r.d.mean])).toEqual([['mttd', 'MTTD', 60], ['mtta', 'MTTA', 120], ['mttm', 'MTTM', 1_800], ['mttr', 'MTTR', 3_600], ['mtbf', 'MTBF', 86_400]]);
    expect(rows[4]!.definition).toContain('Operating time between failures');
  });
});
