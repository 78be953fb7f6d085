import { describe, expect, it } from 'vitest';
import { indicatorQueries, promDuration, substituteWindow } from '../../src/adapters/prometheus/queries.ts';

describe('PromQL built from an indicator', () => {
  it('the step becomes the {{window}} of ratio queries, also in Sloth spelling', () => {
    expect(indicatorQueries({ kind: 'ratio', good: 'sum(increase(ok[{{window}}]))', total: 'sum(increase(all[{{ .window }}]))' }, 300)).toEqual({
      good: 'sum(increase(ok[5m]))',
      total: 'sum(increase(all[5m]))',
    });
  });

  it('a bad query is kept as bad', () => {
    expect(Object.keys(indicatorQueries({ kind: 'ratio', bad: 'sum(increase(err[{{window}}]))', total: 'sum(increase(all[{{window}}]))' }, 60))).toEqual(['bad', 'total']);
  });

  it('a fractional latency threshold selects its bucket and the +Inf bucket', () => {
    expect(indicatorQueries({ kind: 'latency', bucket: 'h_bucket{job="a"}', threshold: 0.25 }, 300)).toEqual({
      good: 'sum(increase(h_bucket{job="a",le="0.25"}[5m]))',
      total: 'sum(increase(h_bucket{job="a",le="+Inf"}[5m]))',
    });
  });

  it('a whole-number threshold matches both le="1" (Go) and le="1.0" (Python, Java)', () => {
    expect(indicatorQueries({ kind: 'latency', bucket: 'h_bucket', threshold: 1 }, 3600).good).toBe('sum(increase(h_bucket{le=~"1|1[.]0"}[1h]))');
  });

  it('durations are written in the largest whole unit', () => {
    expect([promDuration(300), promDuration(3600), promDuration(86400), promDuration(90)]).toEqual(['5m', '1h', '1d', '90s']);
    expect(substituteWindow('rate(x[{{window}}]) / rate(y[{{window}}])', 1800)).toBe('rate(x[30m]) / rate(y[30m])');
  });
});
