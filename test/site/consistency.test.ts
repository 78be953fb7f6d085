/**
 * One figure, one value: builds the bundled sample and checks that every place that shows a figure
 * shows the same value (SLO page cards, the home page and service pages, the API, the budget
 * chart's data), and that the API agrees with recomputations by hand from the raw files: the
 * snapshot sums for every SLO and window kind, and each service's MTTR/MTBF from its own incidents.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coveragePct, duration, pct } from '../../src/site/format.ts';
import { DEFINITIONS } from '../../src/site/definitions.ts';
import { OPEN_ON_INDEX } from '../../src/site/action-items.ts';
import { PROJECT, buildSite, readJson, type BuildResult } from '../helpers/build.ts';

interface Api {
  asOf: string;
  slos: {
    id: string;
    service: string;
    window: string;
    objective: number;
    sli: number | null;
    good: number;
    total: number;
    coverage: number;
    budget: { method: string; unit: string; counted: number; bad: number; allowed: number; remaining: number | null; consumed: number | null };
    budgetHistory: { points: { t: string; remaining: number | null }[] };
  }[];
}
interface Snap {
  start: number;
  step: number;
  series: { good?: (number | null)[]; bad?: (number | null)[]; total: (number | null)[] };
}

let build: BuildResult;
let api: Api;
let index: ApiIndex;
interface ApiIndex {
  asOf: string;
  slos: { id: string; sli: number | null; status: string | null; budgetRemaining: number | null; coverage: number | null; report: string }[];
}
const DAY = 86_400;

beforeAll(async () => {
  // At info, Astro lists every file it writes (checked below: it wrote none of the data files).
  build = await buildSite([], { SITREP_LOG_LEVEL: 'info' });
  expect(build.code, build.stderr).toBe(0);
  index = await readJson<ApiIndex>(join(build.out, 'api/v1/slos.json'));
  api = { asOf: index.asOf, slos: await Promise.all(index.slos.map((row) => readJson<Api['slos'][number]>(join(build.out, row.report)))) };
});
afterAll(() => rm(build.out, { recursive: true, force: true }));

/** Every `data-figure` value on a page, as [slo, figure, text]. */
async function figures(page: string): Promise<[string | null, string, string][]> {
  const html = await readFile(join(build.out, page), 'utf8');
  return [...html.matchAll(/<[a-z]+ [^>]*?(?:data-slo="([^"]+)" )?data-figure="([^"]+)"[^>]*>([^<]*)</g)].map((m) => [m[1] ?? null, m[2]!, m[3]!]);
}

const t = (x: string) => Date.parse(x) / 1000;

/** The SLO's own file when it is in sitrep's format (named after its id), else null. */
async function sloFile(id: string): Promise<Record<string, unknown> & { exclude_maintenance?: boolean } | null> {
  try {
    return parse(await readFile(join(PROJECT, 'content/slos', `${id}.yaml`), 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

interface MaintenanceFile { services: string[]; planned_start: string; planned_end: string; actual_start?: string; actual_end?: string }
async function maintenanceFiles(): Promise<MaintenanceFile[]> {
  const dir = join(PROJECT, 'content/maintenance');
  return Promise.all((await readdir(dir)).map(async (f) => parse(await readFile(join(dir, f), 'utf8')) as MaintenanceFile));
}

/** The SLO window [from, to) by hand: rolling N days, or the calendar month/quarter to date. */
function windowOf(window: string, asOf: number): [number, number] {
  const m = /^(\d+)d$/.exec(window);
  if (m) return [asOf - Number(m[1]) * DAY, asOf];
  const d = new Date((asOf - 1) * 1000);
  const month = window === 'quarter' ? d.getUTCMonth() - (d.getUTCMonth() % 3) : d.getUTCMonth();
  return [Date.UTC(d.getUTCFullYear(), month, 1) / 1000, asOf];
}

describe('the same figure everywhere', () => {
  it('the API index (api/v1/slos.json) shows the same SLI, status, budget left and coverage as each SLO\'s own file', () => {
    expect(index.slos.map((r) => r.id)).toEqual(api.slos.map((s) => s.id));
    for (const [n, row] of index.slos.entries()) {
      const full = api.slos[n]! as Api['slos'][number] & { status: string | null };
      expect(row.report).toBe(`/api/v1/slos/${row.id}.json`);
      expect([row.sli, row.status, row.budgetRemaining, row.coverage]).toEqual([full.sli, full.status, full.budget?.remaining ?? null, full.coverage]);
    }
  });

  it('every SLO: the SLO page cards, the home page and the service page show the API budget, SLI and coverage', async () => {
    const home = await figures('index.html');
    for (const s of api.slos) {
      const slo = await figures(`slos/${s.id}/index.html`);
      const service = await figures(`services/${s.service}/index.html`);
      const shown = (list: typeof home, figure: string) => list.filter(([id, f]) => id === s.id && f === figure).map(([, , text]) => text);
      const budget = pct(s.budget.remaining, 1);
      expect(shown(slo, 'budget-remaining'), s.id).toEqual([budget]);
      expect(shown(home, 'budget-remaining'), s.id).toEqual([budget]);
      expect(shown(service, 'budget-remaining'), s.id).toEqual([budget]);
      expect(shown(slo, 'sli')).toEqual([pct(s.sli)]);
      expect(shown(home, 'sli')).toEqual([pct(s.sli)]);
      expect(shown(home, 'coverage')).toEqual([coveragePct(s.coverage)]);
      // The same precision on the SLO page: 99.88% on both, not 99.9% on the home page.
      expect((await readFile(join(build.out, `slos/${s.id}/index.html`), 'utf8')).replaceAll('&#39;', "'"), s.id).toContain(`${coveragePct(s.coverage)} of the window's steps have data`);
    }
  });

  it('every SLO: the budget chart ends at the headline budget remaining', () => {
    for (const s of api.slos) {
      expect(s.budgetHistory.points.at(-1), s.id).toEqual({ t: api.asOf, remaining: s.budget.remaining });
    }
  });

  it('no coverage below 100% is shown as 100%', async () => {
    const home = await figures('index.html');
    for (const s of api.slos.filter((x) => x.coverage < 1)) {
      const text = home.find(([id, f]) => id === s.id && f === 'coverage')![2];
      expect(text, s.id).not.toBe('100.0%');
    }
  });

  it('a negative percentage has a minus sign on every page, as on the charts, never a hyphen', async () => {
    const pages = (await readdir(build.out, { recursive: true })).filter((f) => f.endsWith('.html'));
    const hyphens: string[] = [];
    let minus = 0;
    for (const page of pages) {
      const text = (await readFile(join(build.out, page), 'utf8')).replace(/<[^>]*>/g, ' ');
      hyphens.push(...[...text.matchAll(/(?<![\w.-])-\d+(?:\.\d+)?%/g)].map((m) => `${page}: ${m[0]}`));
      minus += [...text.matchAll(/−\d+(?:\.\d+)?%/g)].length;
    }
    expect(hyphens).toEqual([]);
    // The sample has overspent budgets (a negative budget left), so there is something to check.
    expect(api.slos.some((x) => (x.budget.remaining ?? 0) < 0)).toBe(true);
    expect(minus).toBeGreaterThan(0);
  });
});

describe('names', () => {
  it('pages show services by name, never by id, as link text', async () => {
    const services = ['checkout-api', 'identity', 'payments', 'search', 'storefront'];
    for (const page of ['index.html', 'incidents/index.html', 'incidents/2026-10-27-checkout-db-failover/index.html', 'runbooks/index.html', 'slos/identity-login/index.html']) {
      const html = await readFile(join(build.out, page), 'utf8');
      const linkTexts = [...html.matchAll(/<a href="\/services\/([^/]+)\/"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]]);
      expect(linkTexts.length, page).toBeGreaterThan(0);
      for (const [id, text] of linkTexts) expect(services.includes(text!), `${page}: ${id} shown as "${text}"`).toBe(false);
    }
  });
  it('the SLO read from a Sloth file has a readable title, not just its name', async () => {
    const html = await readFile(join(build.out, 'slos/identity-login/index.html'), 'utf8');
    expect(html).toMatch(/<h1>Identity login /);
  });
});

describe('the API agrees with the raw files, recomputed by hand', () => {
  it('every SLO, every window kind: events, SLI and budget from the snapshot file', async () => {
    const asOf = Date.parse(api.asOf) / 1000;
    const kinds = new Set<string>();
    for (const s of api.slos) {
      const snap = await readJson<Snap>(join(PROJECT, 'data/snapshots', `${s.id}.json`));
      const [from, to] = windowOf(s.window, asOf);
      kinds.add(/^\d+d$/.test(s.window) ? 'rolling' : s.window);
      // An SLO with exclude_maintenance counts no events in the steps that end inside its service's maintenance.
      const own = await sloFile(s.id);
      const maintenance = own?.exclude_maintenance ? (await maintenanceFiles()).filter((m) => m.services.includes(s.service)) : [];
      const inMaintenance = (end: number) => maintenance.some((m) => end > t(m.actual_start ?? m.planned_start) && end <= t(m.actual_end ?? m.planned_end));
      const steps: { good: number; total: number }[] = [];
      snap.series.total.forEach((total, i) => {
        const end = snap.start + i * snap.step;
        const num = (snap.series.good ?? snap.series.bad)![i];
        if (end <= from || end > to) return;
        if (total === null || num === null || num === undefined) steps.push({ good: 0, total: -1 });
        else if (inMaintenance(end)) steps.push({ good: 0, total: 0 });
        else steps.push({ good: snap.series.good ? num : total - num, total });
      });
      const present = steps.filter((x) => x.total >= 0);
      const total = present.reduce((a, x) => a + x.total, 0);
      const good = present.reduce((a, x) => a + x.good, 0);
      expect(s.total, s.id).toBe(total);
      expect(s.good, s.id).toBeCloseTo(good, 6);
      let bad = total - good;
      let counted = total;
      if (s.budget.method !== 'occurrences') {
        // Slices: runs of slice / step steps from the window's start; those with traffic count.
        const file = own as { budgeting: { slice: string; slice_target?: number } };
        const k = (Number(/^(\d+)m$/.exec(file.budgeting.slice)![1]) * 60) / snap.step;
        const target = file.budgeting.slice_target === undefined ? s.objective : file.budgeting.slice_target / 100;
        const slices: { good: number; total: number }[] = [];
        for (let a = 0; a < steps.length; a += k) {
          const run = steps.slice(a, a + k).filter((x) => x.total >= 0);
          slices.push({ good: run.reduce((x, y) => x + y.good, 0), total: run.reduce((x, y) => x + y.total, 0) });
        }
        const withTraffic = slices.filter((x) => x.total > 0);
        counted = withTraffic.length;
        bad = s.budget.method === 'timeslices'
          ? withTraffic.filter((x) => x.good / x.total < target - 1e-12).length
          : withTraffic.reduce((a, x) => a + (1 - x.good / x.total), 0);
      }
      expect(s.budget.counted, s.id).toBe(counted);
      expect(s.budget.bad, s.id).toBeCloseTo(bad, 6);
      expect(s.budget.allowed, s.id).toBeCloseTo((1 - s.objective) * counted, 6);
      expect(s.budget.remaining!, s.id).toBeCloseTo(1 - bad / ((1 - s.objective) * counted), 9);
      expect(s.sli!, s.id).toBeCloseTo(1 - bad / counted, 12);
    }
    expect(kinds).toEqual(new Set(['rolling', 'month', 'quarter']));
    expect(new Set(api.slos.map((s) => s.budget.method))).toEqual(new Set(['occurrences', 'timeslices', 'ratio-timeslices']));
  });

  it("every service: MTTR and MTBF from that service's own incident files", async () => {
    const dir = join(PROJECT, 'content/incidents');
    const incidents = await Promise.all((await readdir(dir)).map(async (f) => parse(await readFile(join(dir, f), 'utf8')) as Record<string, string & string[]>));
    const metrics = (await readJson<{ metrics: { byService: Record<string, { mttr: { count: number; mean: number | null }; mtbf: { count: number; mean: number | null; max: number | null } }> } }>(join(build.out, 'api/v1/incidents.json'))).metrics;
    for (const [service, m] of Object.entries(metrics.byService)) {
      const own = incidents.filter((i) => i.services.includes(service) && t(i.started_at) <= Date.parse(api.asOf) / 1000);
      const ttr = own.filter((i) => i.status === 'resolved').map((i) => t(i.resolved_at) - t(i.started_at));
      expect(m.mttr.count, service).toBe(ttr.length);
      expect(m.mttr.mean!, service).toBeCloseTo(ttr.reduce((a, b) => a + b, 0) / ttr.length, 6);
      // Impact spans by start; a span starting before the previous ends extends it.
      const spans = own.map((i) => [t(i.started_at), i.mitigated_at ? t(i.mitigated_at) : i.resolved_at ? t(i.resolved_at) : Infinity]).sort((a, b) => a[0]! - b[0]!);
      const gaps: number[] = [];
      let end = spans[0]![1]!;
      for (const [s, e] of spans.slice(1)) {
        if (s! > end) gaps.push(s! - end);
        end = Math.max(end, e!);
      }
      expect(m.mtbf.count, service).toBe(gaps.length);
      expect(m.mtbf.mean!, service).toBeCloseTo(gaps.reduce((a, b) => a + b, 0) / gaps.length, 6);
      expect(m.mtbf.max, service).toBe(Math.max(...gaps));
    }
  });
});

/** Numbers rounded to 9 significant digits, so the golden file pins values, not float noise. */
const rounded = (v: unknown): unknown =>
  typeof v === 'number' ? Number(v.toPrecision(9)) : Array.isArray(v) ? v.map(rounded) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rounded(x)])) : v;

describe('the sample figures, pinned', () => {
  // test/fixtures/sample-figures.json holds the published figures of the bundled sample. A change
  // in any of them fails here; after a deliberate change, refresh it with UPDATE=1 and review the diff.
  it('every SLO headline and every incident metric by severity and service equal the reviewed values', async () => {
    const incidents = await readJson<{ metrics: Record<string, Record<string, Record<string, unknown>>> }>(join(build.out, 'api/v1/incidents.json'));
    const pick = (m: Record<string, unknown>) => Object.fromEntries(['count', 'mttd', 'mtta', 'mttm', 'mttr', 'mtbf'].map((k) => [k, m[k]]));
    const figures = rounded({
      asOf: api.asOf,
      slos: Object.fromEntries(
        (api.slos as unknown as Record<string, unknown>[]).map((s) => [s.id, { sli: s.sli, status: s.status, budget: s.budget, coverage: s.coverage, burnRates: s.burnRates, timeToExhaustion: s.timeToExhaustion, alerts: (s.alerts as unknown[]).length }]),
      ),
      bySeverity: Object.fromEntries(Object.entries(incidents.metrics.bySeverity!).map(([k, m]) => [k, pick(m)])),
      byService: Object.fromEntries(Object.entries(incidents.metrics.byService!).map(([k, m]) => [k, pick(m)])),
    });
    const golden = join(PROJECT, 'test/fixtures/sample-figures.json');
    if (process.env.UPDATE === '1') await writeFile(golden, `${JSON.stringify(figures, null, 2)}\n`);
    expect(figures).toEqual(JSON.parse(await readFile(golden, 'utf8')));
  });
});

describe('incident metrics', () => {
  it('the metrics page and the incidents page show the API’s count, median and p90 of every metric, and each severity’s compliance is met / (met + missed) of the API', async () => {
    const json = await readJson<{ metrics: Record<string, { count: number; median: number | null; p90: number | null }> & { responseTargets: Record<string, { met: number; missed: number }> } }>(join(build.out, 'api/v1/incidents.json'));
    const onMetrics = await figures('metrics/index.html');
    const onIncidents = await figures('incidents/index.html');
    for (const k of ['mttd', 'mtta', 'mttm', 'mttr', 'mtbf']) {
      const want = [String(json.metrics[k]!.count), duration(json.metrics[k]!.median), duration(json.metrics[k]!.p90)];
      for (const f of [onMetrics, onIncidents]) expect(['count', 'median', 'p90'].map((x) => f.find((y) => y[1] === `${k}-${x}`)?.[2]), k).toEqual(want);
    }
    for (const [sev, t] of Object.entries(json.metrics.responseTargets)) {
      const want = t.met + t.missed ? pct(t.met / (t.met + t.missed), 1) : '—';
      expect(onMetrics.find((y) => y[1] === `compliance-${sev}`)?.[2], sev).toBe(want);
    }
  });
});

describe('action items', () => {
  it('the open and overdue counts are the same on the overview, the tracker and the running month’s report, and equal a count by hand from the postmortem files', async () => {
    // By hand: every row of every Action items table; open unless done or wont-fix, overdue once the due day has ended.
    const dir = join(PROJECT, 'content/postmortems');
    const asOf = t(api.asOf);
    const rows = (await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f), 'utf8'))))
      .flatMap((text) => text.split('## Action items')[1]!.split('\n## ')[0]!.split('\n'))
      .filter((l) => /^\| .* \| \d{4}-\d{2}-\d{2} \| P\d \|/.test(l))
      .map((l) => l.split('|').map((c) => c.trim()));
    const open = rows.filter((c) => c[5] !== 'done' && c[5] !== 'wont-fix');
    const overdue = open.filter((c) => t(`${c[3]}T00:00:00Z`) + DAY <= asOf);
    expect(rows.length).toBeGreaterThan(30);
    expect(overdue.length).toBeGreaterThan(0);
    const want = [String(open.length), String(overdue.length)];
    const counts = async (page: string) => {
      const f = await figures(page);
      return [f.find((x) => x[1] === 'actions-open')?.[2], f.find((x) => x[1] === 'actions-overdue')?.[2]];
    };
    expect(await counts('index.html')).toEqual(want);
    expect(await counts('action-items/index.html')).toEqual(want);
    // The tracker says how many items its table holds, every one from the postmortems' tables, and links to it and to the counts.
    const tracker = await readFile(join(build.out, 'action-items/index.html'), 'utf8');
    expect(tracker).toContain(`<a href="#items">All ${rows.length} items</a>`);
    expect(rows.length).toBeGreaterThan(1);
    expect(tracker).toMatch(/<h2 id="counts">/);
    const month = new Date((asOf - 1) * 1000).toISOString().slice(0, 7);
    expect((await figures(`reports/${month}/index.html`)).find((x) => x[1] === 'actions-overdue')?.[2]).toBe(want[1]);
    const report = await readJson<{ postmortems: { actionItems: { overdue: number } } }>(join(build.out, `api/v1/reports/${month}.json`));
    expect(report.postmortems.actionItems.overdue).toBe(overdue.length);
    // The postmortems index lists the open items, each in its state at the report time, as the tracker does.
    const listed = [...(await readFile(join(build.out, 'postmortems/index.html'), 'utf8')).matchAll(/<tr data-state="(\w+)">(?:<td[^>]*>(?:(?!<\/td>).)*<\/td>){4}<td>([^<]*)<\/td>/g)];
    expect(listed).toHaveLength(Math.min(open.length, OPEN_ON_INDEX));
    expect(open.length).toBeLessThanOrEqual(OPEN_ON_INDEX);
    expect(listed.filter((m) => m[1] === 'overdue').map((m) => m[2])).toEqual(overdue.map(() => expect.stringMatching(/^overdue, \d+ days? late$/)));
  });
});

