/**
 * A strip plot of durations: one tick per incident (or per gap, for MTBF) on a symmetric-log
 * axis in minutes, with the median as a solid rule and the p90 as a dashed one, each labelled (the
 * median on its left, the p90 on its right, so close ones do not overlap), so the two are told
 * apart by line and word as well as colour. Pure: data in, vega-lite spec out.
 * Drawn at the width a phone shows (320 px), so its 11 px axis text is not scaled down.
 *
 * Ticks that fall within the same half pixel are drawn as one, as dark as that many ticks of
 * opacity 0.7 laid on each other (1 - 0.3^n): the chart looks the same (a tick moves by at most
 * half a pixel), and holds at most 641 ticks however many incidents there are (10,000 ticks made
 * the incident metrics page of a large organisation 3.3 MB).
 */
import { textWidth } from './text-width.ts';
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
  // Ticks at durations a reader knows (1m, 15m, 1h, 4h, 1d, 1w, 30d, 90d, 365d), up to the first
  // past the largest sample; beyond a year the axis ends at the largest sample.
  const known = [0, 1, 5, 15, 60, 240, 1440, 10080, 43200, 129600, 525600];
  const ticks = known.filter((t, i, all) => t <= max || all[i - 1]! < max);
  if (max > ticks[ticks.length - 1]!) ticks.push(Math.ceil(max / 1440) * 1440);
  const end = ticks[ticks.length - 1]!;
  const axis = { values: labelledTicks(ticks, end), labelExpr: LABEL_EXPR, grid: true, labelFlush: true };
  const x = { field: 'm', type: 'quantitative' as const, scale: { type: 'symlog' as const, constant: 1, domain: [0, end] }, title: 'duration (log scale)', axis };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: title,
    width: STRIP_WIDTH,
    height: 44,
    config: { font, aria: false, axis: { labelFontSize: LABEL_SIZE, titleFontSize: 11, gridColor: '#eaeef2' }, view: { stroke: null } },
    layer: [
      {
        data: { values: stackedTicks(seconds.map(minutes), end) },
        mark: { type: 'tick', color: '#0969da', thickness: 1.5 },
        encoding: { x, opacity: { field: 'a', type: 'quantitative', scale: null, legend: null } },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', color: '#1b1f24', strokeWidth: 1.5 },
        encoding: { x, strokeDash: { field: 'dash', type: 'nominal', scale: null, legend: null } },
      },
      // The median's label left of its line and the p90's right of it: close together, they do not overlap.
      ...(['median', 'p90'] as const).map((label) => ({
        data: { values: rules.filter((r) => r.label === label) },
        mark: { type: 'text' as const, dy: -28, dx: label === 'median' ? -3 : 3, align: label === 'median' ? ('right' as const) : ('left' as const), fontSize: 11, color: '#1b1f24' },
        encoding: { x, text: { field: 'label' } },
      })),
    ],
  };
}

/** Ticks per pixel the strip keeps apart: half a pixel. */
export const TICKS_PER_PIXEL = 2;
/** A tick's label: `0`, then minutes, hours and days (`1m`, `4h`, `30d`). */
const LABEL_EXPR = "datum.value == 0 ? '0' : datum.value >= 1440 ? datum.value / 1440 + 'd' : datum.value >= 60 ? datum.value / 60 + 'h' : datum.value + 'm'";
const label = (m: number) => (m === 0 ? '0' : m >= 1440 ? `${m / 1440}d` : m >= 60 ? `${m / 60}h` : `${m}m`);
/** The air kept between two axis labels (px), which are 11 px text. */
const LABEL_GAP = 4;
const LABEL_SIZE = 11;

/**
 * The ticks that keep their label and grid line on an axis from 0 to `end` minutes: the first and
 * the last always (drawn flush with the axis ends), and each other one whose label stays
 * LABEL_GAP px clear of the label kept before it and of the last one. Near 0 a log axis crowds
 * (1m stands 17 px from 0 on an axis out to a year): there 1m gives way.
 */
export function labelledTicks(ticks: readonly number[], end: number): number[] {
  const x = (m: number) => (STRIP_WIDTH * symlog(m)) / symlog(end);
  const w = (m: number) => textWidth(label(m), LABEL_SIZE);
  const first = ticks[0]!;
  const last = ticks[ticks.length - 1]!;
  if (ticks.length < 2) return [...ticks];
  const lastFrom = x(last) - w(last);
  const kept = [first];
  let keptTo = x(first) + w(first);
  for (const t of ticks.slice(1, -1)) {
    const from = x(t) - w(t) / 2;
    const to = x(t) + w(t) / 2;
    if (from >= keptTo + LABEL_GAP && to + LABEL_GAP <= lastFrom) {
      kept.push(t);
      keptTo = to;
    }
  }
  return [...kept, last];
}

/** The opacity of one tick; n ticks on each other let 0.3^n of the background through. */
const TICK_OPACITY = 0.7;

/** The symmetric log of the strip's scale (constant 1), as vega's symlog computes it. */
const symlog = (m: number) => Math.sign(m) * Math.log1p(Math.abs(m));

/**
 * The ticks of `minutes` on a symlog axis from 0 to `end`: one per half pixel that holds any,
 * at its smallest value, with how many it holds (`n`) and their opacity together (`a`), in
 * ascending order. 1m, 1m and 5m -> { m: 1, n: 2, a: 0.91 }, { m: 5, n: 1, a: 0.7 }.
 */
export function stackedTicks(minutes: readonly number[], end: number): { m: number; n: number; a: number }[] {
  const slots = STRIP_WIDTH * TICKS_PER_PIXEL;
  const span = symlog(end);
  const bins = new Map<number, { m: number; n: number }>();
  for (const m of minutes) {
    const slot = Math.round((symlog(m) / span) * slots);
    const bin = bins.get(slot);
    if (bin === undefined) bins.set(slot, { m, n: 1 });
    else {
      bin.n++;
      if (m < bin.m) bin.m = m;
    }
  }
  return [...bins.values()].sort((p, q) => p.m - q.m).map(({ m, n }) => ({ m, n, a: Math.round((1 - (1 - TICK_OPACITY) ** n) * 1000) / 1000 }));
}
