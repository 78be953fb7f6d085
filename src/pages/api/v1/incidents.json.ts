import type { APIRoute } from 'astro';
import { getSite } from '../../../site/model.ts';
import { incidentsJson } from '../../../site/api.ts';

export const GET: APIRoute = async () => new Response(JSON.stringify(incidentsJson(await getSite()), null, 2));
