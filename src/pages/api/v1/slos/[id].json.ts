import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite, type SloView } from '../../../../site/model.ts';
import { sloJson } from '../../../../site/api.ts';

export const getStaticPaths: GetStaticPaths = async () => (await getSite()).slos.map((view) => ({ params: { id: view.slo.id }, props: { view } }));

/** `/api/v1/slos/<id>.json`: one SLO's full report (src/site/api.ts). */
export const GET: APIRoute = async ({ props }) => new Response(JSON.stringify(sloJson(await getSite(), (props as { view: SloView }).view), null, 2));