describe('runbooks', () => {
  it('the service pages and the runbooks index agree on which runbooks are orphaned, and list each runbook once', async () => {
    const runbooksIndex = await readFile(join(build.out, 'runbooks/index.html'), 'utf8');
    const onIndex = [...runbooksIndex.matchAll(/<tr><td><a href="\/runbooks\/([^/]+)\/">[\s\S]*?<\/tr>/g)].map((m) => [m[1]!, m[0].includes('>orphaned<')] as const);
    const onServices: (readonly [string, boolean])[] = [];
    for (const dir of await readdir(join(build.out, 'services'), { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      const html = await readFile(join(build.out, 'services', dir.name, 'index.html'), 'utf8');
      for (const m of html.matchAll(/<li data-runbook="([^"]+)">([\s\S]*?)<\/li>/g)) onServices.push([m[1]!, m[2]!.includes('>orphaned<')]);
    }
    expect(onIndex.length).toBeGreaterThan(3);
    expect(onIndex.filter(([, orphaned]) => orphaned).map(([id]) => id)).toEqual(['checkout-db-failover']);
    const sorted = (xs: (readonly [string, boolean])[]) => [...xs].sort((a, b) => a[0].localeCompare(b[0]));
    expect(sorted(onServices)).toEqual(sorted(onIndex));
    // Its page says why, without calling the alerts it lists pointers to it: they are defined elsewhere.
    const page = (await readFile(join(build.out, 'runbooks/checkout-db-failover/index.html'), 'utf8')).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(page).toContain('Orphaned: no SLO names this runbook, no alert rule from npm run rules links to it and no service page does');
    expect(page).toContain('The alerts it covers (below) are defined elsewhere: give them this page as their runbook_url.');
    expect(page).not.toContain('no SLO, alert or service points at this runbook');
  });
});

describe('definitions', () => {
  it('the README states every figure definition exactly as the site does', async () => {
    const readme = (await readFile(join(PROJECT, 'README.md'), 'utf8')).replace(/\s+/g, ' ');
    expect(DEFINITIONS.filter((d) => !readme.includes(d.text)).map((d) => d.id)).toEqual([]);
  });
  it('the site has a definitions page with an anchor for each', async () => {
    const html = await readFile(join(build.out, 'definitions/index.html'), 'utf8');
    for (const d of DEFINITIONS) expect(html).toContain(`id="${d.id}"`);
  });
});

describe('data files (per-SLO API files, chart specs, badges)', () => {
  // `npm run build` writes these itself, after the pages (src/site/data-files.ts); under `astro dev`
  // their routes serve them. Both must give the same bytes: the routes' handlers are called here
  // as Astro calls them, on the model of the same sample.
  type Route = { GET: (ctx: { params: Record<string, string> }) => Promise<Response> | Response; getStaticPaths: () => Promise<{ params: Record<string, string> }[]> };
  const routes: [string, (p: Record<string, string>) => string][] = [
    ['../../src/pages/api/v1/slos/[id].json.ts', (p) => `api/v1/slos/${p.id}.json`],
    ['../../src/pages/slos/[id]/[chart].vl.json.ts', (p) => `slos/${p.id}/${p.chart}.vl.json`],
    ['../../src/pages/badges/slos/[id].svg.ts', (p) => `badges/slos/${p.id}.svg`],
    ['../../src/pages/badges/services/[id].svg.ts', (p) => `badges/services/${p.id}.svg`],
  ];

  it.each(routes)('%s: the build wrote every file the route lists, with the bytes the route serves', async (module, file) => {
    const route = (await import(/* @vite-ignore */ module)) as Route;
    const paths = await route.getStaticPaths();
    expect(paths.length).toBeGreaterThan(0);
    for (const { params } of paths) {
      const served = await (await route.GET({ params })).text();
      expect(await readFile(join(build.out, file(params)), 'utf8'), file(params)).toBe(served);
    }
  });

  it('the build wrote them itself, each once, and Astro none of them', async () => {
    let listed = 0;
    for (const [module] of routes) listed += (await ((await import(/* @vite-ignore */ module)) as Route).getStaticPaths()).length;
    expect(build.stdout).toContain(`data files: ${listed} (`);
    // Astro logs each file it writes (at info): the pages, and none of the data files.
    expect(build.stdout).toMatch(/├─ \/slos\/[a-z0-9-]+\/index\.html/);
    expect(build.stdout.split('\n').filter((l) => /\/api\/v1\/slos\/[^/]+\.json|\.vl\.json|\/badges\//.test(l))).toEqual([]);
    const written = [
      ...(await readdir(join(build.out, 'api/v1/slos'))).map((f) => `api/v1/slos/${f}`),
      ...(await readdir(join(build.out, 'badges/slos'))).map((f) => `badges/slos/${f}`),
      ...(await readdir(join(build.out, 'badges/services'))).map((f) => `badges/services/${f}`),
      ...(await readdir(join(build.out, 'slos'), { recursive: true })).filter((f) => f.endsWith('.vl.json')),
    ];
    expect(written).toHaveLength(listed);
  });

  it('writeDataFiles stops with the path it could not write', async () => {
    const { writeDataFiles } = await import('../../scripts/lib/post-build.ts');
    const { buildModel } = await import('../../src/site/model.ts');
    const site = await buildModel(PROJECT);
    const blocked = join(build.out, 'index.html'); // a file, so no folder can be made under it
    await expect(writeDataFiles(blocked, site, '/')).rejects.toThrow(/index\.html\/(api|badges|slos)\//);
  });

  it('every SLO with data has its three chart specs, and every SLO and service its badge', async () => {
    const services = (await readdir(join(PROJECT, 'content/services'))).map((f) => f.replace(/\.yaml$/, ''));
    expect((await readdir(join(build.out, 'badges/services'))).sort()).toEqual(services.map((s) => `${s}.svg`).sort());
    expect((await readdir(join(build.out, 'badges/slos'))).sort()).toEqual(index.slos.map((s) => `${s.id}.svg`).sort());
    for (const s of index.slos.filter((x) => x.sli !== null)) {
      for (const chart of ['budget', 'daily', 'burn']) {
        const spec = await readJson<{ $schema: string }>(join(build.out, 'slos', s.id, `${chart}.vl.json`));
        expect(spec.$schema).toContain('vega-lite');
      }
    }
  });

  it('a route lists no paths when the build writes its files itself, and every path otherwise', async () => {
    const { dataRoutePaths } = await import('../../src/site/data-files.ts');
    const { DATA_FILES_BY_BUILD } = await import('../../src/site/model-hooks.ts');
    const hooks = globalThis as { [DATA_FILES_BY_BUILD]?: boolean };
    expect(dataRoutePaths(() => [1, 2])).toEqual([1, 2]);
    hooks[DATA_FILES_BY_BUILD] = true;
    try {
      expect(dataRoutePaths(() => [1, 2])).toEqual([]);
    } finally {
      delete hooks[DATA_FILES_BY_BUILD];
    }
  });
});
