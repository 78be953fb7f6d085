import type { APIRoute } from 'astro';
import { getSite } from '../../../site/model.ts';
import { slosJson } from '../../../site/api.ts';

export const GET: APIRoute = async () => new Response(JSON.stringify(slosJson(await getSite()), null, 2));
