import type { APIRoute } from 'astro';
import { getSite } from '../../../site/model.ts';
import { base } from '../../../site/paths.ts';
import { dataRoutePaths, sloChartFiles, type ChartName, CHART_NAMES } from '../../../site/data-files.ts';
import { sloViewById } from '../../../site/by-id.ts';
import type { SloView } from '../../../site/model.ts';

/**
 * Each SLO chart's vega-lite spec, its data inline, for download: /slos/<id>/budget.vl.json,
 * daily.vl.json and burn.vl.json. `npm run build` writes these files itself (data-files.ts).
 */
export async function getStaticPaths() {
  const site = await getSite();
  return dataRoutePaths(() => site.slos.filter((v) => v.report !== null).flatMap((v) => CHART_NAMES.map((chart) => ({ params: { id: v.slo.id, chart } }))));
}

/** An SLO's three files, made once for the three requests (a view lives as long as its model). */
const made = new WeakMap<SloView, NonNullable<ReturnType<typeof sloChartFiles>>>();

export const GET: APIRoute = async ({ params }) => {
  const site = await getSite();
  const view = sloViewById(site.slos).get(params.id!)!;
  let files = made.get(view);
  if (!files) made.set(view, (files = sloChartFiles(view, base)!));
  return new Response(files[params.chart as ChartName], { headers: { 'content-type': 'application/json' } });
};
