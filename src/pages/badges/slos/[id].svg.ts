import type { APIRoute } from 'astro';
import { getSite } from '../../../site/model.ts';
import { dataRoutePaths, sloBadgeFile } from '../../../site/data-files.ts';
import { sloViewById } from '../../../site/by-id.ts';

/** `npm run build` writes these files itself (data-files.ts). */
export async function getStaticPaths() {
  const site = await getSite();
  return dataRoutePaths(() => site.slos.map((v) => ({ params: { id: v.slo.id } })));
}

export const GET: APIRoute = async ({ params }) => {
  const site = await getSite();
  return new Response(sloBadgeFile(sloViewById(site.slos).get(params.id!)!), { headers: { 'content-type': 'image/svg+xml' } });
};
