import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content/load.ts';
import { fixture, posOf } from '../helpers/fixture.ts';

const OPENSLO = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-success
  displayName: API success rate
  annotations:
    sitrep.dev/runbook: api-errors
spec:
  description: Requests that succeed.
  service: api
  indicator:
    metadata:
      name: api-success
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(increase(http_requests_total{code!~"5.."}[{{window}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(increase(http_requests_total[{{window}}]))
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Timeslices
  objectives:
    - displayName: Good
      target: 0.995
      timeSliceTarget: 0.9
      timeSliceWindow: 1m
`;

const SLOTH = `version: "prometheus/v1"
service: "api"
labels:
  owner: platform-team
slos:
  - name: "requests-availability"
    objective: 99.5
    description: "Common SLO based on availability for HTTP request responses."
    annotations:
      sitrep.dev/runbook: api-errors
    sli:
      events:
        error_query: sum(rate(http_requests_total{code=~"(5..|429)"}[{{.window}}]))
        total_query: sum(rate(http_requests_total[{{.window}}]))
    alerting:
      name: ApiHighErrorRate
  - name: "second"
    objective: 99
    sli:
      events:
        error_query: sum(rate(x_errors[{{.window}}]))
        total_query: sum(rate(x_total[{{.window}}]))
`;

describe('SLO files in other formats', () => {
  it('an OpenSLO v1 SLO becomes a sitrep SLO', async () => {
    const fx = await fixture({ 'content/slos/api-success.yaml': OPENSLO });
    const { content, errors } = await loadContent(fx.root);
    await fx.cleanup();
    expect(errors).toEqual([]);
    const slo = content.slos.find((s) => s.id === 'api-success')!;
    expect(slo).toMatchObject({
      service: 'api',
      name: 'API success rate',
      objective: 99.5,
      window: '28d',
      runbook: 'api-errors',
      indicator: { kind: 'ratio', good: 'sum(increase(http_requests_total{code!~"5.."}[{{window}}]))', total: 'sum(increase(http_requests_total[{{window}}]))' },
      budgeting: { method: 'timeslices', slice: { text: '1m', seconds: 60 }, slice_target: 90 },
      source: { file: 'content/slos/api-success.yaml', line: 1, format: 'openslo' },
    });
  });

  it('a Sloth prometheus/v1 file yields one SLO per entry, named service-name', async () => {
    const fx = await fixture({ 'content/slos/api-sloth.yaml': SLOTH });
    const { content, errors } = await loadContent(fx.root);
    await fx.cleanup();
    expect(errors).toEqual([]);
    const ids = content.slos.map((s) => s.id).sort();
    expect(ids).toEqual(['api-availability', 'api-requests-availability', 'api-second']);
    const slo = content.slos.find((s) => s.id === 'api-requests-availability')!;
    expect(slo).toMatchObject({ objective: 99.5, window: '30d', runbook: 'api-errors', indicator: { kind: 'ratio', bad: expect.stringContaining('{{.window}}') } });
    expect(slo.source.line).toBe(posOf(SLOTH, 'name: "requests').line);
    expect(content.slos.find((s) => s.id === 'api-second')!.source.line).toBe(posOf(SLOTH, 'name: "second"').line);
  });

  it('an OpenSLO target of 1.5 is located in the OpenSLO file', async () => {
    const fx = await fixture({ 'content/slos/api-success.yaml': OPENSLO.replace('target: 0.995', 'target: 1.5') });
    const { errors } = await loadContent(fx.root);
    await fx.cleanup();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'content/slos/api-success.yaml', ...posOf(OPENSLO, '0.995'), field: 'spec.objectives.0.target' });
    expect(errors[0]!.message).toMatch(/fraction below 1/);
  });

  it('an OpenSLO SLO naming an unknown service points at spec.service', async () => {
    const fx = await fixture({ 'content/slos/api-success.yaml': OPENSLO.replace('service: api', 'service: apj') });
    const { errors } = await loadContent(fx.root);
    await fx.cleanup();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ ...posOf(OPENSLO, 'api\n  indicator'), field: 'service', message: expect.stringMatching(/unknown service "apj"/) });
  });

  it('a Sloth raw SLI is read as one event per step, the error ratio of it bad', async () => {
    const text = SLOTH.replace('    sli:\n      events:\n        error_query: sum(rate(x_errors', '    sli:\n      raw:\n        error_ratio_query: sum(rate(x_errors');
    const fx = await fixture({ 'content/slos/api-sloth.yaml': text.replace('total_query: sum(rate(x_total[{{.window}}]))', '') });
    const { content, errors } = await loadContent(fx.root);
    await fx.cleanup();
    expect(errors).toEqual([]);
    expect(content.slos.find((s) => s.id === 'api-second')!.indicator).toEqual({ kind: 'ratio', bad: 'sum(rate(x_errors[{{.window}}]))', total: '(sum(rate(x_errors[{{.window}}]))) * 0 + 1' });
  });

  it('a --- multi-document file is read document by document, with errors at their line in the whole file', async () => {
    const text = `${SLOTH}---\n${SLOTH.replace('service: "api"', 'service: "web"').replace('objective: 99\n', 'objective: 99\n    objectiv: 98\n')}`;
    const fx = await fixture({ 'content/slos/api-sloth.yaml': text });
    const { errors } = await loadContent(fx.root);
    await fx.cleanup();
    expect(errors).toEqual([expect.objectContaining({ file: 'content/slos/api-sloth.yaml', ...posOf(text, 'objectiv:'), field: 'slos.1.objectiv', message: 'unknown field (did you mean "objective"?)' })]);
  });

  it('time slices the snapshot step does not divide are an error at the slice, not silently computed at the step', async () => {
    const snapshot = (step: number) => JSON.stringify({
      format: 'sitrep-snapshot/v1', slo: 'api-availability', step, start: 1790000100 - (1790000100 % step), queries: {}, fetchedAt: '2026-10-01T00:00:00Z',
      series: { good: [1, 1], total: [1, 1] },
    });
    const slo = (text: string) => `${text}budgeting:\n  method: timeslices\n  slice: 1m\n`;
    const bad = await fixture({ 'content/slos/api-availability.yaml': slo, 'data/snapshots/api-availability.json': snapshot(300) });
    const res = await loadContent(bad.root);
    await bad.cleanup();
    expect(res.errors).toEqual([expect.objectContaining({ file: 'content/slos/api-availability.yaml', line: 13, field: 'budgeting.slice', message: expect.stringMatching(/time slices of 1m need data at a step that divides them, but data\/snapshots\/api-availability.json has 300-second steps: run npm run fetch again \(it fetches these slices at a step that divides them\)/) })]);
    const good = await fixture({ 'content/slos/api-availability.yaml': slo, 'data/snapshots/api-availability.json': snapshot(60) });
    const ok = await loadContent(good.root);
    await good.cleanup();
    expect(ok.errors).toEqual([]);
  });
});
