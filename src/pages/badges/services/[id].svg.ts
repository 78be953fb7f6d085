import type { APIRoute } from 'astro';
import { getSite } from '../../../site/model.ts';
import { badgeSvg, serviceBadgeMessage } from '../../../site/badges.ts';

export async function getStaticPaths() {
  const site = await getSite();
  return site.content.services.map((s) => ({ params: { id: s.id } }));
}

export const GET: APIRoute = async ({ params }) => {
  const site = await getSite();
  const s = site.content.services.find((x) => x.id === params.id)!;
  const { message, status } = serviceBadgeMessage(site.slos.filter((v) => v.slo.service === s.id));
  return new Response(badgeSvg(s.name, message, status), { headers: { 'content-type': 'image/svg+xml' } });
};
