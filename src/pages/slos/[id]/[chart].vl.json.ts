import type { APIRoute } from 'astro';
import { getSite } from '../../../site/model.ts';
import { base } from '../../../site/paths.ts';
import { sloPage } from '../../../site/slo-page.ts';

/** Each SLO chart's vega-lite spec, its data inline, for download: /slos/<id>/budget.vl.json, daily.vl.json and burn.vl.json. */
export async function getStaticPaths() {
  const site = await getSite();
  return site.slos.filter((v) => v.report !== null).flatMap((v) => (['budget', 'daily', 'burn'] as const).map((chart) => ({ params: { id: v.slo.id, chart } })));
}

export const GET: APIRoute = async ({ params }) => {
  const site = await getSite();
  const page = sloPage(site.slos.find((v) => v.slo.id === params.id)!, site, base)!;
  const spec = { budget: page.budgetChart, daily: page.dailyChart, burn: page.burnChart }[params.chart as 'budget' | 'daily' | 'burn'].spec;
  return new Response(`${JSON.stringify(spec, null, 2)}\n`, { headers: { 'content-type': 'application/json' } });
};
