/**
 * A deterministic synthetic organisation for `npm run bench -- --size ...`, written as the same
 * content files a team keeps (services, SLOs, incidents, postmortems, runbooks as YAML and
 * Markdown) plus 90 days of 5-minute snapshots per SLO. Same size, same bytes, on every machine.
 * Written into a folder the caller gives (a temporary one), never into content/.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeSnapshot } from '../../../src/adapters/snapshots/store.ts';
import { mulberry32 } from '../sample/prng.ts';
import { END, iso, query, STEP, trafficSnapshot, type TrafficIncident } from './synthetic.ts';

export type Size = { services: number; slos: number; incidents: number; postmortems: number; runbooks: number };

/** The sizes the issue measures: a team, a department, a large organisation. */
export const SIZES = {
  small: { services: 10, slos: 20, incidents: 200, postmortems: 40, runbooks: 20 },
  medium: { services: 100, slos: 200, incidents: 2_000, postmortems: 400, runbooks: 200 },
  large: { services: 500, slos: 1_000, incidents: 10_000, postmortems: 2_000, runbooks: 500 },
} as const satisfies Record<string, Size>;
export type SizeName = keyof typeof SIZES;

export const DAYS = 90;
const SEED = 20261129;
const SEVERITIES = ['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3', 'SEV3', 'SEV4', 'SEV4'] as const;
const pad = (n: number, width = 4) => String(n).padStart(width, '0');
const serviceId = (i: number) => `svc-${pad(i)}`;
const sloId = (i: number) => `slo-${pad(i)}`;
const incidentId = (i: number) => `inc-${pad(i, 5)}`;
const runbookId = (i: number) => `rb-${pad(i)}`;
const postmortemId = (incident: number) => `pm-${pad(incident, 5)}`;
const day = (t: number) => iso(t).slice(0, 10);

type IncidentDoc = TrafficIncident & Record<string, unknown> & { id: string };

/** Incidents spread evenly over the data's range with jitter, each on one or two services. */
function incidents(size: Size, start: number): IncidentDoc[] {
  const rng = mulberry32(SEED);
  const span = END - start;
  const every = Math.max(1, Math.round(size.incidents / size.postmortems));
  return Array.from({ length: size.incidents }, (_, i) => {
    const began = start + Math.floor(((i + rng() * 0.9) / size.incidents) * span / 60) * 60;
    const minutes = 20 + Math.floor(rng() * 160);
    const severity = SEVERITIES[Math.floor(rng() * SEVERITIES.length)]!;
    const first = Math.floor(rng() * size.services);
    const services = rng() < 0.3 ? [serviceId(first), serviceId((first + 1) % size.services)] : [serviceId(first)];
    // The last two incidents are still open at the data's end.
    const open = i >= size.incidents - 2;
    const t = (m: number) => iso(began + m * 60);
    return {
      id: incidentId(i),
      title: `Synthetic incident ${i}: elevated errors on ${services.join(' and ')}`,
      severity,
      services,
      status: open ? 'investigating' : 'resolved',
      started_at: t(0),
      detected_at: t(2 + (i % 7)),
      acknowledged_at: t(9 + (i % 11)),
      ...(open ? {} : { mitigated_at: t(minutes), resolved_at: t(minutes + 30) }),
      impact: `About ${1 + (i % 40)}% of requests to ${services.join(', ')} failed.`,
      customer_facing: severity !== 'SEV4',
      tags: ['synthetic', `wave-${i % 5}`],
      ...(i % every === 0 && !open ? { postmortem: postmortemId(i) } : {}),
    };
  });
}

