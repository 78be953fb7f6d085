import { describe, expect, it } from 'vitest';
import { indicatorQueries, promDuration, substituteWindow } from '../../src/adapters/prometheus/queries.ts';
import { locateQueries } from '../../src/adapters/prometheus/query-lines.ts';

describe('PromQL built from an indicator', () => {
  it('the step becomes the {{window}} of ratio queries, also in Sloth spelling', () => {
    expect(indicatorQueries({ kind: 'ratio', good: 'sum(increase(ok[{{window}}]))', total: 'sum(increase(all[{{ .window }}]))' }, 300)).toEqual({
      good: 'sum(increase(ok[5m]))',
      total: 'sum(increase(all[5m]))',
    });
  });

  it('{{window_seconds}} becomes the step in seconds, so a per-second rate times it counts the step', () => {
    expect(substituteWindow('(sum(rate(x[{{.window}}]))) * {{window_seconds}}', 300)).toBe('(sum(rate(x[5m]))) * 300');
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

describe('where each query is written, for error messages', () => {
  it('finds a sitrep SLO\'s queries on their own lines', () => {
    const text = 'id: a\nservice: api\nindicator:\n  kind: ratio\n  good: sum(increase(ok[{{window}}]))\n  total: >-\n    sum(increase(all[{{window}}]))\n';
    const slo = { id: 'a', source: { file: 'a.yaml', line: 1 }, indicator: { kind: 'ratio' as const, good: 'sum(increase(ok[{{window}}]))', total: 'sum(increase(all[{{window}}]))' } };
    expect(locateQueries(text, slo)).toEqual({ good: 5, total: 6 });
  });
  it('finds the queries of the right SLO in a Sloth file of several, after the SLO\'s own line', () => {
    const q = (n: string) => `sum(rate(${n}[{{.window}}]))`;
    const text = `version: prometheus/v1\nservice: api\nslos:\n  - name: one\n    objective: 99\n    sli:\n      events:\n        error_query: ${q('err')}\n        total_query: ${q('all')}\n  - name: two\n    objective: 99.9\n    sli:\n      events:\n        error_query: ${q('err')}\n        total_query: ${q('all')}\n`;
    const slo = { id: 'api-two', source: { file: 's.yaml', line: 10 }, indicator: { kind: 'ratio' as const, bad: q('err'), total: q('all') } };
    expect(locateQueries(text, slo)).toEqual({ bad: 14, total: 15 });
  });
  it('points both series of a latency SLO at its bucket', () => {
    const text = 'id: l\nindicator:\n  kind: latency\n  bucket: h_bucket{job="api"}\n  threshold: 0.5\n';
    const slo = { id: 'l', source: { file: 'l.yaml', line: 1 }, indicator: { kind: 'latency' as const, bucket: 'h_bucket{job="api"}', threshold: 0.5 } };
    expect(locateQueries(text, slo)).toEqual({ good: 4, total: 4 });
  });
});
