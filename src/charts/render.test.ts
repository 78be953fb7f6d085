import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { finishSvg, renderSvg, splitSpec } from './render.ts';
import { budgetSpec, burnSpec, dailySliSpec } from './specs.ts';
import { stripSpec } from './strip.ts';

/** The SVG of a spec compiled whole, as renderSvg drew it before shapes were reused. */
async function compiledWhole(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return finishSvg(svg, spec.description);
}

const days = (n: number, f: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => ({ day: new Date(Date.UTC(2026, 9, 1 + i)).toISOString().slice(0, 10), sli: f(i), total: 100 }));
const hours = (n: number, f: (i: number) => number | null) =>
  Array.from({ length: n }, (_, i) => ({ t: new Date(Date.UTC(2026, 9, 1, 6 * i)).toISOString(), burn: f(i) }));

// Charts of the same shapes with other data, domains, ticks and labels: the second of each reuses
// the first's compiled shape.
const specs: TopLevelSpec[] = [
  budgetSpec(hours(40, (i) => 1 - i / 30).map((p) => ({ t: p.t, remaining: p.burn! })), { green: 60, yellow: 25 }, 'Budget "A"', [{ t: '2026-10-03T00:00:00.000Z', label: 'SEV1' }]),
  budgetSpec(hours(10, (i) => 0.9 - i / 100).map((p) => ({ t: p.t, remaining: p.burn! })), { green: 50, yellow: 20 }, 'Budget B', [{ t: '2026-10-02T00:00:00.000Z', label: 'SEV3' }]),
  dailySliSpec(days(30, (i) => (i % 7 === 3 ? 0.95 : 1)), 99.95, 'Daily A'),
  dailySliSpec(days(12, (i) => 0.999 - i / 10000), 99.5, 'Daily B'),
  burnSpec(hours(20, (i) => (i === 5 ? 30 : 0.4)), { value: 14.4, label: 'page fast above 14.4×' }, [{ from: '2026-10-02T06:00:00.000Z', to: '2026-10-02T09:00:00.000Z', severity: 'page', alert: 'page-fast' }], [], 'Burn A'),
  burnSpec(hours(20, (i) => (i === 2 ? null : i / 4)), { value: 6, label: 'page slow above 6×' }, [{ from: '2026-10-01T06:00:00.000Z', to: '2026-10-01T09:00:00.000Z', severity: 'ticket', alert: 'ticket-fast' }], [], 'Burn B'),
  stripSpec([60, 300, 7200], 300, 6840, 'MTTA'),
  stripSpec([5, 50, 500, 5000, 50000], 500, 45000, 'MTTR'),
];

describe('renderSvg', () => {
  it('draws each chart exactly as compiling its whole spec does, also when it reuses a compiled shape', async () => {
    for (const spec of specs) expect(await renderSvg(spec)).toBe(await compiledWhole(spec));
    // And again, now that every shape is compiled: still each chart's own data.
    const again = await Promise.all(specs.map(renderSvg));
    expect(again).toEqual(await Promise.all(specs.map(compiledWhole)));
    expect(new Set(again).size).toBe(specs.length);
  });

  it('charts that differ only in data, domains, ticks and label share one shape; the spec given is left as it was', () => {
    const [a, b] = [specs[2]!, specs[3]!];
    const before = JSON.stringify(a);
    expect(JSON.stringify(splitSpec(a).shape)).toBe(JSON.stringify(splitSpec(b).shape));
    const split = splitSpec(a);
    expect(split.description).toBe('Daily A');
    // The y domain, one parameter per number (after the time axis's ticks, one parameter for them all).
    const domain = (a as { layer: { encoding: { y: { scale: { domain: number[] } } } }[] }).layer[0]!.encoding.y.scale.domain;
    const values = [...split.signals.values()];
    expect(values.slice(values.indexOf(domain[0]), values.indexOf(domain[0]) + 2)).toEqual(domain);
    expect(split.datasets.size).toBe(3);
    expect(JSON.stringify(a)).toBe(before);
  });

  it('is one labelled image without graphics roles inside, its geometry to a hundredth of a pixel, its text as it is', () => {
    const svg = '<svg width="33.333333" x="1"><g role="graphics-symbol" aria-roledescription="rule mark container"><path d="M2.6361157187943878,5.5h1.5v-33.126Z" transform="translate(30.496944023672246,16)"/></g><text x="0.123456">99.9951%</text></svg>';
    expect(finishSvg(svg, 'A "quoted" title')).toBe(
      '<svg role="img" aria-label="A &quot;quoted&quot; title" width="33.33" x="1"><g><path d="M2.64,5.5h1.5v-33.13Z" transform="translate(30.5,16)"/></g><text x="0.12">99.9951%</text></svg>',
    );
  });

  it('a chart with more layers (incidents marked) has a shape of its own', () => {
    expect(JSON.stringify(splitSpec(specs[0]!).shape)).not.toBe(JSON.stringify(splitSpec(budgetSpec([], { green: 60, yellow: 25 }, 'x')).shape));
  });
});
