/**
 * `npm run bench -- --size small --growth` as a smoke test: the benchmark generates its
 * organisation, runs every stage with the real commands, then again with twice the incidents and
 * twice the SLOs, and writes its results. It asserts that the stages ran and produced pages, and
 * that the growth table compares what it says, never a time (these machines are shared and noisy:
 * targets live in the bench).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/build.ts';
import { collect } from '../helpers/process.ts';
import type { Stage } from '../../scripts/lib/bench/stages.ts';
import { SIZES } from '../../scripts/lib/bench/org.ts';

const temps: string[] = [];
afterAll(() => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));


describe('npm run bench -- --size small --growth', () => {
  it('generates the organisation outside content/, runs every stage, again with twice the incidents and twice the SLOs, and writes the tables as Markdown and JSON', { timeout: 300_000 }, async () => {
    const results = await mkdtemp(join(tmpdir(), 'sitrep-bench-results-'));
    temps.push(results);
    const contentBefore = await readdir(join(PROJECT, 'content'), { recursive: true });
    const r = await collect(spawn(process.execPath, [join(PROJECT, 'scripts/bench.ts'), '--size', 'small', '--growth', '--results', results], { cwd: PROJECT, stdio: ['ignore', 'pipe', 'pipe'] }));
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const json = JSON.parse(await readFile(join(results, 'small.json'), 'utf8')) as {
      size: string;
      counts: Record<string, number>;
      stages: Stage[];
      growth: { name: string; counts: Record<string, number>; stages: Stage[] }[];
      growthRatios: { stage: string; base: number; walls: number[]; ratios: number[]; pass: boolean }[];
    };
    expect(json.size).toBe('small');
    expect(json.counts).toEqual({ services: 10, slos: 20, incidents: 200, postmortems: 40, runbooks: 20 });
    const byName = new Map(json.stages.map((s) => [s.stage, s]));
    for (const name of ['check', 'snapshot load', 'content load', 'engine', 'charts', 'astro build (pages)', 'npm run build (cold)', 'rebuild, one postmortem edited']) {
      expect(byName.get(name)?.wallSeconds, name).toBeGreaterThan(0);
    }
    // The commands measured in their own process report CPU time and peak memory.
    for (const name of ['check', 'npm run build (cold)', 'rebuild, one postmortem edited']) {
      expect(byName.get(name)!.cpuSeconds, name).toBeGreaterThan(0);
      expect(byName.get(name)!.maxRssBytes, name).toBeGreaterThan(10 * 1024 * 1024);
    }
    // The rebuild parses the edited postmortem again and takes the other 259 files from the cold build's cache; it
    // renders the edited postmortem's page again and links the other keyed pages (incidents, postmortems, runbooks,
    // SLOs and services: 200 + 40 + 20 + 20 + 10; the 5 period reports; the incident history's second page, at 100
    // incidents a page; no later tracker page, at 50 services a page); the one search shard holds the edited page.
    const keyed = SIZES.small.incidents + SIZES.small.postmortems + SIZES.small.runbooks + SIZES.small.slos + SIZES.small.services + 5 + (Math.ceil(SIZES.small.incidents / 100) - 1);
    expect(byName.get('rebuild, one postmortem edited')!.detail).toMatch(new RegExp(`the page shows the edit; 259 content files as the cold build parsed them, 1 parsed again; ${keyed - 1} pages linked from the cold build, 1 keyed page rendered again; 0 of 1 search shards unchanged$`));
    expect(byName.get('engine')!.detail).toMatch(/^20 SLO reports/);
    expect(byName.get('charts')!.detail).toBe('60 SVG charts');
    // 10 services, 20 SLOs, 200 incidents, 40 postmortems, 20 runbooks: well over 290 pages.
    const pages = Number(/^([\d,]+) pages/.exec(byName.get('npm run build (cold)')!.detail)![1]!.replace(/,/g, ''));
    expect(pages).toBeGreaterThan(290);
    expect(byName.get('output: largest SLO page')!.detail).toMatch(/slos\/slo-\d{4}\/index\.html/);
    expect(byName.get('output: API index')!.detail).toMatch(/KB: api\/v1\/slos\.json/);
    // Growth: the same stages on an organisation with twice the incidents and postmortems, then twice the SLOs.
    expect(json.growth.map((g) => [g.name, g.counts])).toEqual([
      ['incidents x2', { services: 10, slos: 20, incidents: 400, postmortems: 80, runbooks: 20 }],
      ['SLOs x2', { services: 10, slos: 40, incidents: 200, postmortems: 40, runbooks: 20 }],
    ]);
    const [twiceIncidents, twiceSlos] = json.growth.map((g) => new Map(g.stages.map((s) => [s.stage, s])));
    expect(twiceIncidents!.get('content load')!.detail).toMatch(/^400 incidents, 80 postmortems/);
    expect(twiceSlos!.get('engine')!.detail).toMatch(/^40 SLO reports/);
    expect(twiceSlos!.get('charts')!.detail).toBe('120 SVG charts');
    const timed = ['check', 'snapshot load', 'content load', 'engine', 'charts', 'astro build (pages)', 'sitemap and data files', 'search index', 'npm run build (cold)'];
    expect(json.growthRatios.map((r) => r.stage)).toEqual(timed);
    for (const r of json.growthRatios) {
      expect(r.base).toBe(byName.get(r.stage)!.wallSeconds);
      expect(r.walls).toEqual([twiceIncidents!.get(r.stage)!.wallSeconds, twiceSlos!.get(r.stage)!.wallSeconds]);
      expect(r.ratios).toEqual(r.walls.map((w) => w / r.base));
    }
    const markdown = await readFile(join(results, 'small.md'), 'utf8');
    expect(markdown).toContain('| npm run build (cold)');
    expect(markdown).toMatch(/\| Stage +\| +small \| +incidents x2 \| +SLOs x2 \| Target/);
    expect(r.stdout).toContain('| Stage');
    // Generated into a temporary folder, never into content/.
    expect(await readdir(join(PROJECT, 'content'), { recursive: true })).toEqual(contentBefore);
  });
});
