/**
 * Chart SVGs kept between builds. With a cache folder (SITREP_CHART_CACHE, set by `npm run build`),
 * each SVG is stored under the hash of its spec (data included) and of the vega and vega-lite
 * versions: a rebuild redraws only the charts whose data or spec changed. An entry is written whole
 * (a temporary file, then a rename), so a reader never sees half an SVG; an unreadable entry is
 * drawn again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { version as vegaVersion } from 'vega';
import { version as vegaLiteVersion, type TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../../charts/render.ts';
import { TEXT_WIDTHS_KEY } from '../../charts/text-width.ts';
import { chartsUsed, pendingCharts } from './registry.ts';
import { Digested } from '../../site/digested.ts';

/** Bump when renderSvg changes what it makes of a spec, so older entries are not used (text widths are keyed apart). */
const RENDERER = 'sitrep-svg/4';

/** The cache key of a spec: what is drawn and what draws it. */
export function chartKey(spec: TopLevelSpec): string {
  return createHash('sha256').update(`${RENDERER} vega ${vegaVersion} vega-lite ${vegaLiteVersion} text ${TEXT_WIDTHS_KEY}\n`).update(JSON.stringify(spec)).digest('hex');
}

/**
 * A chart a page of this build shows, for the page's inputs (src/site/page-keys.ts): its spec under
 * its cache key. Counted as used, so the build keeps it in the cache even when the page is linked
 * from the last build instead of rendered.
 */
export function chartInput(spec: TopLevelSpec): Digested<TopLevelSpec> {
  const key = chartKey(spec);
  chartsUsed().add(key);
  return new Digested(key, spec);
}

/** The SVG of `spec`, from the cache when it holds it (see above), else drawn and stored. */
export const renderChart = (spec: TopLevelSpec, cacheDir = process.env.SITREP_CHART_CACHE): Promise<string> => (cacheDir ? drawKeyed(chartKey(spec), spec, cacheDir) : renderSvg(spec));

/** The SVG of a page's chart input (chartInput), by the key it was made with. */
export const renderChartInput = (chart: Digested<TopLevelSpec>, cacheDir = process.env.SITREP_CHART_CACHE): Promise<string> => (cacheDir ? drawKeyed(chart.digest, chart.value, cacheDir) : renderSvg(chart.value));

async function drawKeyed(key: string, spec: TopLevelSpec, cacheDir: string): Promise<string> {
  chartsUsed().add(key);
  const file = join(cacheDir, `${key}.svg`);
  // Being drawn on a worker thread (prefetch.ts): wait for it rather than draw it twice.
  await pendingCharts().get(key);
  const cached = await readFile(file, 'utf8').catch(() => undefined);
  if (cached !== undefined) return cached;
  const svg = await renderSvg(spec);
  await mkdir(cacheDir, { recursive: true });
  // Pages render a few at a time and the prefetch draws on other threads: a temporary name of its own.
  const tmp = `${file}.${process.pid}.${threadId}.${randomUUID()}.tmp`;
  await writeFile(tmp, svg);
  await rename(tmp, file);
  return svg;
}
