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

/** The three charts of an SLO are written one after the other: they are computed once for them. */
let last: { site: object; id: string; charts: NonNullable<ReturnType<typeof sloCharts>> } | undefined;

export const GET: APIRoute = async ({ params }) => {
  const site = await getSite();
  if (last?.site !== site || last.id !== params.id) last = { site, id: params.id!, charts: sloCharts(sloViewById(site.slos).get(params.id!)!, base)! };
  const { charts } = last;
  const spec = { budget: charts.budgetChart, daily: charts.dailyChart, burn: charts.burnChart }[params.chart as 'budget' | 'daily' | 'burn'].spec;
  return new Response(`${JSON.stringify(spec, null, 2)}\n`, { headers: { 'content-type': 'application/json' } });
};
