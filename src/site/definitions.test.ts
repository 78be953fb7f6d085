import { describe, expect, it } from 'vitest';
import { distribution } from '../core/index.ts';
import { definition, metricRows } from './definitions.ts';

describe('the definitions of the incident metrics', () => {
  it('looks a definition up by id', () => {
    expect(definition('mttr')).toMatchObject({ id: 'mttr', name: 'MTTR' });
  });
  it('gives one row per metric, in the order MTTD, MTTA, MTTM, MTTR, MTBF, with its name, definition and distribution', () => {
    const d = distribution([300, 900]);
    const none = distribution([]);
    const rows = metricRows({ mttd: d, mtta: none, mttm: none, mttr: none, mtbf: none });
    expect(rows.map((r) => [r.id, r.name])).toEqual([['mttd', 'MTTD'], ['mtta', 'MTTA'], ['mttm', 'MTTM'], ['mttr', 'MTTR'], ['mtbf', 'MTBF']]);
    expect(rows[0]).toEqual({ id: 'mttd', name: 'MTTD', definition: definition('mttd').text, d: { count: 2, mean: 600, median: 600, p90: 840, max: 900 } });
    expect(rows[4]!.definition).toBe(definition('mtbf').text);
  });
});
