/** The view models of the reports and the outage tracker, on the bundled sample (no Astro, no build). */
import { describe, expect, it } from 'vitest';
import { buildModel, type SiteModel } from '../../src/site/model.ts';
import { changeView, dataStart, periodLabel, reportIndex, reportPage, sitePeriods } from '../../src/site/reports.ts';
import { MONTH_NAMES } from '../../src/site/format.ts';
import { BANNER_REASONS, BANNER_SERVICES, affectedNow, availabilityText, bannerView, calendarLegend, calendarScale, calendarView, maintenanceLists, trackerPages, trackerRows } from '../../src/site/tracker.ts';
import { historyPages, historyUrl } from '../../src/site/history.ts';
import { incidentView } from '../../src/site/incident-view.ts';
import { cssString, printCss } from '../../src/site/print.ts';
import { outageTable } from '../../src/site/outage-table.ts';
import { PROJECT } from '../helpers/build.ts';

let site: SiteModel;
const model = async () => (site ??= await buildModel(PROJECT, { SITREP_AS_OF: '' }));

describe('report view models', () => {
  it('name periods as a reader would', () => {
    expect(periodLabel({ kind: 'month', key: '2026-10' })).toBe('October 2026');
    expect(periodLabel({ kind: 'quarter', key: '2026-Q4' })).toBe('Q4 2026');
  });

  it('show a change in percentage points, with an arrow and whether it is good news', () => {
    expect(changeView(-0.00133, true, 3)).toEqual({ arrow: '▼', text: '−0.133 pp', tone: 'worse' });
    expect(changeView(2.67, false, 1)).toEqual({ arrow: '▲', text: '+267.0 pp', tone: 'worse' });
    expect(changeView(-0.8, false, 1)).toEqual({ arrow: '▼', text: '−80.0 pp', tone: 'better' });
    expect(changeView(0.000001, true, 3)).toEqual({ arrow: '=', text: '0.000 pp', tone: 'same' });
    expect(changeView(null, true, 3)).toEqual({ arrow: '', text: '—', tone: 'none' });
  });

  it('list the sample periods from its first data, the running ones to date', async () => {
    const s = await model();
    expect(new Date(dataStart(s)! * 1000).toISOString().slice(0, 7)).toBe('2026-05');
    expect(sitePeriods(s).map((p) => p.key)).toEqual(['2026-11', '2026-10', '2026-09', '2026-08', '2026-07', '2026-06', '2026-05', '2026-Q4', '2026-Q3', '2026-Q2']);
    const index = reportIndex(s, '/');
    expect(index.months[0]).toMatchObject({ slug: '2026-11', label: 'November 2026', toDate: true, url: '/reports/2026-11/', json: '/api/v1/reports/2026-11.json' });
    expect(index.months[1]!.toDate).toBe(false);
  });

  it('give October a section per service, by tier, and the link to September', async () => {
    const v = reportPage(await model(), '2026-10', '/');
    expect(v.previous).toEqual({ label: 'September 2026', url: '/reports/2026-09/' });
    expect(v.services.map((s) => s.name)).toEqual(['Checkout API', 'Identity', 'Payments', 'Storefront Web', 'Product Search']);
    expect(v.services[0]!.incidents.map((i) => i.id)).toEqual(['2026-10-27-checkout-db-failover']);
    expect(v.slos.find((r) => r.id === 'checkout-availability')).toMatchObject({ verdict: 'missed', objective: '99.95%' });
    expect(reportPage(await model(), '2026-05', '/').previous).toBeNull();
  });

  it('list the missed SLOs first, then those without data, then the met ones, each group in the report\'s order', async () => {
    const site = await model();
    for (const slug of ['2026-10', '2026-q4', '2026-09']) {
      const v = reportPage(site, slug, '/');
      const order = { missed: 0, 'no data': 1, met: 2 };
      const verdicts = v.slos.map((r) => r.verdict);
      expect(verdicts).toEqual([...verdicts].sort((a, b) => order[a] - order[b]));
      // The same rows as the report's, none lost; within a group as the report lists them.
      const ids = v.report.slos.map((r) => r.id);
      expect([...v.slos.map((r) => r.id)].sort()).toEqual([...ids].sort());
      for (const verdict of ['missed', 'no data', 'met'] as const) {
        const group = v.slos.filter((r) => r.verdict === verdict).map((r) => r.id);
        expect(group).toEqual(ids.filter((id) => group.includes(id)));
      }
      for (const s of v.services) expect(s.slos.map((r) => r.verdict)).toEqual([...s.slos.map((r) => r.verdict)].sort((a, b) => order[a] - order[b]));
    }
    expect(reportPage(site, '2026-10', '/').slos[0]!.verdict).toBe('missed');
  });
});

