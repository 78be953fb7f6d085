/** Vega-lite specs for sitrep's charts. Pure: data in, spec out. */
import type { TopLevelSpec } from 'vega-lite';
import type { BudgetPoint, DailyPoint } from './data.ts';

const WIDTH = 640;
const HEIGHT = 180;
const font = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const config = { font, axis: { labelFontSize: 11, titleFontSize: 11, gridColor: '#eaeef2' }, view: { stroke: null } };

/** What every sitrep chart shares: schema, size, fonts; the description doubles as the SVG's label. */
const frame = (title: string) => ({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', description: title, width: WIDTH, height: HEIGHT, config });

/** Error budget remaining through the window, with the policy thresholds as rules. */
export function budgetSpec(values: BudgetPoint[], thresholds: { green: number; yellow: number }, title: string): TopLevelSpec {
  return {
    ...frame(title),
    layer: [
      {
        data: { values },
        mark: { type: 'area', line: { color: '#0969da' }, color: '#ddf4ff', interpolate: 'linear' },
        encoding: {
          x: { field: 't', type: 'temporal', title: null, axis: { format: '%b %d' } },
          y: { field: 'remaining', type: 'quantitative', title: 'budget left', axis: { format: '%' } },
        },
      },
      {
        data: { values: [{ y: thresholds.green / 100, c: '#1a7f37' }, { y: thresholds.yellow / 100, c: '#9a6700' }, { y: 0, c: '#cf222e' }] },
        mark: { type: 'rule', strokeDash: [4, 3] },
        encoding: { y: { field: 'y', type: 'quantitative' }, color: { field: 'c', type: 'nominal', scale: null } },
      },
    ],
  };
}

/** Daily SLI with the objective as a rule. */
export function dailySliSpec(points: DailyPoint[], objectivePercent: number, title: string): TopLevelSpec {
  const values = points.filter((p) => p.sli !== null);
  const min = Math.min(objectivePercent / 100, ...values.map((p) => p.sli!));
  return {
    ...frame(title),
    layer: [
      {
        data: { values },
        mark: { type: 'line', color: '#0969da', point: { size: 12 }, clip: true, interpolate: 'linear' },
        encoding: {
          x: { field: 'day', type: 'temporal', title: null, axis: { format: '%b %d' } },
          y: { field: 'sli', type: 'quantitative', title: 'daily SLI', scale: { domain: [Math.max(0, min - (1 - min) * 0.2), 1] }, axis: { format: '.2%' } },
        },
      },
      {
        data: { values: [{ y: objectivePercent / 100 }] },
        mark: { type: 'rule', color: '#cf222e', strokeDash: [4, 3], clip: true },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
    ],
  };
}
