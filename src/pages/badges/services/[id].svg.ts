import type { APIRoute } from 'astro';
import { getSite } from '../../../site/model.ts';
import { dataRoutePaths, serviceBadgeFile } from '../../../site/data-files.ts';
import { byId, sloViewsByService } from '../../../site/by-id.ts';

/** `npm run build` writes these files itself (data-files.ts). */
export async function getStaticPaths() {
  const site = await getSite();
  return dataRoutePaths(() => site.content.services.map((s) => ({ params: { id: s.id } })));
}

export const GET: APIRoute = async ({ params }) => {
  const site = await getSite();
  const service = byId(site.content.services).get(params.id!)!;
  return new Response(serviceBadgeFile(service, sloViewsByService(site.slos).get(service.id) ?? []), { headers: { 'content-type': 'image/svg+xml' } });
};
