import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderSvg } from './render.ts';
import { labelledTicks, STRIP_WIDTH, stackedTicks, stripSpec, TICKS_PER_PIXEL } from './strip.ts';

describe('stripSpec', () => {
  const spec = stripSpec([60, 300, 7200], 300, 6840, 'MTTA');
  const layers = (spec as { layer: { data: { values: Record<string, unknown>[] } }[] }).layer;

  it('draws one tick per sample in minutes, and the median solid and the p90 dashed, each labelled', () => {
    expect(layers[0]!.data.values).toEqual([{ m: 1, n: 1, a: 0.7 }, { m: 5, n: 1, a: 0.7 }, { m: 120, n: 1, a: 0.7 }]);
    expect(layers[1]!.data.values).toEqual([{ m: 5, label: 'median', dash: [1, 0] }, { m: 114, label: 'p90', dash: [4, 3] }]);
  });

  it('labels the median left of its line and the p90 right of its own, so that close ones do not overlap', async () => {
    const labels = layers.slice(2) as unknown as { data: { values: { label: string }[] }; mark: { align: string; dx: number } }[];
    expect(labels.map((l) => [l.data.values.map((v) => v.label), l.mark.align, Math.sign(l.mark.dx)])).toEqual([
      [['median'], 'right', -1],
      [['p90'], 'left', 1],
    ]);
    // Drawn: a median and a p90 a few minutes apart, their labels side by side.
    const svg = await renderSvg(stripSpec([60, 600, 660, 720], 640 * 60, 700 * 60, 'close'));
    const anchor = (word: string) => new RegExp(`text-anchor="(\\w+)"[^>]*>${word}<`).exec(svg)?.[1];
    expect([anchor('median'), anchor('p90')]).toEqual(['end', 'start']);
  });

  it('ticks the axis at familiar durations up to the first one past the largest sample', () => {
    const axis = (layers[0] as unknown as { encoding: { x: { axis: { values: number[] } } } }).encoding.x.axis;
    expect(axis.values).toEqual([0, 1, 5, 15, 60, 240]);
  });

  it('labels the axis ends always, and leaves out a label between that would crowd its neighbour', () => {
    const known = [0, 1, 5, 15, 60, 240, 1440, 10080, 43200, 129600, 525600];
    // Out to a day every familiar duration has room.
    expect(labelledTicks(known.slice(0, 7), 1440)).toEqual(known.slice(0, 7));
    // Out to a year, 1m stands 17 px from 0, 15m 24 px from 5m and 90d 34 px from the end: they give way, 0 and 365d stay.
    expect(labelledTicks(known, 525600)).toEqual([0, 5, 60, 240, 1440, 10080, 43200, 525600]);
    expect(labelledTicks([0, 1], 1)).toEqual([0, 1]);
    expect(labelledTicks([0], 1)).toEqual([0]);
  });

  it('ends the axis at or past the largest sample: 45 days on a 90-day tick, two years on their own', () => {
    const axisOf = (seconds: number[]) => (stripSpec(seconds, null, null, 'MTBF') as unknown as { layer: { encoding: { x: { axis: { values: number[] }; scale: { domain: number[] } } } }[] }).layer[0]!.encoding.x;
    const day = 86_400;
    // 30d would crowd the 90d end on a 320 px axis, so it has no label of its own (labelledTicks).
    expect(axisOf([3 * day, 45 * day]).axis.values.slice(-2)).toEqual([10080, 129600]);
    expect(axisOf([3 * day, 45 * day]).scale.domain).toEqual([0, 129600]);
    expect(axisOf([730 * day]).scale.domain).toEqual([0, 730 * 1440]);
  });

  it('with no samples draws no rule, and renders to an SVG as wide as a phone shows it', async () => {
    const empty = stripSpec([], null, null, 'MTBF');
    expect((empty as { layer: { data: { values: unknown[] } }[] }).layer[1]!.data.values).toEqual([]);
    const svg = await renderSvg(spec);
    expect(svg).toContain('role="img" aria-label="MTTA"');
    expect(Number(/<svg[^>]*width="(\d+)"/.exec(svg)![1])).toBeLessThanOrEqual(STRIP_WIDTH + 80);
    expect(svg).toContain('>1h<');
    expect(svg).toContain('>4h<');
  });

  it('draws ticks within half a pixel as one, as dark as they are together, and loses none', () => {
    expect(stackedTicks([5, 1, 1], 240)).toEqual([{ m: 1, n: 2, a: 0.91 }, { m: 5, n: 1, a: 0.7 }]);
    expect(stackedTicks([1, 1, 1], 240)).toEqual([{ m: 1, n: 3, a: 0.973 }]);
    // Where a pixel spans many minutes (around a day), ticks a minute apart share half a pixel.
    expect(stackedTicks([1440, 1441], 43200)).toEqual([{ m: 1440, n: 2, a: 0.91 }]);
    expect(stackedTicks([], 240)).toEqual([]);
  });

  it('keeps every sample within half a pixel of its tick, with at most 641 ticks', () => {
    // Where vega's symlog scale (constant 1) puts m minutes on the strip, in pixels.
    const px = (m: number, end: number) => (Math.log1p(m) / Math.log1p(end)) * STRIP_WIDTH;
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 43200, noNaN: true }), { minLength: 0, maxLength: 3000, size: 'max' }), (minutes) => {
        const ticks = stackedTicks(minutes, 43200);
        expect(ticks.length).toBeLessThanOrEqual(STRIP_WIDTH * TICKS_PER_PIXEL + 1);
        expect(ticks.reduce((a, t) => a + t.n, 0)).toBe(minutes.length);
        for (const m of minutes) expect(Math.min(...ticks.map((t) => Math.abs(px(t.m, 43200) - px(m, 43200))))).toBeLessThanOrEqual(1 / TICKS_PER_PIXEL + 1e-9);
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it('10,000 incidents draw to an SVG of the same size as a few hundred: the ticks are bounded, not one per incident', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const durations = (n: number) => Array.from({ length: n }, () => Math.round(60 * Math.exp(random() * 9)));
    const small = await renderSvg(stripSpec(durations(300), 1800, 7200, 'MTTR'));
    const large = await renderSvg(stripSpec(durations(10_000), 1800, 7200, 'MTTR'));
    expect(large.length).toBeLessThan(50_000);
    expect(large.length).toBeLessThan(small.length * 4);
  });
});
