import { describe, expect, it } from 'vitest';
import { gateDecision, type GateInput } from './gate.ts';
import type { SloReport } from './report.ts';

const budget = (remaining: number | null): SloReport['budget'] => ({
  method: 'occurrences', unit: 'events', counted: 10_000, bad: remaining === null ? 0 : (1 - remaining) * 10, allowed: 10,
  consumed: remaining === null ? null : 1 - remaining, remaining, allowedSeconds: 2_592, spentSeconds: null,
});
const input = (id: string, status: SloReport['status'], remaining: number | null, stale = false): GateInput => ({
  report: { id, service: 'api', status, budget: budget(remaining), objective: 0.999, window: '30d', from: 'f', to: 't' } as SloReport,
  policy: { green: 50, yellow: 10 },
  stale,
});

describe('gateDecision', () => {
  it('one green SLO with 80% of its budget left means normal work', () => {
    const g = gateDecision({ kind: 'slo', id: 'a' }, 'now', [input('a', 'green', 0.8)]);
    expect(g).toMatchObject({ status: 'green', decision: 'normal', meaning: 'normal work' });
    expect(g.slos[0]!.budget.remaining).toBeCloseTo(0.8);
  });

  it('a service with a green, a yellow and a red SLO is frozen, worst first, ties by id', () => {
    const g = gateDecision({ kind: 'service', id: 'api' }, 'now', [input('b', 'yellow', 0.3), input('c', 'green', 0.9), input('a', 'red', -0.2, true), input('d', 'yellow', 0.2)]);
    expect(g.decision).toBe('freeze');
    expect(g.slos.map((s) => `${s.id}:${s.decision}`)).toEqual(['a:freeze', 'b:caution', 'd:caution', 'c:normal']);
    expect(g.slos[0]!.stale).toBe(true);
  });

  it('a yellow SLO among green ones means extra caution', () => {
    expect(gateDecision({ kind: 'service', id: 'api' }, 'now', [input('a', 'green', 0.9), input('b', 'yellow', 0.4)]).decision).toBe('caution');
  });

  it('refuses to decide on nothing, or on an SLO without a status', () => {
    expect(() => gateDecision({ kind: 'service', id: 'api' }, 'now', [])).toThrow(/no SLO to decide on for service "api"/);
    expect(() => gateDecision({ kind: 'slo', id: 'a' }, 'now', [input('a', null, null)])).toThrow(/"a" has no status/);
  });
});
