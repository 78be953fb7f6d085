/** Deterministic synthetic traffic snapshots for `npm run bench`. */
import { SNAPSHOT_FORMAT, type Column, type Snapshot } from '../../../src/schemas/snapshot.ts';
import { binomial, mulberry32, poisson } from '../sample/prng.ts';

export const STEP = 300;
/** The data ends here (Unix seconds), so every run sees the same series. */
export const END = Date.parse('2026-11-01T00:00:00Z') / 1000;
const SEED = 20261101;
export const iso = (t: number) => new Date(t * 1000).toISOString();
export const query = (sel: string) => `sum(increase(http_requests_total{${sel}}[{{window}}]))`;

/** What the traffic model needs of an SLO: its id, service and ratio queries. */
export type TrafficSlo = { id: string; service: string; indicator: { kind: string; good?: string | undefined; total?: string } };
/** What the traffic model needs of an incident: the services it hit and when impact began and stopped. */
export type TrafficIncident = { services: readonly string[]; started_at: string; mitigated_at?: string | undefined; resolved_at?: string | undefined };

/**
 * A snapshot of `steps` 5-minute steps from `start`: diurnal Poisson traffic, 0.02% errors, 5%
 * errors while one of its service's incidents is open, and a few null steps (scrape gaps).
 * Integer counts. Deterministic in `index`.
 */
export function trafficSnapshot(slo: TrafficSlo, index: number, incidents: readonly TrafficIncident[], start: number, steps: number): Snapshot {
  if (slo.indicator.kind !== 'ratio' || !slo.indicator.good || !slo.indicator.total) throw new Error(`${slo.id}: expected a good/total ratio indicator`);
  const rng = mulberry32((SEED ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const base = 200 + Math.floor(rng() * 1800);
  const outages = incidents
    .filter((i) => i.services.includes(slo.service))
    .map((i) => [Date.parse(i.started_at) / 1000, Date.parse(i.mitigated_at ?? i.resolved_at ?? iso(END)) / 1000] as const);
  const good: Column = [];
  const total: Column = [];
  for (let i = 0; i < steps; i++) {
    const t = start + i * STEP;
    const gap = rng() < 0.0005;
    const n = gap ? 0 : poisson(rng, base * (1 + 0.5 * Math.sin((2 * Math.PI * t) / 86400)));
    const p = outages.some(([from, to]) => t > from && t <= to) ? 0.05 : 0.0002;
    total.push(gap ? null : n);
    good.push(gap ? null : n - binomial(rng, n, p));
  }
  const queries = { good: slo.indicator.good.replace('{{window}}', '5m'), total: slo.indicator.total.replace('{{window}}', '5m') };
  const generator = `sitrep bench (seed ${SEED})`;
  return { format: SNAPSHOT_FORMAT, slo: slo.id, step: STEP, start, queries, fetchedAt: iso(END), generator, series: { good, total } };
}
