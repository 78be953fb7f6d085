import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../../../site/model.ts';
import { periodReport, sitePeriods } from '../../../../site/reports.ts';

export const getStaticPaths: GetStaticPaths = async () => (sitePeriods(await getSite())).map((p) => ({ params: { period: p.key.toLowerCase() } }));

/** `/api/v1/reports/<period>.json`: the PeriodReport of src/core/period-report.ts. */
export const GET: APIRoute = async ({ params }) => new Response(JSON.stringify(periodReport(await getSite(), params.period!), null, 2));
