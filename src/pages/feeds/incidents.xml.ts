import type { APIRoute } from 'astro';
import { getSite } from '../../site/model.ts';
import { atom, incidentsFeed } from '../../site/feeds.ts';
import { base } from '../../site/paths.ts';

export const GET: APIRoute = async ({ site }) => new Response(atom(incidentsFeed(await getSite(), base, site)), { headers: { 'content-type': 'application/atom+xml' } });
