/** Builders for tests: SLOs and incidents through the real schemas (so defaults apply), and series. */
import { incidentSchema, type Incident } from '../schemas/incident.ts';
import { sloSchema, type Slo, type SloInput } from '../schemas/slo.ts';
import { buildSeries, type Series, type SeriesInput } from './series.ts';

/** A 99.9% 30d ratio SLO on service `checkout`, overridable. */
export function makeSlo(over: Partial<SloInput> = {}): Slo {
  return sloSchema.parse({
    id: 'checkout-availability',
    service: 'checkout',
    name: 'Checkout availability',
    objective: 99.9,
    indicator: { kind: 'ratio', bad: 'sum(increase(errors[{{window}}]))', total: 'sum(increase(requests[{{window}}]))' },
    ...over,
  });
}

type IncidentOver = Partial<Omit<Incident, 'severity' | 'status'>> & { severity?: string; status?: string };

/** A resolved SEV2 on `checkout`, overridable; timestamps are ISO text. */
export function makeIncident(over: IncidentOver = {}): Incident {
  return incidentSchema.parse({
    id: 'inc-1',
    title: 'Checkout errors',
    severity: 'SEV2',
    services: ['checkout'],
    status: 'resolved',
    started_at: '2026-10-03T10:00:00Z',
    resolved_at: '2026-10-03T11:00:00Z',
    ...over,
  });
}

/** Snapshot columns of `n` steps with constant `total` per step and `bad(i)` bad events at step i (null: no data). */
export function constantInput(start: number, step: number, n: number, total: number, bad: (i: number) => number | null = () => 0): SeriesInput {
  const t: (number | null)[] = [];
  const b: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const v = bad(i);
    t.push(v === null ? null : total);
    b.push(v);
  }
  return { start, step, series: { total: t, bad: b } };
}

/** The series of constantInput's columns. */
export function constantSeries(start: number, step: number, n: number, total: number, bad: (i: number) => number | null = () => 0): Series {
  return buildSeries(constantInput(start, step, n, total, bad));
}

/** Unix seconds of ISO text. */
export const at = (iso: string): number => Date.parse(iso) / 1000;
