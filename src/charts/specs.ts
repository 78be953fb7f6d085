/** Vega-lite specs for sitrep's charts. Pure: data in, spec out. */
import type { TopLevelSpec } from 'vega-lite';
import type { BudgetPoint, BurnPoint, DailyPoint } from './data.ts';

const WIDTH = 640;
const HEIGHT = 180;
const font = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
// No ARIA attributes per mark: the SVG is one image labelled with its description (render.ts), and
// the page gives its data as a table; a label on each of hundreds of points only weighed the page down.
const config = { font, aria: false, axis: { labelFontSize: 11, titleFontSize: 11, gridColor: '#eaeef2' }, view: { stroke: null } };

/** What every sitrep chart shares: schema, size, fonts; the description doubles as the SVG's label. */
const frame = (title: string) => ({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', description: title, width: WIDTH, height: HEIGHT, config });

/** An incident drawn on a chart's time axis: a dashed vertical rule at its start, labelled with its severity. */
export interface IncidentMark {
  t: string;
  label: string;
}

/** Rows of incident labels from the top, 12 px apart: a label that would touch the one before it in a row takes the next. */
const LABEL_ROWS = 3;
const LABEL_ROW_HEIGHT = 12;
/** About how wide a label is drawn at 10 px (6 px a character), with room to spare. */
const labelWidth = (label: string) => 6 * label.length + 6;

/**
 * The row of each incident's label, in the order given: the first row where it does not touch the
 * label before it, on a time axis spanning `domain` (ms) over the chart's width; when every row is
 * taken, the one that frees up first. Two incidents on the same day get two rows, not one smudge.
 */
export function labelRows(marks: readonly IncidentMark[], domain: readonly [number, number]): number[] {
  const span = Math.max(1, domain[1] - domain[0]);
  const ends: number[] = Array.from({ length: LABEL_ROWS }, () => -Infinity);
  const order = marks.map((m, i) => ({ x: ((Date.parse(m.t) - domain[0]) / span) * WIDTH, w: labelWidth(m.label), i })).sort((a, b) => a.x - b.x || a.i - b.i);
  const rows: number[] = new Array(marks.length);
  for (const { x, w, i } of order) {
    let row = ends.findIndex((end) => end <= x);
    if (row < 0) row = ends.indexOf(Math.min(...ends));
    ends[row] = x + w;
    rows[i] = row;
  }
  return rows;
}

/**
 * Vertical dashed rules with a label at the top, for the incidents on a time axis (none: no
 * layer). `times` are the chart's other times (ISO), which with the marks make its time domain.
 */
function incidentLayers(marks: readonly IncidentMark[], times: readonly string[]): object[] {
  if (marks.length === 0) return [];
  const ms = [...times, ...marks.map((m) => m.t)].map((t) => Date.parse(t));
  const rows = labelRows(marks, [Math.min(...ms), Math.max(...ms)]);
  const byRow = Array.from({ length: LABEL_ROWS }, (_, r) => marks.filter((_, i) => rows[i] === r)).map((values, r) => ({ values, r })).filter((x) => x.values.length > 0);
  return [
    { data: { values: marks }, mark: { type: 'rule', color: '#57606a', strokeDash: [2, 2] }, encoding: { x: { field: 't', type: 'temporal' } } },
    ...byRow.map(({ values, r }) => ({
      data: { values },
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 2, y: 2 + r * LABEL_ROW_HEIGHT, fontSize: 10, color: '#57606a' },
      encoding: { x: { field: 't', type: 'temporal', title: null }, text: { field: 'label' } },
    })),
  ];
}

/** A horizontal rule labelled at its right end, so a reader tells the lines apart without colour. */
function labelledRule(values: { y: number; label: string }[], color: string, dash: number[]): object[] {
  return [
    { data: { values }, mark: { type: 'rule', strokeDash: dash, color }, encoding: { y: { field: 'y', type: 'quantitative' } } },
    {
      data: { values },
      mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -2, x: WIDTH, fontSize: 10, color },
      encoding: { y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
    },
  ];
}

/** Error budget remaining through the window, the policy thresholds as labelled rules, incidents marked. */
export function budgetSpec(values: BudgetPoint[], thresholds: { green: number; yellow: number }, title: string, incidents: readonly IncidentMark[] = []): TopLevelSpec {
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
      ...labelledRule([{ y: thresholds.green / 100, label: `green above ${thresholds.green}%` }], '#1a7f37', [6, 3]),
      ...labelledRule([{ y: thresholds.yellow / 100, label: `red at or below ${thresholds.yellow}%` }], '#9a6700', [3, 3]),
      ...labelledRule([{ y: 0, label: 'budget spent' }], '#cf222e', [1, 2]),
      ...incidentLayers(incidents, values.map((v) => v.t)),
    ],
  } as TopLevelSpec;
}

