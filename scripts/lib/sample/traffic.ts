/** Turns a traffic profile, the incidents and the bad periods into one SLO's columns. */
import { errorRatioAllowed, impactInterval } from '../../../src/core/index.ts';
import type { Incident } from '../../../src/schemas/incident.ts';
import type { Slo } from '../../../src/schemas/slo.ts';
import type { Column } from '../../../src/schemas/snapshot.ts';
import { binomial, normal, poisson, streamRng, type Rng } from './prng.ts';
import {
  END, GAPS, INCIDENT_OVERRIDES, PROFILES, SEVERITY_IMPACT, START, STEP, SURGES, UNDECLARED,
  defaultProfile, type TrafficProfile,
} from './profiles.ts';

/** A span of elevated bad ratio, in Unix seconds. `tail` is a weaker after-effect up to `tailEnd`. */
export interface BadPeriod {
  from: number;
  to: number;
  ratio: number;
  tailEnd: number;
  source: string;
}

const sec = (iso: string) => Date.parse(iso) / 1000;

/** Gaussian bump on a 24-hour circle. */
function bump(hour: number, centre: number, width: number): number {
  let d = Math.abs(hour - centre);
  if (d > 12) d = 24 - d;
  return Math.exp(-(d * d) / (2 * width * width));
}

/** Expected events in the step ending at `t`, before noise. */
export function expectedVolume(p: TrafficProfile, service: string, t: number): number {
  const mid = t - STEP / 2;
  const hour = (mid / 3600) % 24; // UTC; most customers are in CET, peak 19-20 UTC
  const day = new Date(mid * 1000).getUTCDay();
  const weekend = day === 0 || day === 6;
  let shape: number;
  if (p.office) {
    shape = weekend ? p.weekend * bump(hour, 12, 2.5) : Math.min(1, 0.15 + bump(hour, 10, 2.2) + 0.9 * bump(hour, 15, 2.2));
    shape = Math.max(shape, p.floor);
  } else {
    shape = p.floor + (1 - p.floor) * Math.min(1, 0.55 * bump(hour, 12, 3) + 1.0 * bump(hour, 19.5, 2.3));
    if (weekend) shape *= p.weekend;
  }
  // Slow growth over the half year, and sale surges.
  let volume = p.peak * shape * (1 + (0.18 * (t - START)) / (END - START));
  for (const s of SURGES) {
    if (s.services.includes(service) && t > sec(s.from) && t <= sec(s.to)) volume *= s.factor;
  }
  if (p.launch !== undefined && p.rampSeconds) volume *= Math.min(1, 0.1 + (0.9 * (t - p.launch)) / p.rampSeconds);
  return volume;
}

/** The incidents and undeclared bad periods that affect one SLO. */
export function badPeriods(slo: Slo, incidents: Incident[], seed: number): BadPeriod[] {
  const errorBudget = errorRatioAllowed(slo.objective);
  const out: BadPeriod[] = [];
  for (const inc of incidents) {
    const o = INCIDENT_OVERRIDES[inc.id];
    const hit = o?.slos !== undefined ? o.slos.includes(slo.id) : inc.services.includes(slo.service);
    if (!hit) continue;
    const sev = SEVERITY_IMPACT[inc.severity];
    // Latency incidents hurt latency SLOs; error incidents hurt availability SLOs more than latency ones.
    const latencyIncident = inc.tags.includes('latency');
    const kindFactor = slo.indicator.kind === 'latency' ? (latencyIncident ? 1 : 0.5) : latencyIncident ? 0.15 : 1;
    const jitter = 0.7 + 0.6 * streamRng(seed, `incident:${inc.id}`)();
    const ratio = Math.min(0.95, Math.max(sev.ratio, sev.budgetMultiple * errorBudget) * kindFactor * jitter * (o?.scale ?? 1) * (o?.sloScale?.[slo.id] ?? 1));
    const { from, to } = impactInterval(inc, END);
    const tailEnd = Math.max(to, inc.resolved_at ? sec(inc.resolved_at) : to);
    out.push({ from, to, ratio, tailEnd, source: inc.id });
  }
  for (const u of UNDECLARED) {
    if (u.slo === slo.id) out.push({ from: sec(u.from), to: sec(u.to), ratio: u.ratio, tailEnd: sec(u.to), source: 'undeclared' });
  }
  return out;
}

