/** Vega-lite specs for sitrep's charts. Pure: data in, spec out. */
import type { TopLevelSpec } from 'vega-lite';
import type { BudgetPoint, BurnPoint, DailyPoint } from './data.ts';
import { textWidth } from './text-width.ts';

const WIDTH = 640;
const HEIGHT = 180;
const font = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
// No ARIA attributes per mark: the SVG is one image labelled with its description (render.ts), and
// the page gives its data as a table; a label on each of hundreds of points only weighed the page down.
// Time labels 4 px apart or more (vega hides every other one until they are); timeTicks places them far enough apart.
const config = { font, aria: false, axis: { labelFontSize: 11, titleFontSize: 11, gridColor: '#eaeef2' }, axisX: { labelSeparation: 4 }, view: { stroke: null } };

/**
 * Time axes are in UTC, ticks and labels, as the pages' times are by default: vega's default, the
 * build machine's zone, drew other dates (and other bytes) on a machine in New York or Tokyo.
 */
const UTC = { type: 'utc' } as const;
/** A time position channel on `field`: every layer of a chart shares the one UTC time scale. */
const timeX = (field: string) => ({ field, type: 'temporal', scale: UTC }) as const;
const DAY_MS = 86_400_000;
/** Steps between time ticks, in days: every day, every other day, then weekly, fortnightly, four-weekly. */
const TICK_STEPS = [1, 2, 7, 14, 28];
/** The least room between two time ticks, px: a date label ("Oct 05", 37 px at 11 px) and a gap. */
const TICK_ROOM = 48;
/** Monday 1970-01-05, 00:00 UTC, in ms: weekly ticks fall on Mondays. */
const MONDAY = 4 * DAY_MS;

/**
 * The ticks of a time axis over `domain` (ms), `width` px wide: UTC midnights a fixed number of
 * days apart, the fewest days that leave TICK_ROOM px between them. A step of a week or more falls
 * on Mondays; a step of one or two days on every day or every other day since 1970, not restarting
 * at each month as vega's own day ticks do (Oct 29, Oct 31, Nov 01). No tick stands within half that
 * room of either end, and a domain with none left gets one at its start. 30 days over 640 px:
 * weekly, Mondays; 7 days: every day.
 */
export function timeTicks(domain: readonly [number, number], width = WIDTH): number[] {
  const [from, to] = domain;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return [];
  const days = (to - from) / DAY_MS;
  const step = TICK_STEPS.find((s) => s * width >= TICK_ROOM * days) ?? 28 * Math.ceil((TICK_ROOM * days) / (28 * width));
  const stepMs = step * DAY_MS;
  const anchor = step >= 7 ? MONDAY : 0;
  // Half the room clear of either end: vega sets a label at an end flush with it, onto its neighbour.
  const margin = ((TICK_ROOM / 2) * (to - from)) / width;
  const ticks: number[] = [];
  for (let t = anchor + Math.ceil((from + margin - anchor) / stepMs) * stepMs; t <= to - margin; t += stepMs) ticks.push(t);
  return ticks.length > 0 ? ticks : [from];
}

/** The time axis a chart draws under its plot over `domain` (timeDomain): days as "Oct 05" at timeTicks, no title. */
const timeAxis = (domain: readonly [number, number]) => ({ title: null, axis: { format: '%b %d', values: timeTicks(domain) } });

