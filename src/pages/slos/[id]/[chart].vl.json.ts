import type { APIRoute } from 'astro';
import { getSite } from '../../../site/model.ts';
import { base } from '../../../site/paths.ts';
import { sloCharts } from '../../../site/slo-page.ts';
import { sloViewById } from '../../../site/by-id.ts';

/** Each SLO chart's vega-lite spec, its data inline, for download: /slos/<id>/budget.vl.json, daily.vl.json and burn.vl.json. */
export async function getStaticPaths() {
  const site = await getSite();
  return site.slos.filter((v) => v.report !== null).flatMap((v) => (['budget', 'daily', 'burn'] as const).map((chart) => ({ params: { id: v.slo.id, chart } })));
}

type Charts = NonNullable<ReturnType<typeof sloCharts>>;

/**
 * The three charts of an SLO are written close together (a few files at a time, in order), so the
 * SLOs computed last are kept: each SLO's charts are computed once for its three files.
 */
const recent = new Map<object, Charts>();
const KEEP = 8;

export const GET: APIRoute = async ({ params }) => {
  const site = await getSite();
  const view = sloViewById(site.slos).get(params.id!)!;
  let charts = recent.get(view);
  if (!charts) {
    recent.set(view, (charts = sloCharts(view, base)!));
    if (recent.size > KEEP) recent.delete(recent.keys().next().value!);
  }
  const spec = { budget: charts.budgetChart, daily: charts.dailyChart, burn: charts.burnChart }[params.chart as 'budget' | 'daily' | 'burn'].spec;
  return new Response(`${JSON.stringify(spec, null, 2)}\n`, { headers: { 'content-type': 'application/json' } });
};
