/**
 * Render a vega-lite spec to an SVG string at build time, so pages read without JavaScript.
 *
 * Compiling vega-lite to vega and parsing that is more than half the cost of a chart, and a site's
 * charts come in a handful of shapes that differ only in their numbers: an SLO page's budget chart
 * is the same spec as every other SLO's, with other data. So each spec is split into its shape and
 * its values (see `splitSpec`), and each shape is compiled and parsed once per process; a chart is
 * then a fresh vega View of that shape with its own data and signals set before it runs. The SVG is
 * the same as compiling the whole spec (a test renders the sample's charts both ways).
 */
import * as vega from 'vega';
import { parse, View, type Runtime } from 'vega';
import { textWidth } from './text-width.ts';
import { compile, type TopLevelSpec } from 'vega-lite';

/** What a chart spec holds besides its shape: inline data and literal domains, ticks and label. */
export interface SplitSpec {
  /** The spec with every value below lifted out: the same for charts that differ only in them. */
  shape: Record<string, unknown>;
  /** Inline `data.values`, now named datasets (`sitrep_d0`, ...) in the shape. */
  datasets: Map<string, unknown[]>;
  /** Literal numbers of x/y `scale.domain` and `axis.values`, now signals (`sitrep_p0`, ...) in the shape. */
  signals: Map<string, unknown>;
  description: string | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => typeof n === 'number');
const POSITION = new Set(['x', 'y', 'x2', 'y2']);

/**
 * Split a vega-lite spec into its shape and values. In the shape:
 * - `data: {values}` becomes `data: {name}` with an empty top-level dataset;
 * - a position scale's numeric `domain` becomes an array of `{expr}`, one parameter per number:
 *   still an array, so vega-lite compiles it as the literal domain it was (no `nice`, no `zero`
 *   added; the numbers are only read where a selection or a threshold scale needs them, which
 *   sitrep's charts have not);
 * - a numeric `axis.values` becomes one `{expr}` parameter;
 * - the description is dropped (vega does not draw it; renderSvg writes it as the SVG's label).
 * Equal arrays share their parameters, so layers that agree on a domain still agree in the shape.
 */
export function splitSpec(spec: TopLevelSpec): SplitSpec {
  const datasets = new Map<string, unknown[]>();
  const signals = new Map<string, unknown>();
  const lifted = new Map<string, unknown>();
  const param = (value: unknown) => {
    const name = `sitrep_p${signals.size}`;
    signals.set(name, value);
    return { expr: name };
  };
  const once = (key: string, make: () => unknown) => {
    if (!lifted.has(key)) lifted.set(key, make());
    return lifted.get(key);
  };
  const liftDomain = (domain: number[]) => once(`domain ${JSON.stringify(domain)}`, () => domain.map(param));
  const liftValues = (values: number[]) => once(`values ${JSON.stringify(values)}`, () => param(values));
  const walk = (node: unknown, key = ''): unknown => {
    if (Array.isArray(node)) return node.map((n) => walk(n));
    if (!isObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [k, value] of Object.entries(node)) {
      if (value === undefined) continue;
      if (k === 'data' && isObject(value) && Array.isArray(value.values)) {
        const name = `sitrep_d${datasets.size}`;
        datasets.set(name, value.values);
        const { values: _values, ...rest } = value;
        out[k] = { ...rest, name };
      } else if (k === 'scale' && POSITION.has(key) && isObject(value) && isNumbers(value.domain)) {
        out[k] = { ...(walk(value, k) as object), domain: liftDomain(value.domain) };
      } else if (k === 'axis' && isObject(value) && isNumbers(value.values)) {
        out[k] = { ...(walk(value, k) as object), values: liftValues(value.values) };
      } else {
        out[k] = walk(value, k);
      }
    }
    return out;
  };
  const { description, ...rest } = spec as unknown as Record<string, unknown>;
  const shape = walk(rest) as Record<string, unknown>;
  if (datasets.size) shape.datasets = Object.fromEntries([...datasets.keys()].map((name) => [name, []]));
  if (signals.size) shape.params = [...((shape.params as unknown[]) ?? []), ...[...signals.keys()].map((name) => ({ name, value: null }))];
  return { shape, datasets, signals, description: typeof description === 'string' ? description : undefined };
}

// Vega measures text with this for every chart this process draws (see text-width.ts). vega
// exports the object it measures with (from vega-scenegraph), though its types leave it out.
// As vega's own measure does, the text is trimmed and a label with a `limit` is no wider than it
// (vega truncates such a label by measuring its slices, which are narrower).
type TextItem = { text?: unknown; fontSize?: number | string; fontWeight?: number | string; limit?: number | string };
(vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics.width = (item, text) => {
  const value = text ?? item.text;
  const s = (Array.isArray(value) ? value.map(String).join(', ') : value == null ? '' : String(value)).trim();
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const width = textWidth(s, size, item.fontWeight === 'bold' || item.fontWeight === 'bolder' || Number(item.fontWeight) >= 600);
  const limit = Number(item.limit);
  return limit > 0 ? Math.min(width, limit) : width;
};

/** Compiled and parsed shapes, by their JSON. Bounded: a site has a few shapes, a test many. */
const runtimes = new Map<string, Runtime>();
const MAX_SHAPES = 64;

function runtimeOf(shape: Record<string, unknown>): Runtime {
  const key = JSON.stringify(shape);
  let runtime = runtimes.get(key);
  if (!runtime) {
    runtime = parse(compile(shape as unknown as TopLevelSpec).spec);
    if (runtimes.size >= MAX_SHAPES) runtimes.delete(runtimes.keys().next().value!);
    runtimes.set(key, runtime);
  }
  return runtime;
}

/** Geometry attributes, whose numbers vega writes with up to 17 digits. */
const GEOMETRY = /( (?:d|transform|x|y|x1|x2|y1|y2|width|height)=")([^"]*)"/g;
const LONG_DECIMAL = /-?\d+\.\d{3,}/g;
const INNER_ROLES = / (?:role="graphics-[a-z-]+"|aria-roledescription="[^"]*")/g;

/**
 * The SVG as a page carries it: one image labelled with the chart's description (no graphics roles
 * inside it), and geometry to a hundredth of a pixel (vega writes 17 digits: a fifth of a chart's
 * bytes for nothing visible). Text is left as it is.
 */
export function finishSvg(svg: string, description: string | undefined): string {
  const label = description === undefined ? 'chart' : description.replace(/"/g, '&quot;');
  const compact = svg
    .replace(GEOMETRY, (_, name: string, value: string) => `${name}${value.replace(LONG_DECIMAL, (n) => String(Math.round(Number(n) * 100) / 100))}"`)
    // Inside one labelled image, vega's graphics roles (left without labels) only make screen readers stumble.
    .replace(INNER_ROLES, '');
  return compact.replace('<svg ', `<svg role="img" aria-label="${label}" `);
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { shape, datasets, signals, description } = splitSpec(spec);
  const view = new View(runtimeOf(shape), { renderer: 'none' });
  try {
    // Vega writes into the rows it is given (tuple ids, parsed dates): give it copies.
    for (const [name, values] of datasets) view.data(name, values.map((row) => (isObject(row) ? { ...row } : row)));
    for (const [name, value] of signals) view.signal(name, value);
    return finishSvg(await view.toSVG(), description);
  } finally {
    view.finalize();
  }
}
