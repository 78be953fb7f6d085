import type { APIRoute } from 'astro';
import { base } from '../../../site/paths.ts';
import { getSite } from '../../../site/model.ts';
import { slosJson } from '../../../site/api.ts';

/** `/api/v1/slos.json`: the light index of every SLO (src/site/api.ts). */
export const GET: APIRoute = async () => new Response(JSON.stringify(slosJson(await getSite(), base), null, 2));
