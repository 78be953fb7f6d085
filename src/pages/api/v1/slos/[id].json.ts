import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../../../site/model.ts';
import { dataRoutePaths, sloApiFile } from '../../../../site/data-files.ts';
import { sloViewById } from '../../../../site/by-id.ts';

// Pages are found by id, not handed their SloView as a prop: Astro keeps the props of every
// path, and a view holds its whole series. `npm run build` writes these files itself (data-files.ts).
export const getStaticPaths: GetStaticPaths = async () => {
  const site = await getSite();
  return dataRoutePaths(() => site.slos.map((view) => ({ params: { id: view.slo.id } })));
};

/** `/api/v1/slos/<id>.json`: one SLO's full report (src/site/api.ts). */
export const GET: APIRoute = async ({ params }) => {
  const site = await getSite();
  return new Response(sloApiFile(site, sloViewById(site.slos).get(params.id!)!));
};
