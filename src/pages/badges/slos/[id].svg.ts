import type { APIRoute } from 'astro';
import { getSite } from '../../../site/model.ts';
import { badgeSvg, sloBadgeMessage } from '../../../site/badges.ts';

export async function getStaticPaths() {
  const site = await getSite();
  return site.slos.map((v) => ({ params: { id: v.slo.id } }));
}

export const GET: APIRoute = async ({ params }) => {
  const v = (await getSite()).slos.find((x) => x.slo.id === params.id)!;
  const { message, status } = sloBadgeMessage(v);
  return new Response(badgeSvg(v.slo.name, message, status), { headers: { 'content-type': 'image/svg+xml' } });
};
