import type { APIRoute } from 'astro';
import { getSite } from '../../site/model.ts';
import { atom, postmortemsFeed } from '../../site/feeds.ts';
import { base } from '../../site/paths.ts';

export const GET: APIRoute = async ({ site }) => new Response(atom(postmortemsFeed(await getSite(), base, site)), { headers: { 'content-type': 'application/atom+xml' } });