/** Extra bad ratio in the step `(t - STEP, t]` from the bad periods, weighted by overlap. */
function incidentRatio(periods: BadPeriod[], t: number): number {
  let extra = 0;
  for (const b of periods) {
    if (b.tailEnd <= t - STEP || b.from >= t) continue;
    const main = Math.max(0, Math.min(t, b.to) - Math.max(t - STEP, b.from)) / STEP;
    const tail = Math.max(0, Math.min(t, b.tailEnd) - Math.max(t - STEP, b.to)) / STEP;
    extra += b.ratio * main + b.ratio * 0.08 * tail;
  }
  return Math.min(0.97, extra);
}

function isGap(slo: Slo, t: number, extra: Set<number>): boolean {
  if (extra.has(t)) return true;
  for (const g of GAPS) {
    if (g.slos && !g.slos.includes(slo.id)) continue;
    const from = sec(g.from);
    if (t > from && t <= from + g.steps * STEP) return true;
  }
  return false;
}

export interface Generated {
  start: number;
  series: { total: Column; good?: Column; bad?: Column };
  periods: BadPeriod[];
}

/** Generate one SLO's columns. Independent of the other SLOs: its own PRNG stream. */
export function generateSlo(slo: Slo, incidents: Incident[], seed: number): Generated {
  const profile = PROFILES[slo.id] ?? defaultProfile(slo);
  const rng: Rng = streamRng(seed, `slo:${slo.id}`);
  const errorBudget = errorRatioAllowed(slo.objective);
  const periods = badPeriods(slo, incidents, seed);
  const first = Math.max(START + STEP, profile.launch !== undefined ? Math.ceil(profile.launch / STEP) * STEP + STEP : START + STEP);

  // A few random one-off scrape gaps of 1-3 steps for this SLO alone.
  const extraGaps = new Set<number>();
  const gapRng = streamRng(seed, `gaps:${slo.id}`);
  const nSteps = (END - first) / STEP + 1;
  for (let g = 0; g < 3; g++) {
    const at = first + Math.floor(gapRng() * nSteps) * STEP;
    const len = 1 + Math.floor(gapRng() * 3);
    for (let k = 0; k < len; k++) extraGaps.add(at + k * STEP);
  }

  const total: Column = [];
  const bad: Column = [];
  let dayFactor = 1;
  let blip = 0;
  for (let t = first; t <= END; t += STEP) {
    // Noise: draw for every step, gap or not, so a gap does not shift the rest of the series.
    const noise = Math.exp(0.06 * normal(rng));
    if ((t - STEP / 2) % 86400 < STEP) dayFactor = Math.exp(0.35 * normal(rng)); // some days are worse than others
    if (blip > 0) blip--;
    else if (rng() < 0.0015) blip = 1 + Math.floor(rng() * 3); // a few-step error burst: a deploy, a bad pod
    const u = rng();
    if (isGap(slo, t, extraGaps)) {
      total.push(null);
      bad.push(null);
      continue;
    }
    const n = poisson(rng, expectedVolume(profile, slo.service, t) * noise);
    let p = errorBudget * profile.baseline * dayFactor * (blip > 0 ? 5 : 1) + incidentRatio(periods, t);
    p = Math.min(0.97, p * (0.9 + 0.2 * u));
    total.push(n);
    bad.push(binomial(rng, n, p));
  }

  const usesGood = slo.indicator.kind === 'latency' || slo.indicator.good !== undefined;
  const series: Generated['series'] = { total };
  if (usesGood) series.good = total.map((n, i) => (n === null ? null : n - bad[i]!));
  else series.bad = bad;
  return { start: first, series, periods };
}
