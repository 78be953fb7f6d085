import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../../../site/model.ts';
import { periodJson, sitePeriods } from '../../../../site/reports.ts';

export const getStaticPaths: GetStaticPaths = async () => (sitePeriods(await getSite())).map((p) => ({ params: { period: p.key.toLowerCase() } }));

/** `/api/v1/reports/<period>.json`: the PeriodReport of src/core/period-report.ts as published (a frozen period's newest version), with `frozen`. */
export const GET: APIRoute = async ({ params }) => new Response(JSON.stringify(periodJson(await getSite(), params.period!), null, 2));