/**
 * Daily SLI on a log scale of its errors, 100% at the top: 99%, 99.9% and 99.99% are equal steps,
 * so a 99.95% objective sits well clear of the top and a 95% day still fits. A day with no errors
 * is drawn at the top, the floor of the errors (a twentieth of the allowed error ratio). The
 * objective is a labelled rule.
 */
export function dailySliSpec(points: DailyPoint[], objectivePercent: number, title: string, incidents: readonly IncidentMark[] = []): TopLevelSpec {
  const allowed = 1 - objectivePercent / 100;
  const floor = allowed / 20;
  const values = points.filter((p) => p.sli !== null).map((p) => ({ day: p.day, sli: p.sli!, errors: Math.max(1 - p.sli!, floor) }));
  const worst = Math.max(allowed * 3, ...values.map((v) => v.errors)) * 1.5;
  // Ticks at the nines inside the axis; the objective has its own labelled rule.
  const ticks = [0.5, 0.1, 0.01, 0.001, 1e-4, 1e-5, 1e-6, 1e-7].filter((t) => t <= worst && t >= floor);
  return {
    ...frame(title),
    layer: [
      {
        data: { values },
        mark: { type: 'line', color: '#0969da', interpolate: 'linear' },
        encoding: {
          x: { field: 'day', type: 'temporal', title: null, axis: { format: '%b %d' } },
          y: {
            field: 'errors',
            type: 'quantitative',
            title: 'daily SLI (log scale)',
            scale: { type: 'log', domain: [floor, worst], reverse: true, nice: false },
            axis: { values: ticks, labelExpr: "format(1 - datum.value, '.6~%')" },
          },
        },
      },
      ...labelledRule([{ y: allowed, label: `objective ${objectivePercent}%` }], '#cf222e', [4, 3]),
      ...incidentLayers(incidents, values.map((v) => v.day)),
    ],
  } as TopLevelSpec;
}

/** An alert interval as a shaded band on the burn-rate chart. */
export interface AlertBand {
  from: string;
  to: string;
  /** `page` or `ticket`: the band's label and shade. */
  severity: string;
  alert: string;
}

/**
 * The 1-hour burn rate (its highest value per bucket) on a symmetric-log axis, with the page-fast
 * threshold as a labelled rule, the replayed alerts as shaded bands (page or ticket, named in the
 * legend), and the incidents as marks at their start.
 */
export function burnSpec(values: BurnPoint[], threshold: { value: number; label: string } | null, alerts: readonly AlertBand[], incidents: readonly IncidentMark[], title: string): TopLevelSpec {
  // Page alerts shade the full height, ticket alerts a strip at the bottom: told apart by shape,
  // and named in the legend, not by colour alone.
  const bands = alerts.length === 0 ? [] : [
    {
      data: { values: alerts.map((a) => ({ ...a, top: a.severity === 'page' ? 0 : HEIGHT * 0.7 })) },
      mark: { type: 'rect', opacity: 0.25, y2: HEIGHT },
      encoding: {
        x: { field: 'from', type: 'temporal' },
        x2: { field: 'to' },
        y: { field: 'top', type: 'quantitative', scale: null },
        color: { field: 'severity', type: 'nominal', title: 'replayed alerts', scale: { domain: ['page', 'ticket'], range: ['#cf222e', '#bf8700'] }, legend: { orient: 'top', direction: 'horizontal', labelLimit: 240, labelExpr: "datum.label == 'page' ? 'page (full height)' : 'ticket (bottom strip)'" } },
      },
    },
  ];
  const peak = Math.max(threshold?.value ?? 1, ...values.map((p) => p.burn ?? 0));
  const ticks = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000].filter((t) => t <= peak * 1.2);
  return {
    ...frame(title),
    layer: [
      ...bands,
      {
        data: { values: values.filter((p) => p.burn !== null) },
        mark: { type: 'line', color: '#0969da', interpolate: 'linear' },
        encoding: {
          x: { field: 't', type: 'temporal', title: null, axis: { format: '%b %d' } },
          y: { field: 'burn', type: 'quantitative', title: 'burn rate (1h)', scale: { type: 'symlog' }, axis: { values: ticks, labelExpr: "datum.value + '×'" } },
        },
      },
      ...(threshold ? labelledRule([{ y: threshold.value, label: threshold.label }], '#cf222e', [4, 3]) : []),
      ...labelledRule([{ y: 1, label: '1×: the budget lasts the window' }], '#57606a', [1, 2]),
      ...incidentLayers(incidents, [...values.map((v) => v.t), ...alerts.flatMap((a) => [a.from, a.to])]),
    ],
  } as TopLevelSpec;
}
