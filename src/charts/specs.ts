/** Vega-lite specs for sitrep's charts. Pure: data in, spec out. */
import type { TopLevelSpec } from 'vega-lite';
import type { BudgetPoint, BurnPoint, DailyPoint } from './data.ts';
import { textWidth } from './text-width.ts';

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

/**
 * Rows of incident labels, 12 px apart, in a band above the plot: row 0 just above its top edge,
 * the next ones higher. Above the plot, a label can touch neither a data line nor a rule. A label
 * that would touch the one before it in a row takes the next (see labelPlaces).
 */
const LABEL_ROWS = 3;
const LABEL_ROW_HEIGHT = 12;
/** How wide a label is drawn at 10 px, with 6 px to spare. */
const labelWidth = (label: string) => textWidth(label, 10) + 6;

/** Where an incident's label stands: its row from the top, and whether it ends at its rule (`right`) rather than starting there. */
export interface LabelPlace {
  row: number;
  right: boolean;
}

/**
 * The place of each incident's label, in the order given, on a time axis spanning `domain` (ms)
 * over the chart's width. A label starts at its rule, or ends there when it would run past the
 * plot's right edge (where the rules' labels stand); it takes the first row where it does not
 * touch the label before it, and when every row is taken, the one that frees up first. Two
 * incidents on the same day get two rows, not one smudge.
 */
export function labelPlaces(marks: readonly IncidentMark[], domain: readonly [number, number]): LabelPlace[] {
  const span = Math.max(1, domain[1] - domain[0]);
  const ends: number[] = Array.from({ length: LABEL_ROWS }, () => -Infinity);
  const spans = marks.map((m, i) => {
    const x = ((Date.parse(m.t) - domain[0]) / span) * WIDTH;
    const w = labelWidth(m.label);
    const right = x + w > WIDTH;
    return { from: right ? x - w : x, to: right ? x : x + w, right, i };
  });
  const places: LabelPlace[] = new Array(marks.length);
  for (const { from, to, right, i } of spans.sort((a, b) => a.from - b.from || a.i - b.i)) {
    let row = ends.findIndex((end) => end <= from);
    if (row < 0) row = ends.indexOf(Math.min(...ends));
    ends[row] = to;
    places[i] = { row, right };
  }
  return places;
}

/** The baseline of an incident label in `row` (labelPlaces), in px from the plot's top: negative, above the plot. */
export const incidentLabelBaseline = (row: number): number => -(3 + row * LABEL_ROW_HEIGHT);

/**
 * Vertical dashed rules for the incidents on a time axis, each from the plot's bottom up to its
 * label in the band above the plot (none: no layer). `times` are the chart's other times (ISO),
 * which with the marks make its time domain.
 */
function incidentLayers(marks: readonly IncidentMark[], times: readonly string[]): object[] {
  if (marks.length === 0) return [];
  const ms = [...times, ...marks.map((m) => m.t)].map((t) => Date.parse(t));
  const places = labelPlaces(marks, [Math.min(...ms), Math.max(...ms)]);
  // One layer of rules and one of text, whatever the rows and sides: their shape stays that of
  // every other chart's, so it is compiled once (render.ts), with each label's row and side in
  // its data. `py` is the label's baseline; its rule reaches up to the label's top.
  const labels = marks.map((m, i) => ({ ...m, py: incidentLabelBaseline(places[i]!.row), top: incidentLabelBaseline(places[i]!.row) - 9, right: places[i]!.right }));
  return [
    {
      data: { values: labels },
      mark: { type: 'rule', color: '#57606a', strokeDash: [2, 2] },
      encoding: { x: { field: 't', type: 'temporal' }, y: { field: 'top', type: 'quantitative', scale: null }, y2: { value: HEIGHT } },
    },
    {
      data: { values: labels },
      mark: { type: 'text', baseline: 'alphabetic', fontSize: 10, color: '#57606a', align: { expr: "datum.right ? 'right' : 'left'" }, dx: { expr: 'datum.right ? -2 : 2' } },
      encoding: { x: { field: 't', type: 'temporal', title: null }, y: { field: 'py', type: 'quantitative', scale: null }, text: { field: 'label' } },
    },
  ];
}

/** A horizontal reference line: where it stands (in data units), its words, and how it is drawn. */
interface RuleLine {
  y: number;
  label: string;
  color: string;
  dash: number[];
}

/** How far apart (px) two rule labels stand at least: a 10 px line of text (its glyphs 12 px high) and a pixel of air. */
const RULE_LABEL_GAP = 13;

/**
 * Where each rule's label stands (px from the top of the plot), in the order given, from the heights
 * of the rules: at its rule's height, moved apart just enough that no two labels touch, and kept
 * beside the plot. A chart knows its rules' heights because it gives its y domain literally.
 */