describe('tracker view models', () => {
  it('never show an availability below 1 as 100%', () => {
    expect(availabilityText(0.999598765)).toBe('99.960%');
    expect(availabilityText(0.9999999)).toBe('>99.999%');
    expect(availabilityText(1)).toBe('100.000%');
  });

  it('give every service 90 bars, the failover day an outage with its incident in the tooltip', async () => {
    const rows = trackerRows(await model(), '/');
    expect(rows.map((r) => r.bars.length)).toEqual([90, 90, 90, 90, 90]);
    const day = rows.find((r) => r.id === 'checkout-api')!.bars.find((b) => b.date === '2026-10-27')!;
    expect(day).toMatchObject({ level: 'outage', cls: 'bar lvl-outage', heading: '2026-10-27 · Outage · 52m outage', tipId: 'tip-checkout-api-2026-10-27' });
    expect(day.incidents.map((i) => i.url)).toEqual(['/incidents/2026-10-27-checkout-db-failover/']);
    const maint = rows.find((r) => r.id === 'storefront')!.bars.find((b) => b.date === '2026-10-18')!;
    expect(maint).toMatchObject({ maintenance: true, works: [{ id: '2026-10-18-storefront-cdn-migration', title: 'Storefront moves to the new CDN configuration' }] });
  });

  it('list the services affected right now first, then by tier and name, in pages of day-bars', async () => {
    const site = await model();
    const rows = trackerRows(site, '/');
    expect(rows.slice(0, 2).map((r) => r.id)).toEqual(bannerView(site, '/').services.map((s) => s.id));
    const pages = trackerPages(site, '/', 2);
    expect(pages.map((p) => p.rows.map((r) => r.id))).toEqual([rows.slice(0, 2), rows.slice(2, 4), rows.slice(4)].map((c) => c.map((r) => r.id)));
    expect(pages[2]!.links.map((l) => l.url)).toEqual(['/outages/', '/outages/services/2/', '/outages/services/3/']);
    expect(pages[1]).toMatchObject({ page: 2, pages: 3 });
    expect(trackerPages(site, '/')).toHaveLength(1);
  });

  it('order services with numbers in their names by value: Service 2 before Service 10', async () => {
    const site = await model();
    // The sample's services renamed as a large organisation's are, all in one tier, none affected now.
    const services = site.content.services.map((s, n) => ({ ...s, name: `Service ${[10, 2, 1, 20, 3, 100, 11, 9, 30][n % 9]}${n >= 9 ? ` ${n}` : ''}`, tier: 1 }));
    const renamed = { ...site, content: { ...site.content, services, incidents: site.content.incidents.filter((i) => i.resolved_at !== undefined), maintenance: [] } } as typeof site;
    const names = trackerRows(renamed, '/').map((r) => r.name);
    expect(names.length).toBeGreaterThan(3);
    expect(names).toEqual([...names].sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0])));
  });

  it('sort maintenance into ongoing, upcoming and past at the report time', async () => {
    const m = maintenanceLists(await model());
    expect(m.ongoing.map((x) => x.id)).toEqual(['2026-11-14-identity-session-store-upgrade']);
    expect(m.upcoming.map((x) => x.id)).toEqual(['2026-11-22-payments-psp-certificate-rotation']);
    expect(m.past.map((x) => x.id)).toEqual(['2026-10-18-storefront-cdn-migration']);
    expect(m.upcoming[0]!.window).toBe('2026-11-22 03:00 UTC – 2026-11-22 03:30 UTC (planned)');
  });

  it('put the services with an open incident or ongoing maintenance in the banner, an open incident before maintenance', async () => {
    const b = bannerView(await model(), '/');
    expect(b.services.map((s) => s.id)).toEqual(['search', 'identity']);
    expect(b.services[1]!.reasons[0]!.text).toBe('maintenance: Identity session store upgrade');
    expect(b.more).toBe(0);
  });

  it('name at most BANNER_SERVICES services in the banner, the most severe incident first, and count the rest', async () => {
    const site = await model();
    const open = site.content.incidents.find((i) => i.resolved_at === undefined)!;
    // Open incidents on every service, their severity by the service's place: the last service's SEV1 comes first.
    const services = site.content.services;
    const incidents = services.map((s, n) => ({ ...open, id: `open-${s.id}`, services: [s.id], severity: (['SEV4', 'SEV3', 'SEV2', 'SEV2', 'SEV1'] as const)[n % 5]! }));
    const b = bannerView({ ...site, content: { ...site.content, incidents: [...site.content.incidents, ...incidents] } } as typeof site, '/');
    expect(b.services).toHaveLength(BANNER_SERVICES);
    expect(b.services[0]!.reasons.some((r) => r.text.startsWith('SEV1 '))).toBe(true);
    expect(b.services.map((s) => Math.min(...s.reasons.map((r) => (/^SEV(\d)/.exec(r.text) ? Number(/^SEV(\d)/.exec(r.text)![1]) : 9))))).toEqual([1, 2, 2]);
    expect(b.more).toBe(services.length - BANNER_SERVICES);
    // The tracker, where "more" links, lists every affected service first, in the same order, not only the banner's three.
    const all = affectedNow({ ...site, content: { ...site.content, incidents: [...site.content.incidents, ...incidents] } } as typeof site, '/');
    expect(all).toHaveLength(services.length);
    expect(all.slice(0, BANNER_SERVICES).map((a) => a.id)).toEqual(b.services.map((x) => x.id));
    const rows = trackerRows({ ...site, content: { ...site.content, incidents: [...site.content.incidents, ...incidents] } } as typeof site, '/');
    expect(rows.map((r) => r.id)).toEqual(all.map((a) => a.id));
  });

  it('give at most BANNER_REASONS reasons a service in the banner, the most severe first', async () => {
    const site = await model();
    const open = site.content.incidents.find((i) => i.resolved_at === undefined)!;
    const service = site.content.services[0]!.id;
    const incidents = (['SEV4', 'SEV3', 'SEV1'] as const).map((severity, n) => ({ ...open, id: `open-${n}`, title: `Open ${severity}`, services: [service], severity }));
    const b = bannerView({ ...site, content: { ...site.content, incidents: [...site.content.incidents, ...incidents] } } as typeof site, '/');
    const first = b.services[0]!;
    expect(first.id).toBe(service);
    expect(first.reasons.map((r) => r.text.split(':')[0])).toEqual(['SEV1 ' + open.status, 'SEV3 ' + open.status]);
    expect(first.reasons).toHaveLength(BANNER_REASONS);
    expect(first.moreReasons).toBe(1);
  });

  it('lay out a year of days in weeks of seven, Monday first', async () => {
    const c = calendarView(await model());
    expect(c.weeks.every((w) => w.length === 7)).toBe(true);
    expect(c.weeks.flat().filter((d) => d !== null)).toHaveLength(365);
    expect(c.total).toBe((await model()).content.incidents.length);
    // 2026-10-27 was a Tuesday: the second day of its week.
    const week = c.weeks.find((w) => w.some((d) => d?.date === '2026-10-27'))!;
    expect(week.findIndex((d) => d?.date === '2026-10-27')).toBe(1);
    expect(week[1]).toMatchObject({ bucket: 1, outage: true, label: '2026-10-27: 1 incident started, 52m of outage' });
    // The sample's days have one or two incidents: the shades are 1, 2, 3 and 4 or more.
    expect(calendarView(await model()).legend).toEqual(['1', '2', '3', '4 or more']);
  });

  it('scale the calendar\'s shades to the organisation: quartiles of the days with incidents, each shade above the one before', () => {
    expect(calendarScale([])).toEqual([1, 2, 3, 4]);
    expect(calendarScale([0, 1, 1, 2, 5, 0])).toEqual([1, 2, 3, 4]);
    // Twenty-odd a day, as at 100 services: the shades tell the days apart, where "3 or more" coloured every day alike.
    const busy = Array.from({ length: 100 }, (_, n) => 10 + (n % 25));
    const scale = calendarScale(busy);
    expect(scale).toEqual([1, 16, 22, 28]);
    expect(calendarLegend(scale)).toEqual(['1–15', '16–21', '22–27', '28 or more']);
    const shade = (c: number) => scale.filter((from) => c >= from).length;
    const perShade = [1, 2, 3, 4].map((k) => busy.filter((c) => shade(c) === k).length);
    for (const n of perShade) expect(n).toBeGreaterThan(15);
    expect(calendarLegend([1, 2, 4, 9])).toEqual(['1', '2–3', '4–8', '9 or more']);
  });

  it('label each week in which a month starts with that month, January with its year instead', async () => {
    const c = calendarView(await model());
    expect(c.months).toHaveLength(c.weeks.length);
    const labelled = c.months.flatMap((m, k) => (m === null ? [] : [{ m, k }]));
    // Every first of a month in the year is in a labelled week, under its own name.
    for (const { m, k } of labelled.slice(1)) {
      const first = c.weeks[k]!.find((d) => d?.date.endsWith('-01'))!;
      expect(m).toBe(first.date.slice(5, 7) === '01' ? first.date.slice(0, 4) : MONTH_NAMES[Number(first.date.slice(5, 7)) - 1]!.slice(0, 3));
    }
    const firsts = c.weeks.flat().filter((d) => d?.date.endsWith('-01')).length;
    expect(labelled.filter(({ k }) => c.weeks[k]!.some((d) => d?.date.endsWith('-01')))).toHaveLength(firsts);
    expect(labelled.map(({ m }) => m)).toContain('2026');
    // The first week is named only when its month shows for three weeks or more before the next name.
    const second = labelled.find(({ k }) => k > 0)!.k;
    expect(c.months[0] !== null).toBe(second >= 3);
  });

  it('paginate the history newest first and group it by month', async () => {
    const s = await model();
    const pages = historyPages(s, '/', 20);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(pages.flatMap((p) => p.groups.flatMap((g) => g.rows))).toHaveLength(s.content.incidents.length);
    expect(pages[0]).toMatchObject({ prev: null, next: '/outages/history/2/', total: 45 });
    expect(pages[2]).toMatchObject({ prev: '/outages/history/2/', next: null });
    expect(pages[0]!.groups[0]!.label).toBe('November 2026');
    expect(historyUrl('/', 1)).toBe('/outages/');
    expect(historyPages(s, '/')).toHaveLength(1);
  });

  it('the incident view has the timeline and the SLOs the failover hurt', async () => {
    const s = await model();
    const v = incidentView(s, s.incidentsById.get('2026-10-27-checkout-db-failover')!, '/');
    expect(v.outage).toBe('a full outage');
    expect(v.timeline[0]).toMatchObject({ status: 'investigating', sinceStart: '+11m' });
    expect(v.hurt.map((h) => h.id)).toEqual(expect.arrayContaining(['checkout-availability']));
  });

  it('the outage table shows full and partial minutes apart', async () => {
    const t = outageTable((await model()).metrics);
    const checkout = t.rows.find((r) => r.service === 'checkout-api')!;
    expect(checkout.cells[t.months.indexOf('2026-10')]).toEqual({ full: 52, partial: null });
    expect(checkout.cells[t.months.indexOf('2026-11')]).toEqual({ full: null, partial: 145 });
  });

  it('the outage table lists services by name, numbers by value, when given the names', async () => {
    const m = (await model()).metrics;
    const ids = outageTable(m).rows.map((r) => r.service);
    expect(ids.length).toBeGreaterThan(2);
    // Name the services "Service 10", "Service 9", … in id order: by name, the order turns around.
    const names = new Map(ids.map((id, n) => [id, `Service ${10 - n}`]));
    expect(outageTable(m, (id) => names.get(id)!).rows.map((r) => r.service)).toEqual([...ids].reverse());
  });
});

describe('printed pages', () => {
  it('carry the title, report time, URL and page number in the page margins', () => {
    expect(cssString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c d"');
    const css = printCss({ title: 'Acme · October 2026', asOf: 'data as of 2026-11-15 00:00 UTC', url: '/reports/2026-10/' });
    expect(css).toContain('@top-left { content: "Acme · October 2026";');
    expect(css).toContain('@top-right { content: "data as of 2026-11-15 00:00 UTC";');
    expect(css).toContain('@bottom-left { content: "/reports/2026-10/";');
    expect(css).toContain('content: "page " counter(page) " of " counter(pages);');
  });
});
