/**
 * `npm run gate`: the error-budget policy decision for a service or an SLO, from the latest
 * snapshots in data/. Exit status: 0 green (normal work) or yellow (extra caution), 1 red (feature
 * freeze), 2 for errors (usage, unknown id, invalid content, no snapshot).
 */
import { resolve } from 'node:path';
import { nearest } from '../src/adapters/content/checks.ts';
import { gateDecision, type GateInput, type GateResult } from '../src/core/gate.ts';
import { buildModel } from '../src/site/model.ts';
import { units } from '../src/site/slo-page.ts';
import { parseOptions } from './lib/cli.ts';

const USAGE = `Usage: npm run gate -- (--service ID | --slo ID) [--json] [--as-of ISO] [--root DIR]

Print the error-budget policy decision from the latest snapshots:
green = normal work, yellow = extra caution, red = feature freeze (only fixes ship).
  --service ID  decide for every SLO of a service (the worst status wins)
  --slo ID      decide for one SLO
  --json        print the decision as JSON (schema sitrep-gate/v1)
  --as-of ISO   report time (default: SITREP_AS_OF, or the end of the newest snapshot)
  --root DIR    folder holding content/ and data/ (default: SITREP_ROOT, or the current directory)
Exit status: 0 green or yellow, 1 red, 2 error.
`;

const fail = (message: string): never => {
  process.stderr.write(`sitrep gate: ${message}\n`);
  process.exit(2);
};

const values = parseOptions(
  { service: { type: 'string' }, slo: { type: 'string' }, json: { type: 'boolean', default: false }, 'as-of': { type: 'string' }, root: { type: 'string' } },
  USAGE,
);
if ((values.service === undefined) === (values.slo === undefined)) {
  process.stderr.write(`sitrep gate: give exactly one of --service or --slo\n\n${USAGE}`);
  process.exit(2);
}
const root = resolve(values.root ?? (process.env.SITREP_ROOT || '.'));
const asOfEnv = values['as-of'] ?? process.env.SITREP_AS_OF;

const model = await buildModel(root, { ...process.env, SITREP_AS_OF: asOfEnv ?? '' }, { history: false }).catch((e: Error) => fail(e.message));

const target: GateResult['target'] = values.slo !== undefined ? { kind: 'slo', id: values.slo } : { kind: 'service', id: values.service! };
const views = target.kind === 'slo' ? model.slos.filter((v) => v.slo.id === target.id) : model.slos.filter((v) => v.slo.service === target.id);
if (!views.length) {
  const known = target.kind === 'slo' ? model.slos.map((v) => v.slo.id) : model.content.services.map((s) => s.id);
  if (target.kind === 'service' && known.includes(target.id)) fail(`service "${target.id}" has no SLOs in content/slos/: nothing to gate on`);
  fail(`no ${target.kind === 'slo' ? 'SLO' : 'service'} "${target.id}"${nearest(target.id, known) || ` (known: ${known.join(', ')})`}`);
}
const inputs: GateInput[] = [];
for (const v of views) {
  if (v.report === null) fail(`SLO "${v.slo.id}" (${v.slo.source.file}) has no snapshot in data/snapshots/: run npm run fetch first`);
  else if (v.report.status === null) fail(`SLO "${v.slo.id}" has no events in its window ending ${v.report.to}: no budget to decide on`);
  else inputs.push({ report: v.report, policy: v.slo.policy, stale: v.fetch !== null && !v.fetch.ok });
}
const result = gateDecision(target, new Date(model.asOf * 1000).toISOString(), inputs);

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  const lines = [`${result.status.toUpperCase()}: ${result.meaning}`, `${target.kind} ${target.id}, as of ${result.asOf}`, ''];
  for (const s of result.slos) {
    const b = s.budget;
    lines.push(
      `  ${s.status.padEnd(6)} ${s.id}: ${pct(b.remaining)} of the error budget left (${pct(b.consumed)} consumed; ${units(b.bad)} bad of ${units(b.allowed)} allowed ${b.unit}, ` +
        `${s.window} window, objective ${(s.objective * 100).toPrecision(6).replace(/\.?0+$/, '')}%; policy: green above ${s.policy.green}%, yellow above ${s.policy.yellow}%)${s.stale ? ' [stale: last fetch failed]' : ''}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
process.exitCode = result.status === 'red' ? 1 : 0;
