import { describe, expect, it } from 'vitest';
import { renderSvg } from '../charts/render.ts';
import { budgetSpec } from '../charts/specs.ts';
import { pinnedAxis } from './chart-pin.ts';

describe('pinnedAxis', () => {
  it('names the drawing of a chart vega wrote and gives the width left of its plot, with the axis line', async () => {
    const days = Array.from({ length: 30 }, (_, i) => ({ t: new Date(Date.UTC(2026, 9, 1 + i)).toISOString(), remaining: 1 - i / 20 }));
    const svg = await renderSvg(budgetSpec(days, { green: 60, yellow: 25 }, 'Budget'));
    const left = Number(/<g fill="none" stroke-miterlimit="4" transform="translate\(([\d.]+),/.exec(svg)![1]);
    const { svg: named, pin } = pinnedAxis(svg, 'chart-budget');
    expect(pin).toEqual({ width: Math.ceil(left) + 1, height: Number(/ height="(\d+)"/.exec(svg)![1]) });
    expect(named.match(/ id="chart-budget"/g)).toHaveLength(1);
    // Only the id is added: the drawing is otherwise the same bytes.
    expect(named.replace(' id="chart-budget"', '')).toBe(svg);
  });

  it('leaves an SVG it does not recognise, or an id that is not a plain name, as it is, with no pin', () => {
    expect(pinnedAxis('<svg width="10" height="10"><text>error</text></svg>', 'chart-x')).toEqual({ svg: '<svg width="10" height="10"><text>error</text></svg>', pin: null });
    const vegaLike = '<svg role="img" width="100" height="50"><rect width="100" height="50" fill="white"/><g fill="none" stroke-miterlimit="4" transform="translate(40,10)"></g></svg>';
    expect(pinnedAxis(vegaLike, 'x" onload="alert(1)').pin).toBeNull();
    expect(pinnedAxis(vegaLike, 'chart-burn')).toEqual({ svg: vegaLike.replace('<g fill', '<g id="chart-burn" fill'), pin: { width: 41, height: 50 } });
  });
});