/** What every sitrep chart shares: schema, size, fonts; the description doubles as the SVG's label. */
const frame = (title: string) => ({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', description: title, width: WIDTH, height: HEIGHT, config });

/** An incident drawn on a chart's time axis: a dashed vertical rule at its start, labelled with its severity. */
export interface IncidentMark {
  t: string;
  label: string;
}

/**
 * Rows of incident labels, 12 px apart, in a band above the plot: row 0 just above its top edge,
 * the next ones higher, as many as the labels need up to five (the band is only as high as its
 * highest label). Above the plot, a label can touch neither a data line nor a rule. Each label
 * starts at its incident's dashed line, which reaches up to it (see labelRows).
 */
const LABEL_ROWS = 5;
const LABEL_ROW_HEIGHT = 12;
/** How far a 10 px label's glyphs reach above its baseline: where its incident's line stops. */
const LABEL_ASCENT = 9;
/** How wide a label is drawn at 10 px, with 6 px to spare. */
const labelWidth = (label: string) => textWidth(label, 10) + 6;

/**
 * The row of each incident's label, in the order given, on a time axis spanning `domain` (ms) over
 * the chart's width. A label starts at its incident's line and runs right (past the plot's right
 * edge too: above the plot nothing stands there), and each line reaches up to its own label. So
 * that no line runs through another incident's label, the labels are placed from the right: each
 * takes the lowest row above the labels of the lines under it, where it touches no other label.
 * Two incidents on the same day get two rows, the earlier one above; a chain of incidents each
 * under the label of the one before needs a row per incident. Five rows always suffice for five
 * incidents; when none is free (a chain of six or more), a label takes the row where it touches
 * the least.
 */
export function labelRows(marks: readonly IncidentMark[], domain: readonly [number, number]): number[] {
  const span = Math.max(1, domain[1] - domain[0]);
  const placed: { from: number; to: number; row: number }[] = [];
  const rows: number[] = new Array(marks.length);
  const order = marks.map((m, i) => ({ x: ((Date.parse(m.t) - domain[0]) / span) * WIDTH, w: labelWidth(m.label), i }));
  for (const { x, w, i } of order.sort((a, b) => b.x - a.x || a.i - b.i)) {
    const from = x;
    const to = x + w;
    // The lines of the incidents to the right that stand under this label, and their rows.
    const under = placed.filter((p) => p.from > from + 0.5 && p.from < to);
    const floor = under.length ? Math.max(...under.map((p) => p.row)) + 1 : 0;
    const touches = (row: number) => placed.filter((p) => p.row === row && p.from < to && p.to > from).reduce((sum, p) => sum + Math.min(to, p.to) - Math.max(from, p.from), 0);
    let row = -1;
    for (let r = floor; r < LABEL_ROWS && row < 0; r++) if (touches(r) === 0) row = r;
    if (row < 0) {
      // No row is free: the least touched, counting a line that runs through the label as touching it.
      const cost = (r: number) => touches(r) + (r < floor ? w : 0);
      row = 0;
      for (let r = 1; r < LABEL_ROWS; r++) if (cost(r) < cost(row)) row = r;
    }
    rows[i] = row;
    placed.push({ from, to, row });
  }
  return rows;
}

/** The baseline of an incident label in `row` (labelRows), in px from the plot's top: negative, above the plot. */
const incidentLabelBaseline = (row: number): number => -(3 + row * LABEL_ROW_HEIGHT);

/** A chart's time domain (ms): from its earliest to its latest time, its data's (ISO `times`) and its incidents' alike. */
function timeDomain(times: readonly string[], marks: readonly IncidentMark[]): [number, number] {
  const ms = [...times, ...marks.map((m) => m.t)].map((t) => Date.parse(t));
  return [Math.min(...ms), Math.max(...ms)];
}

/**
 * Vertical dashed rules for the incidents on a time axis spanning `domain` (timeDomain), each from
 * the plot's bottom up to its label in the band above the plot (none: no layer).
 */
function incidentLayers(marks: readonly IncidentMark[], domain: readonly [number, number]): object[] {
  if (marks.length === 0) return [];
  const rows = labelRows(marks, domain);
  // One layer of rules and one of text, whatever the rows: their shape stays that of every other
  // chart's, so it is compiled once (render.ts), with each label's row in its data. `py` is the
  // label's baseline; its rule reaches up to the label's top.
  const labels = marks.map((m, i) => {
    const py = incidentLabelBaseline(rows[i]!);
    return { ...m, py, top: py - LABEL_ASCENT };
  });
  return [
    {
      data: { values: labels },
      mark: { type: 'rule', color: '#57606a', strokeDash: [2, 2] },
      encoding: { x: timeX('t'), y: { field: 'top', type: 'quantitative', scale: null }, y2: { value: HEIGHT } },
    },
    {
      data: { values: labels },
      mark: { type: 'text', baseline: 'alphabetic', align: 'left', dx: 2, fontSize: 10, color: '#57606a' },
      encoding: { x: { ...timeX('t'), title: null }, y: { field: 'py', type: 'quantitative', scale: null }, text: { field: 'label' } },
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

/** Where the column of the rules' labels (and the burn chart's legend) starts: just right of the plot. */
const RULE_LABEL_X = WIDTH + 6;

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
      mark: { type: 'text', align: 'left', baseline: 'middle', x: RULE_LABEL_X, fontSize: 10 },
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
  const time = timeDomain(values.map((v) => v.t), incidents);
  return {
    ...frame(title),
    layer: [
      {
        data: { values },
        mark: { type: 'area', line: { color: '#0969da' }, color: '#ddf4ff', interpolate: 'linear' },
        encoding: {
          x: { ...timeX('t'), ...timeAxis(time) },
          y: { field: 'remaining', type: 'quantitative', title: 'budget left', scale: { domain }, axis: { format: '%' } },
        },
      },
      ...labelledRules([
        { y: thresholds.green / 100, label: `green above ${thresholds.green}%`, color: '#1a7f37', dash: [6, 3] },
        { y: thresholds.yellow / 100, label: `red at or below ${thresholds.yellow}%`, color: '#cf222e', dash: [3, 3] },
        { y: 0, label: 'budget spent', color: '#57606a', dash: [1, 2] },
      ], linearPx(domain)),
      ...incidentLayers(incidents, time),
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
  const time = timeDomain(values.map((v) => v.day), incidents);
  return {
    ...frame(title),
    layer: [
      {
        data: { values },
        mark: { type: 'line', color: '#0969da', interpolate: 'linear' },
        encoding: {
          x: { ...timeX('day'), ...timeAxis(time) },
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
      ...incidentLayers(incidents, time),
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

/** The narrowest an alert's band is drawn, px: a one-hour alert is under a pixel on a 30-day axis. */
const MIN_BAND_PX = 3;

/**
 * Burn-rate axis values on the symmetric-log scale `px` up to `top`: 0 and the powers of ten, each
 * at least 16 px from the last, then 5 and 2 times them where they stand at least 24 px from every
 * other, so the axis is labelled up to its top however high the peak (0, 1, 10, 100, 1000 up to
 * 1,041; 0, 1, 2, 5, 10 up to 17).
 */
export function burnTicks(top: number, px: (b: number) => number): number[] {
  const decades = [0];
  for (let d = 1; d <= top; d *= 10) decades.push(d);
  const kept: number[] = [];
  const add = (t: number, gap: number) => {
    if (t <= top && kept.every((k) => Math.abs(px(k) - px(t)) >= gap)) kept.push(t);
  };
  for (const t of decades) add(t, 16);
  for (const t of decades.slice(1)) add(5 * t, 24);
  for (const t of decades.slice(1)) add(2 * t, 24);
  return kept.sort((a, b) => a - b);
}

/**
 * The 1-hour burn rate (its highest value per bucket) on a symmetric-log axis, with the page-fast
 * threshold as a labelled rule, the replayed alerts as shaded bands (page or ticket, named in the
 * legend), and the incidents as marks at their start.
 */
export function burnSpec(values: BurnPoint[], threshold: { value: number; label: string } | null, alerts: readonly AlertBand[], incidents: readonly IncidentMark[], title: string): TopLevelSpec {
  const domain = timeDomain([...values.map((v) => v.t), ...alerts.flatMap((a) => [a.from, a.to])], incidents);
  const [first, last] = domain;
  // A band narrower than MIN_BAND_PX is drawn that wide about its middle (within the axis), so a
  // short alert still shows; its own times stay in the data (`from`, `to`), drawn from `x0`, `x1`.
  const least = ((last - first) * MIN_BAND_PX) / WIDTH;
  const drawn = (a: AlertBand): { x0: string; x1: string } => {
    const [from, to] = [Date.parse(a.from), Date.parse(a.to)];
    if (to - from >= least) return { x0: a.from, x1: a.to };
    const start = Math.min(Math.max(first, (from + to - least) / 2), last - least);
    return { x0: new Date(start).toISOString(), x1: new Date(start + least).toISOString() };
  };
  // Page alerts shade the full height, ticket alerts a strip at the bottom: told apart by shape,
  // and named in the legend, not by colour alone. The legend stands right of the plot, below the
  // rules' labels and the time axis: clear of the incidents' labels, and in view where a phone's
  // chart box opens (on the latest weeks, at the right end).
  const bands = alerts.length === 0 ? [] : [
    {
      data: { values: alerts.map((a) => ({ ...a, ...drawn(a), top: a.severity === 'page' ? 0 : HEIGHT * 0.7 })) },
      mark: { type: 'rect', opacity: 0.4, y2: HEIGHT },
      encoding: {
        x: timeX('x0'),
        x2: { field: 'x1' },
        y: { field: 'top', type: 'quantitative', scale: null },
        color: { field: 'severity', type: 'nominal', title: 'replayed alerts', scale: { domain: ['page', 'ticket'], range: ['#cf222e', '#bf8700'] }, legend: { orient: 'none', legendX: RULE_LABEL_X, legendY: HEIGHT + 24, direction: 'vertical', labelLimit: 240, labelExpr: "datum.label == 'page' ? 'page (full height)' : 'ticket (bottom strip)'" } },
      },
    },
  ];
  // The 1× rule always shows, and so does the threshold, however low either lies against the data.
  const peak = Math.max(1, threshold?.value ?? 1, ...values.map((p) => p.burn ?? 0).filter(Number.isFinite));
  const top = peak * 1.2;
  // vega's symlog scale (constant 1): log1p of the value, from 0 at the bottom to the top.
  const px = (b: number) => HEIGHT * (1 - Math.log1p(b) / Math.log1p(top));
  // Vega thins an axis's explicit values beyond its tick count (every other one, from 6 values at
  // this height): the count is set past what burnTicks gives, the same for every chart (one shape).
  const ticks = burnTicks(top, px);
  return {
    ...frame(title),
    layer: [
      ...bands,
      {
        data: { values: values.filter((p) => p.burn !== null) },
        mark: { type: 'line', color: '#0969da', interpolate: 'linear' },
        encoding: {
          x: { ...timeX('t'), ...timeAxis(domain) },
          y: { field: 'burn', type: 'quantitative', title: 'burn rate (1h, log scale)', scale: { type: 'symlog', domain: [0, top] }, axis: { values: ticks, tickCount: 20, labelExpr: "datum.value + '×'" } },
        },
      },
      ...labelledRules([
        ...(threshold ? [{ y: threshold.value, label: threshold.label, color: '#cf222e', dash: [4, 3] }] : []),
        { y: 1, label: '1×: budget lasts the window', color: '#57606a', dash: [1, 2] },
      ], px),
      ...incidentLayers(incidents, domain),
    ],
  } as TopLevelSpec;
}
