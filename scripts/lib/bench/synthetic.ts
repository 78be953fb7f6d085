/** Deterministic synthetic SLOs, incidents and snapshots for `npm run bench`. */
import { incidentSchema, type Incident } from '../../../src/schemas/incident.ts';
import { sloSchema, type Slo } from '../../../src/schemas/slo.ts';
import { SNAPSHOT_FORMAT, type Column, type Snapshot } from '../../../src/schemas/snapshot.ts';
import { binomial, mulberry32, poisson } from '../sample/prng.ts';

export const STEP = 300;
/** The data ends here (Unix seconds), so every run sees the same series. */
export const END = Date.parse('2026-11-01T00:00:00Z') / 1000;
const SERVICES = 20;
const SEED = 20261101;
const iso = (t: number) => new Date(t * 1000).toISOString();
const query = (sel: string) => `sum(increase(http_requests_total{${sel}}[{{window}}]))`;

export type Scenario = { start: number; steps: number; slos: Slo[]; incidents: Incident[] };

/** `count` SLOs (objective 99.9, 30d, ratio) over 20 services, `days` of 5-minute steps, six incidents. */
export function scenario(count: number, days: number): Scenario {
  const steps = (days * 86400) / STEP;
  const start = END - (steps - 1) * STEP;
  const slos = Array.from({ length: count }, (_, i) => {
    const id = `bench-${String(i).padStart(4, '0')}`;
    const indicator = { kind: 'ratio', good: query(`slo="${id}",code!~"5.."`), total: query(`slo="${id}"`) };
    return sloSchema.parse({ id, service: `svc-${i % SERVICES}`, name: `Synthetic SLO ${i}`, objective: 99.9, window: '30d', indicator });
  });
  // At fixed fractions of the range, each hitting 4 services for 30 minutes to 3 hours.
  const incidents = [0.15, 0.3, 0.5, 0.7, 0.85, 0.97].map((f, k) => {
    const began = start + Math.round(((END - start) * f) / STEP) * STEP;
    const ended = began + (30 + 30 * k) * 60;
    return incidentSchema.parse({
      id: `bench-inc-${k + 1}`, title: `Synthetic incident ${k + 1}`, severity: k % 2 ? 'SEV3' : 'SEV2', status: 'resolved',
      services: [0, 5, 10, 15].map((s) => `svc-${(s + k) % SERVICES}`),
      started_at: iso(began), detected_at: iso(began + 300), acknowledged_at: iso(began + 600),
      mitigated_at: iso(ended), resolved_at: iso(ended + 1800),
    });
  });
  return { start, steps, slos, incidents };
}

/**
 * The snapshot of SLO `index`: diurnal Poisson traffic, 0.02% errors, 5% errors while one of
 * its service's incidents is open, and a few null steps (scrape gaps). Integer counts.
 */
export function snapshotFor(sc: Scenario, index: number): Snapshot {
  const slo = sc.slos[index]!;
  if (slo.indicator.kind !== 'ratio') throw new Error(`${slo.id}: expected a ratio indicator`);
  const rng = mulberry32((SEED ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const base = 200 + Math.floor(rng() * 1800);
  const outages = sc.incidents
    .filter((i) => i.services.includes(slo.service))
    .map((i) => [Date.parse(i.started_at) / 1000, Date.parse(i.mitigated_at!) / 1000] as const);
  const good: Column = [];
  const total: Column = [];
  for (let i = 0; i < sc.steps; i++) {
    const t = sc.start + i * STEP;
    const gap = rng() < 0.0005;
    const n = gap ? 0 : poisson(rng, base * (1 + 0.5 * Math.sin((2 * Math.PI * t) / 86400)));
    const p = outages.some(([from, to]) => t > from && t <= to) ? 0.05 : 0.0002;
    total.push(gap ? null : n);
    good.push(gap ? null : n - binomial(rng, n, p));
  }
  const queries = { good: slo.indicator.good!.replace('{{window}}', '5m'), total: slo.indicator.total.replace('{{window}}', '5m') };
  const generator = `sitrep bench (seed ${SEED})`;
  return { format: SNAPSHOT_FORMAT, slo: slo.id, step: STEP, start: sc.start, queries, fetchedAt: iso(END), generator, series: { good, total } };
}
