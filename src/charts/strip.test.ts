import { describe, expect, it } from 'vitest';
import { renderSvg } from './render.ts';
import { STRIP_WIDTH, stripSpec } from './strip.ts';

describe('stripSpec', () => {
  const spec = stripSpec([60, 300, 7200], 300, 6840, 'MTTA');
  const layers = (spec as { layer: { data: { values: Record<string, unknown>[] } }[] }).layer;

  it('draws one tick per sample in minutes, and the median solid and the p90 dashed, each labelled', () => {
    expect(layers[0]!.data.values).toEqual([{ m: 1 }, { m: 5 }, { m: 120 }]);
    expect(layers[1]!.data.values).toEqual([{ m: 5, label: 'median', dash: [1, 0] }, { m: 114, label: 'p90', dash: [4, 3] }]);
  });

  it('ticks the axis at familiar durations up to the first one past the largest sample', () => {
    const axis = (layers[0] as unknown as { encoding: { x: { axis: { values: number[] } } } }).encoding.x.axis;
    expect(axis.values).toEqual([0, 1, 5, 15, 60, 240]);
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
});
