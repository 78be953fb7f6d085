/**
 * The in-process stages of `npm run bench -- --size ...`, run in a child process of their own so
 * their memory is measured apart: snapshot load, content load, the engine (every SLO report with
 * its burn-rate series and alert replay, the incident metrics, every period report) and chart
 * rendering (every SLO page's charts to SVG, on one thread; the build draws them on a worker). Prints one JSON line: per stage, wall and CPU
 * seconds and the process's peak RSS so far.
 *   node scripts/lib/bench/stages.ts --root DIR
 */
import { readAllSnapshots } from '../../../src/adapters/snapshots/store.ts';
import { loadContent, shareContentLoads } from '../../../src/adapters/content/load.ts';
import { renderSvg } from '../../../src/charts/render.ts';
import { buildModel } from '../../../src/site/model.ts';
import { periodReport, sitePeriods } from '../../../src/site/reports.ts';
import { sloCharts } from '../../../src/site/slo-page.ts';
import { parseOptions } from '../cli.ts';

const { root } = parseOptions({ root: { type: 'string' } }, 'Usage: node scripts/lib/bench/stages.ts --root DIR\n');
if (!root) throw new Error('--root is required');

/** One measured stage of `npm run bench`; `target` and `pass` where the issue sets a target for it. */
export interface Stage {
  stage: string;
  wallSeconds: number;
  cpuSeconds: number | null;
  maxRssBytes: number | null;
  detail: string;
  target?: string;
  pass?: boolean;
}

const stages: Stage[] = [];
async function stage<T>(name: string, fn: () => Promise<T> | T, detail: (v: T) => string): Promise<T> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  stages.push({ stage: name, wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssBytes: process.resourceUsage().maxRSS * 1024, detail: detail(value) });
  return value;
}

await stage('snapshot load', () => readAllSnapshots(root), (r) => `${r.snapshots.size} snapshots`);
// The build loads content once (shareContentLoads); measure that load, then the engine on it.
shareContentLoads();
await stage('content load', () => loadContent(root), (r) => `${r.content.incidents.length} incidents, ${r.content.postmortems.length} postmortems, ${r.errors.length} errors`);
const env = { ...process.env };
delete env.SITREP_AS_OF;
const site = await stage(
  'engine',
  async () => {
    const model = await buildModel(root, env, { history: false });
    for (const p of sitePeriods(model)) periodReport(model, p.key.toLowerCase());
    return model;
  },
  (m) => `${m.slos.length} SLO reports, ${sitePeriods(m).length} period reports, incident metrics`,
);
await stage(
  'charts',
  async () => {
    let n = 0;
    for (const view of site.slos) {
      const charts = sloCharts(view, '/');
      if (!charts) continue;
      for (const spec of [charts.budgetChart.spec, charts.dailyChart.spec, charts.burnChart.spec]) {
        await renderSvg(spec);
        n++;
      }
    }
    return n;
  },
  (n) => `${n} SVG charts`,
);
console.log(JSON.stringify(stages));
