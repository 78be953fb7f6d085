import { rm, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/core/gate.ts';
import { spawn } from 'node:child_process';
import { PROJECT } from '../helpers/build.ts';
import { collect } from '../helpers/process.ts';
import { runScript, sampleCopy } from './run.ts';

const gate = (args: string[], env: Record<string, string> = {}) => runScript('gate', args, { env });

describe('npm run gate on the bundled sample', () => {
  it('a red SLO (checkout-availability, budget overspent) means a feature freeze and exit 1', async () => {
    const r = await gate(['--slo', 'checkout-availability']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^RED: feature freeze/);
    expect(r.stdout).toMatch(/red +checkout-availability: -\d+\.\d% of the error budget left \(\d+\.\d% consumed; [\d,]+ bad of [\d,]+(\.\d)? allowed events/);
  });

  it('a yellow SLO (checkout-latency) means extra caution and exit 0, with the budget in JSON', async () => {
    const r = await gate(['--slo', 'checkout-latency', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as GateResult;
    expect(j).toMatchObject({ schema: 'sitrep-gate/v1', target: { kind: 'slo', id: 'checkout-latency' }, status: 'yellow', decision: 'caution', asOf: '2026-11-15T00:00:00.000Z' });
    const b = j.slos[0]!.budget;
    expect(b.remaining).toBeGreaterThan(0.1);
    expect(b.remaining).toBeLessThanOrEqual(0.5);
    expect(b.consumed! + b.remaining!).toBeCloseTo(1, 9);
  });

  it('through npm run -s, as the README says to read its JSON, standard output is the JSON alone', async () => {
    const r = await collect(spawn('npm', ['run', '-s', 'gate', '--', '--slo', 'checkout-latency', '--json'], { cwd: PROJECT, env: { ...process.env, SITREP_AS_OF: '', SITREP_ROOT: '' }, stdio: ['ignore', 'pipe', 'pipe'] }));
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as GateResult).status).toBe('yellow');
  });

  it('a time-slice budget is counted in slices, to one decimal where a slice is partly bad, as on the SLO page', async () => {
    const r = await gate(['--service', 'payments']);
    expect(r.stdout).toMatch(/payments-authorisation: .*; \d+\.\d bad of \d+\.\d allowed slices,/);
    expect(r.stdout).not.toMatch(/\d\.\d{3,} bad/);
  });

  it('a green service (identity: both SLOs green) means normal work and exit 0', async () => {
    const r = await gate(['--service', 'identity']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^GREEN: normal work/);
    expect(r.stdout).toContain('identity-admin-api');
    expect(r.stdout).toContain('identity-login');
  });

  it('a service takes its worst SLO: checkout-api (one red, one yellow) is frozen, red listed first', async () => {
    const r = await gate(['--service', 'checkout-api', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as GateResult;
    expect(j.status).toBe('red');
    expect(j.slos.map((s) => [s.id, s.status])).toEqual([['checkout-availability', 'red'], ['checkout-latency', 'yellow']]);
  });

  it('--as-of before the sample data starts is an error about the missing budget, not a green light', async () => {
    const r = await gate(['--slo', 'identity-login', '--as-of', '2020-01-01T00:00:00Z']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/identity-login.*no events in its window/);
  });
});

describe('npm run gate on broken input', () => {
  it('an unknown id exits 2 with a did-you-mean hint', async () => {
    const r = await gate(['--service', 'checkout']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no service "checkout" (did you mean "checkout-api"?)');
    const s = await gate(['--slo', 'checkout-availabilty']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('did you mean "checkout-availability"?');
  });

  it('an SLO without a snapshot exits 2 and says to fetch', async () => {
    const fx = await sampleCopy();
    await rm(join(fx.root, 'data/snapshots/search-availability.json'));
    const r = await gate(['--service', 'search', '--root', fx.root]);
    await fx.cleanup();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SLO "search-availability" .* has no snapshot in data\/snapshots\/: run npm run fetch first/);
  });

  it('invalid content exits 2 with the file:line:col errors', async () => {
    const fx = await sampleCopy();
    const file = join(fx.root, 'content/slos/identity-admin-api.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^objective: .*$/m, 'objective: 0.99'));
    const r = await gate(['--slo', 'identity-admin-api', '--root', fx.root]);
    await fx.cleanup();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/content\/slos\/identity-admin-api\.yaml:\d+:\d+ objective:/);
  });

  it('neither or both of --service and --slo is a usage error (exit 2)', async () => {
    expect((await gate([])).code).toBe(2);
    const r = await gate(['--service', 'identity', '--slo', 'identity-login']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: npm run gate');
  });
});
