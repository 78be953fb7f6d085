import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chartInput, chartKey, renderChart } from '../../src/adapters/charts/cache.ts';
import { pendingCharts } from '../../src/adapters/charts/registry.ts';
import { prefetchCharts } from '../../src/adapters/charts/prefetch.ts';
import { renderSvg } from '../../src/charts/render.ts';
import { budgetSpec, dailySliSpec } from '../../src/charts/specs.ts';
import type { TopLevelSpec } from 'vega-lite';
import { drawChartsAhead } from '../../scripts/lib/prefetch-charts.ts';
import { DRAW_AHEAD, type ModelHooks } from '../../src/site/model-hooks.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'sitrep-prefetch-'));
  dirs.push(d);
  return d;
};

const specs = [
  budgetSpec([{ t: '2026-10-01T00:00:00.000Z', remaining: 0.8 }, { t: '2026-10-02T00:00:00.000Z', remaining: 0.5 }], { green: 60, yellow: 25 }, 'Budget A'),
  budgetSpec([{ t: '2026-10-01T00:00:00.000Z', remaining: 0.2 }], { green: 60, yellow: 25 }, 'Budget B'),
  dailySliSpec([{ day: '2026-10-01', sli: 0.999, total: 10 }], 99.9, 'Daily'),
];

describe('charts drawn ahead on a worker thread', () => {
  it('stores each chart in the cache, where a page finds exactly the SVG it would draw itself', async () => {
    const dir = await tempDir();
    await prefetchCharts(specs.map(chartInput), dir, 2);
    expect((await readdir(dir)).sort()).toEqual(specs.map((s) => `${chartKey(s)}.svg`).sort());
    for (const spec of specs) {
      expect(await pendingCharts().get(chartKey(spec))).toBe(true);
      expect(await renderChart(spec, dir)).toBe(await renderSvg(spec));
    }
  });

  it('a chart the worker cannot draw is left to the page, which reports the error itself', async () => {
    const dir = await tempDir();
    const broken = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', mark: 'nonsense' } as unknown as TopLevelSpec;
    const fine = dailySliSpec([{ day: '2026-10-02', sli: 0.99, total: 10 }], 99.9, 'Daily 2');
    await prefetchCharts([broken, fine].map(chartInput), dir, 1);
    expect(await pendingCharts().get(chartKey(broken))).toBe(false);
    expect(await readdir(dir)).toEqual([`${chartKey(fine)}.svg`]);
    await expect(renderChart(broken, dir)).rejects.toThrow();
  });
});

describe('charts drawn ahead, when a worker dies', () => {
  it('gives up its charts at once, while more are still to come: a page waiting on one draws it itself', async () => {
    const dir = await tempDir();
    const first = dailySliSpec([{ day: '2026-10-06', sli: 0.95, total: 10 }], 99.9, 'Daily 6');
    const later = dailySliSpec([{ day: '2026-10-07', sli: 0.94, total: 10 }], 99.9, 'Daily 7');
    let more!: () => void;
    const held = new Promise<void>((resolve) => (more = resolve));
    let waiting: Promise<boolean> | undefined;
    async function* charts() {
      yield chartInput(first);
      // The prefetch has handed the first chart over (it asks for the next one only then): what a page would wait on.
      waiting = pendingCharts().get(chartKey(first));
      // The SLO route lists its pages while others render: the queue stays open.
      await held;
      yield chartInput(later);
    }
    const drawing = prefetchCharts(charts(), dir, 1, new URL('../helpers/dying-chart-worker.ts', import.meta.url));
    await expect.poll(() => waiting !== undefined).toBe(true);
    // Before: this waited for the end of the queue, which in a build comes after every page, so the build hung.
    expect(await waiting).toBe(false);
    expect(pendingCharts().has(chartKey(first))).toBe(false);
    expect(await renderChart(first, dir)).toBe(await renderSvg(first));
    // No live worker is left: a later chart is not handed to the dead one, and is left to its page.
    more();
    await drawing;
    expect(pendingCharts().has(chartKey(later))).toBe(false);
  });
});

describe('charts drawn ahead, when making the specs fails', () => {
  it('the workers still draw what they were given and end; the error reaches the caller', async () => {
    const dir = await tempDir();
    const given = dailySliSpec([{ day: '2026-10-03', sli: 0.98, total: 10 }], 99.9, 'Daily 3');
    async function* failing() {
      yield chartInput(given);
      throw new Error('no more specs');
    }
    await expect(prefetchCharts(failing(), dir, 1)).rejects.toThrow('no more specs');
    expect(await pendingCharts().get(chartKey(given))).toBe(true);
    expect(await readdir(dir)).toEqual([`${chartKey(given)}.svg`]);
  });
});

describe('the build\'s hook that draws charts ahead (scripts/lib/prefetch-charts.ts)', () => {
  it('draws what the SLO route hands over, and starts nothing when it hands over none', async () => {
    const hooks = globalThis as ModelHooks;
    const idle = await tempDir();
    const none = drawChartsAhead(idle);
    expect(typeof hooks[DRAW_AHEAD]).toBe('function');
    await none.end();
    expect(hooks[DRAW_AHEAD]).toBeUndefined();
    expect(await readdir(idle)).toEqual([]);

    const dir = await tempDir();
    const ahead = drawChartsAhead(dir);
    const given = [dailySliSpec([{ day: '2026-10-04', sli: 0.97, total: 10 }], 99.9, 'Daily 4'), dailySliSpec([{ day: '2026-10-05', sli: 0.96, total: 10 }], 99.9, 'Daily 5')];
    for (const spec of given) hooks[DRAW_AHEAD]!(chartInput(spec));
    await ahead.end();
    expect((await readdir(dir)).sort()).toEqual(given.map((s) => `${chartKey(s)}.svg`).sort());
    for (const spec of given) expect(await readFile(join(dir, `${chartKey(spec)}.svg`), 'utf8')).toBe(await renderSvg(spec));
  });
});
