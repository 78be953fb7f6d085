import type { APIRoute } from 'astro';
import { getSite } from '../../../site/model.ts';
import { reportsJson } from '../../../site/reports.ts';

export const GET: APIRoute = async () => new Response(JSON.stringify(reportsJson(await getSite()), null, 2));
