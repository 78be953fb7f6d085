import { describe, expect, it } from 'vitest';
import { maintenanceInterval, maintenanceState, maintenanceWindows, sloSeries } from './maintenance.ts';
import { compliance } from './compliance.ts';
import { budgetingMethods } from './methods.ts';
import { at, constantInput, makeSlo } from './test-fixtures.ts';
import { buildSeries } from './series.ts';
import { maintenanceSchema, type Maintenance } from '../schemas/maintenance.ts';

const make = (over: Partial<Maintenance> = {}): Maintenance =>
  maintenanceSchema.parse({ id: 'db-upgrade', title: 'Database upgrade', services: ['checkout'], planned_start: '2026-10-10T02:00:00Z', planned_end: '2026-10-10T04:00:00Z', ...over });

describe('maintenance windows', () => {
  it('uses the planned window until the actual times are known', () => {
    expect(maintenanceInterval(make(), at('2026-10-01T00:00:00Z'))).toEqual({ from: at('2026-10-10T02:00:00Z'), to: at('2026-10-10T04:00:00Z') });
    const done = make({ actual_start: '2026-10-10T02:10:00Z', actual_end: '2026-10-10T03:00:00Z' });
    expect(maintenanceInterval(done, at('2026-11-01T00:00:00Z'))).toEqual({ from: at('2026-10-10T02:10:00Z'), to: at('2026-10-10T03:00:00Z') });
  });

  it('runs a started maintenance with no actual end to its planned end, or on to asOf when it overruns', () => {
    const started = make({ actual_start: '2026-10-10T02:05:00Z' });
    expect(maintenanceInterval(started, at('2026-10-10T03:00:00Z')).to).toBe(at('2026-10-10T04:00:00Z'));
    expect(maintenanceInterval(started, at('2026-10-10T05:00:00Z')).to).toBe(at('2026-10-10T05:00:00Z'));
    expect(maintenanceState(started, at('2026-10-10T05:00:00Z'))).toBe('past');
  });

  it('is upcoming before its window, ongoing inside it and past after it', () => {
    const m = make();
    expect(maintenanceState(m, at('2026-10-10T01:59:00Z'))).toBe('upcoming');
    expect(maintenanceState(m, at('2026-10-10T03:00:00Z'))).toBe('ongoing');
    expect(maintenanceState(m, at('2026-10-10T04:00:00Z'))).toBe('past');
  });

  it('gives the merged windows of one service only', () => {
    const ms = [make(), make({ id: 'b', planned_start: '2026-10-10T03:30:00Z', planned_end: '2026-10-10T05:00:00Z' }), make({ id: 'c', services: ['search'] })];
    expect(maintenanceWindows(ms, 'checkout', 0)).toEqual([{ from: at('2026-10-10T02:00:00Z'), to: at('2026-10-10T05:00:00Z') }]);
    expect(maintenanceWindows(ms, 'payments', 0)).toEqual([]);
  });

  it('refuses a maintenance without services', () => {
    expect(maintenanceSchema.safeParse({ ...make(), services: [] }).error!.issues[0]!.message).toBe('must name at least one service');
  });
});

describe('buildSeries with windows excluded (exclude_maintenance)', () => {
  // 10 steps of 1,000 events ending at 300, 600, ..., 3000; 50 bad in step 3 (ending at 1,200).
  const input = constantInput(300, 300, 10, 1000, (i) => (i === 3 ? 50 : i === 9 ? null : 0));
  const series = buildSeries(input);
  const slo = makeSlo({ objective: 99 });

  it('a window over steps 3–4 drops their events: 8,000 events and 0 bad instead of 9,000 and 50', () => {
    const before = compliance(slo, series, 0, 3000);
    expect([before.total, before.bad, before.budget.consumed]).toEqual([9000, 50, 50 / 90]);
    const after = compliance(slo, buildSeries(input, [{ from: 900, to: 1500 }]), 0, 3000);
    expect([after.total, after.bad, after.budget.consumed]).toEqual([7000, 0, 0]);
    // Coverage is unchanged: the steps still have data; the missing step 9 stays missing.
    expect(after.coverage).toBe(before.coverage);
    expect(after.presentSteps).toBe(9);
  });

  it('a slice made only of excluded steps is a no-traffic slice', () => {
    const m = budgetingMethods(makeSlo({ objective: 99, budgeting: { method: 'timeslices', slice: '5m' } }), buildSeries(input, [{ from: 900, to: 1200 }]), 0, 3000);
    expect(m.timeslices).toMatchObject({ goodSlices: 8, badSlices: 0, noTrafficSlices: 1, missingSlices: 1, sli: 1 });
  });

  it('leaves a missing step inside a window missing', () => {
    const after = compliance(slo, buildSeries(input, [{ from: 2400, to: 3000 }]), 0, 3000);
    expect([after.total, after.presentSteps]).toEqual([8000, 9]);
  });

  it('empties the steps of every window, overlapping or apart, and counts a clamp inside one', () => {
    // Step 1 has good above total (clamped), inside the first window; steps 6–7 in the second.
    const cols = { start: 0, step: 60, series: { total: [10, 10, 10, 10, 10, 10, 10, 10], good: [10, 30, 9, 10, 10, 10, 5, 8] } };
    const s = buildSeries(cols, [{ from: 0, to: 90 }, { from: 30, to: 120 }, { from: 330, to: 420 }]);
    // Steps end at 0, 60, ..., 420: steps 1–2 (ends 60, 120) and 6–7 (360, 420) are emptied.
    expect([...s.totalSum]).toEqual([0, 10, 10, 10, 20, 30, 40, 40, 40]);
    expect([...s.goodSum]).toEqual([0, 10, 10, 10, 20, 30, 40, 40, 40]);
    expect([...s.presentSum]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(s.clamped).toBe(1);
  });

  it('is what an SLO with exclude_maintenance: true is judged on, and only then', () => {
    const ms = [make({ services: ['checkout'], planned_start: '1970-01-01T00:15:00Z', planned_end: '1970-01-01T00:25:00Z' })];
    expect(sloSeries(makeSlo({ objective: 99 }), input, ms, 3000)).toEqual(series);
    const excluded = sloSeries(makeSlo({ objective: 99, exclude_maintenance: true }), input, ms, 3000);
    expect(compliance(slo, excluded, 0, 3000)).toMatchObject({ total: 7000, bad: 0 });
    expect(sloSeries(makeSlo({ objective: 99, exclude_maintenance: true, service: 'search' }), input, ms, 3000)).toEqual(series);
  });
});