export function ruleLabelHeights(ys: readonly number[]): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed: number[] = [];
  for (const [k, o] of order.entries()) placed.push(k === 0 ? o.y : Math.max(o.y, placed[k - 1]! + RULE_LABEL_GAP));
  // Pushed past the bottom: the whole stack moves up, but not past the top; above the top, down.
  const over = placed.length ? placed.at(-1)! - (HEIGHT + RULE_LABEL_GAP / 2) : 0;
  const under = placed.length ? -RULE_LABEL_GAP / 2 - placed[0]! : 0;
  const shift = over > 0 ? Math.min(over, Math.max(0, placed[0]! + RULE_LABEL_GAP / 2)) : under > 0 ? -under : 0;
  const out: number[] = new Array(ys.length);
  for (const [k, o] of order.entries()) out[o.i] = placed[k]! - shift;
  return out;
}

/**
 * Horizontal rules labelled in words right of the plot, where no data line or incident label can
 * run into them, in the rule's colour, so a reader tells the lines apart without colour too.
 */
function labelledRules(all: readonly RuleLine[], px: (y: number) => number): object[] {
  // A rule the scale cannot place (a domain of no extent) is left out rather than drawn anywhere.
  const rules = all.filter((r) => Number.isFinite(px(r.y)));
  const heights = ruleLabelHeights(rules.map((r) => px(r.y)));
  return [
    ...rules.map((r) => ({ data: { values: [{ y: r.y }] }, mark: { type: 'rule', strokeDash: r.dash, color: r.color }, encoding: { y: { field: 'y', type: 'quantitative' } } })),
    {
      data: { values: rules.map((r, i) => ({ label: r.label, color: r.color, py: heights[i] })) },
      mark: { type: 'text', align: 'left', baseline: 'middle', x: WIDTH + 6, fontSize: 10 },
      encoding: { y: { field: 'py', type: 'quantitative', scale: null }, text: { field: 'label' }, color: { field: 'color', type: 'nominal', scale: null } },
    },
  ];
}

/** Heights (px from the top) on a linear y scale over `domain`, its top value at 0. */
const linearPx = ([lo, hi]: readonly [number, number]) => (y: number) => (HEIGHT * (hi - y)) / (hi - lo || 1);

/** Error budget remaining through the window, the policy thresholds as labelled rules, incidents marked. */
export function budgetSpec(values: BudgetPoint[], thresholds: { green: number; yellow: number }, title: string, incidents: readonly IncidentMark[] = []): TopLevelSpec {
  // From full (100%) down to empty, or to the quarter below the most overspent point.
  const domain = [Math.min(0, Math.floor(Math.min(...values.map((v) => v.remaining)) * 4) / 4), 1] as [number, number];
  return {
    ...frame(title),
    layer: [
      {
        data: { values },
        mark: { type: 'area', line: { color: '#0969da' }, color: '#ddf4ff', interpolate: 'linear' },
        encoding: {
          x: { field: 't', type: 'temporal', title: null, axis: { format: '%b %d' } },
          y: { field: 'remaining', type: 'quantitative', title: 'budget left', scale: { domain }, axis: { format: '%' } },
        },
      },
      ...labelledRules([
        { y: thresholds.green / 100, label: `green above ${thresholds.green}%`, color: '#1a7f37', dash: [6, 3] },
        { y: thresholds.yellow / 100, label: `red at or below ${thresholds.yellow}%`, color: '#cf222e', dash: [3, 3] },
        { y: 0, label: 'budget spent', color: '#57606a', dash: [1, 2] },
      ], linearPx(domain)),
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
      ...labelledRules([{ y: allowed, label: `objective ${objectivePercent}%`, color: '#cf222e', dash: [4, 3] }], (e) => (HEIGHT * Math.log(e / floor)) / Math.log(worst / floor)),
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
  // The 1× rule always shows, and so does the threshold, however low either lies against the data.
  const peak = Math.max(1, threshold?.value ?? 1, ...values.map((p) => p.burn ?? 0).filter(Number.isFinite));
  const top = peak * 1.2;
  const ticks = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000].filter((t) => t <= top);
  // vega's symlog scale (constant 1): log1p of the value, from 0 at the bottom to the top.
  const px = (b: number) => HEIGHT * (1 - Math.log1p(b) / Math.log1p(top));
  return {
    ...frame(title),
    layer: [
      ...bands,
      {
        data: { values: values.filter((p) => p.burn !== null) },
        mark: { type: 'line', color: '#0969da', interpolate: 'linear' },
        encoding: {
          x: { field: 't', type: 'temporal', title: null, axis: { format: '%b %d' } },
          y: { field: 'burn', type: 'quantitative', title: 'burn rate (1h)', scale: { type: 'symlog', domain: [0, top] }, axis: { values: ticks, labelExpr: "datum.value + '×'" } },
        },
      },
      ...labelledRules([
        ...(threshold ? [{ y: threshold.value, label: threshold.label, color: '#cf222e', dash: [4, 3] }] : []),
        { y: 1, label: '1×: budget lasts the window', color: '#57606a', dash: [1, 2] },
      ], px),
      ...incidentLayers(incidents, [...values.map((v) => v.t), ...alerts.flatMap((a) => [a.from, a.to])]),
    ],
  } as TopLevelSpec;
}
