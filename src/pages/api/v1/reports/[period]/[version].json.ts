import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../../../../site/model.ts';
import { versionJson, versionPaths } from '../../../../../site/reports.ts';

export const getStaticPaths: GetStaticPaths = async () => versionPaths(await getSite()).map((params) => ({ params }));

/** `/api/v1/reports/<period>/v<n>.json`: one frozen version as recorded in data/reports/<period>.json. */
export const GET: APIRoute = async ({ params }) => new Response(JSON.stringify(versionJson(await getSite(), params.period!, Number(params.version!.slice(1))), null, 2));
