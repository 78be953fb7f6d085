/**
 * A strip plot of durations: one tick per incident (or per gap, for MTBF) on a symmetric-log
 * axis in minutes, with the median as a solid rule and the p90 as a dashed one, each labelled, so
 * the two are told apart by line and word as well as colour. Pure: data in, vega-lite spec out.
 * Drawn at the width a phone shows (320 px), so its 11 px axis text is not scaled down.
 */
import type { TopLevelSpec } from 'vega-lite';

export const STRIP_WIDTH = 320;
const font = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

export function stripSpec(seconds: readonly number[], median: number | null, p90: number | null, title: string): TopLevelSpec {
  const minutes = (s: number) => Math.round((s / 60) * 100) / 100;
  const rules = [
    ...(median === null ? [] : [{ m: minutes(median), label: 'median', dash: [1, 0] }]),
    ...(p90 === null ? [] : [{ m: minutes(p90), label: 'p90', dash: [4, 3] }]),
  ];
  const max = Math.max(1, ...seconds.map(minutes));
  // Ticks at durations a reader knows (1m, 15m, 1h, 4h, 1d, 1w, 30d), up to the largest sample.
  const ticks = [0, 1, 5, 15, 60, 240, 1440, 10080, 43200].filter((t, i, all) => t <= max || all[i - 1]! < max);
  const axis = { values: ticks, labelExpr: "datum.value >= 1440 ? datum.value / 1440 + 'd' : datum.value >= 60 ? datum.value / 60 + 'h' : datum.value + 'm'", grid: true };
  const x = { field: 'm', type: 'quantitative' as const, scale: { type: 'symlog' as const, constant: 1, domain: [0, ticks[ticks.length - 1]!] }, title: 'duration (log scale)', axis };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: title,
    width: STRIP_WIDTH,
    height: 44,
    config: { font, aria: false, axis: { labelFontSize: 11, titleFontSize: 11, gridColor: '#eaeef2' }, view: { stroke: null } },
    layer: [
      { data: { values: seconds.map((s) => ({ m: minutes(s) })) }, mark: { type: 'tick', color: '#0969da', opacity: 0.7, thickness: 1.5 }, encoding: { x } },
      {
        data: { values: rules },
        mark: { type: 'rule', color: '#1b1f24', strokeWidth: 1.5 },
        encoding: { x, strokeDash: { field: 'dash', type: 'nominal', scale: null, legend: null } },
      },
      {
        data: { values: rules },
        mark: { type: 'text', dy: -28, fontSize: 11, color: '#1b1f24' },
        encoding: { x, text: { field: 'label' } },
      },
    ],
  };
}