function postmortem(inc: IncidentDoc, n: number): string {
  const front = stringify({ title: `Postmortem: ${String(inc.title)}`, incidents: [inc.id], authors: ['Synthetic Author'], status: 'published', date: day(Date.parse(inc.resolved_at!) / 1000 + 3 * 86400) });
  const due = (d: number) => day(Date.parse(inc.started_at) / 1000 + d * 86400);
  const timeline = Array.from({ length: 8 }, (_, k) => `| ${String(10 + k).padStart(2, '0')}:${String((k * 7) % 60).padStart(2, '0')} | Step ${k + 1} of the response to ${inc.id}. |`).join('\n');
  const lorem = `Requests to ${inc.services.join(' and ')} failed while a dependency was unavailable. The team mitigated by shifting traffic and restarting the affected pods. `.repeat(4);
  return `---\n${front}---\n\n## Summary\n\n${lorem}\n\n## Impact\n\n${String(inc.impact)}\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n${timeline}\n\n## Root cause\n\n${lorem}\n\n## Contributing factors\n\n- Alert thresholds too loose.\n- Retry storm after the first failures.\n\n## What went well\n\n- Fast detection.\n\n## What went wrong\n\n- Slow rollback.\n\n## Action items\n\n| Action | Owner | Due | Priority | Status |\n| --- | --- | --- | --- | --- |\n| Add a circuit breaker (${n}) | team-${n % 17} | ${due(14)} | P1 | ${n % 3 === 0 ? 'done' : 'open'} |\n| Tighten the alert (${n}) | team-${n % 13} | ${due(30)} | P2 | in-progress |\n| Document the failover (${n}) | team-${n % 11} | ${due(60)} | P3 | open |\n\n## Lessons learned\n\n${lorem}\n`;
}

function runbook(i: number, size: Size): string {
  const service = i % size.services;
  const slos = [2 * service, 2 * service + 1].filter((s) => s < size.slos).map(sloId);
  const front = stringify({ title: `Runbook ${i} for ${serviceId(service)}`, service: serviceId(service), covers: { slos, alerts: [`Svc${pad(service)}HighErrorRate`] }, owner: `team-${service % 17}`, last_reviewed: day(END - (i % 120) * 86400) });
  return `---\n${front}---\n\nWhat to do when ${serviceId(service)} fails.\n\n## 1. Scope\n\n\`\`\`promql\nsum by (code) (rate(http_requests_total{service="${serviceId(service)}"}[5m]))\n\`\`\`\n\n## 2. Mitigate\n\n- Roll back the last deploy.\n- Shift traffic to the other region.\n`;
}

/** Write the organisation of `size` under `root` (content/ and data/). Returns what it wrote. */
export async function writeOrg(root: string, size: Size, project: string): Promise<{ snapshots: number; files: number }> {
  const steps = (DAYS * 86400) / STEP;
  const start = END - (steps - 1) * STEP;
  const dir = (d: string) => join(root, 'content', d);
  for (const d of ['services', 'slos', 'incidents', 'postmortems', 'runbooks']) await mkdir(dir(d), { recursive: true });
  for (const f of ['site.yaml', 'severities.yaml']) await copyFile(join(project, 'content', f), join(root, 'content', f));
  let files = 2;
  const write = async (d: string, name: string, text: string) => {
    await writeFile(join(dir(d), name), text);
    files++;
  };
  for (let s = 0; s < size.services; s++) {
    await write('services', `${serviceId(s)}.yaml`, stringify({ id: serviceId(s), name: `Service ${s}`, description: `Synthetic service ${s}.`, owner: `team-${s % 17}`, tier: 1 + (s % 3) }));
  }
  const incs = incidents(size, start);
  for (const inc of incs) await write('incidents', `${inc.id}.yaml`, stringify(inc));
  let n = 0;
  for (const inc of incs) if (inc.postmortem) await write('postmortems', `${String(inc.postmortem)}.md`, postmortem(inc, n++));
  for (let r = 0; r < size.runbooks; r++) await write('runbooks', `${runbookId(r)}.md`, runbook(r, size));
  for (let i = 0; i < size.slos; i++) {
    const service = Math.floor(i / 2) % size.services;
    const sel = `service="${serviceId(service)}",slo="${sloId(i)}"`;
    const slo = {
      id: sloId(i), service: serviceId(service), name: `Synthetic SLO ${i}`, description: `Share of requests to service ${service} that succeed.`,
      objective: i % 2 ? 99.5 : 99.9, window: i % 3 ? '30d' : '28d',
      indicator: { kind: 'ratio', good: query(`${sel},code!~"5.."`), total: query(sel) },
      ...(service < size.runbooks ? { runbook: runbookId(service) } : {}),
    };
    await write('slos', `${slo.id}.yaml`, stringify(slo));
    await writeSnapshot(root, trafficSnapshot(slo, i, incs, start, steps));
  }
  return { snapshots: size.slos, files };
}
