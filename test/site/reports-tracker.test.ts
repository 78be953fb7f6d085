/**
 * Period reports and the outage tracker on the built sample: the report figures against a hand
 * recomputation from a snapshot file, and what a reader sees in Chromium: the history filters (with
 * and without JavaScript), the day-bar tooltips by keyboard and by mouse, and the printed report.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content/load.ts';
import { definition } from '../../src/site/definitions.ts';
import { PROJECT, buildSite, readJson, type BuildResult } from '../helpers/build.ts';
import { pdfPages, pdfTexts } from '../helpers/pdf-text.ts';
import { serveStatic } from '../helpers/static-server.ts';

let sample: BuildResult;
beforeAll(async () => {
  sample = await buildSite();
});
afterAll(async () => {
  await rm(sample.out, { recursive: true, force: true });
});

interface Figures { sli: number; met: boolean; good: number; total: number; bad: number; allowed: number; consumed: number; consumedSeconds: number; allowedSeconds: number; coverage: number }
interface ReportJson {
  schema: string;
  toDate: boolean;
  asOf: string;
  summary: string[];
  slos: { id: string; objective: number; figures: Figures }[];
  incidents: { ids: string[]; outageMinutes: Record<string, number> };
}

describe('period reports', () => {
  it('exist for every month and quarter of the data, newest first, the running ones marked to date', async () => {
    expect(sample.code, sample.stderr).toBe(0);
    const dirs = (await readdir(join(sample.out, 'reports'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(dirs).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-q2', '2026-q3', '2026-q4']);
    for (const d of dirs) expect(await readFile(join(sample.out, `api/v1/reports/${d}.json`), 'utf8'), d).not.toMatch(/NaN|Infinity/);
    const index = await readJson<{ periods: { slug: string; toDate: boolean; path: string }[] }>(join(sample.out, 'api/v1/reports.json'));
    expect(index.periods.map((p) => p.slug)).toEqual(['2026-11', '2026-10', '2026-09', '2026-08', '2026-07', '2026-06', '2026-05', '2026-q4', '2026-q3', '2026-q2']);
    expect(index.periods.filter((p) => p.toDate).map((p) => p.slug)).toEqual(['2026-11', '2026-q4']);
    const html = await readFile(join(sample.out, 'reports/index.html'), 'utf8');
    expect(html.indexOf('November 2026')).toBeLessThan(html.indexOf('October 2026'));
    expect(html).toMatch(/November 2026<\/a> <span class="badge yellow">to date · provisional<\/span>/);
    expect(html).toContain('as of 2026-11-15 00:00 UTC');
  });

  it('a running period says what its budget as time means, a whole one does not; a table of incidents’ shares says overlapping incidents share events', async () => {
    const note = 'This period is still running: its budget spent as time is what the whole period would spend if the rest went as so far';
    for (const slug of ['2026-11', '2026-q4']) expect(await readFile(join(sample.out, `reports/${slug}/index.html`), 'utf8'), slug).toContain(note);
    for (const slug of ['2026-10', '2026-q3']) expect(await readFile(join(sample.out, `reports/${slug}/index.html`), 'utf8'), slug).not.toContain(note);
    // A whole period not yet frozen says, for a reader, that its figures may still change.
    expect(await readFile(join(sample.out, 'reports/2026-10/index.html'), 'utf8')).toContain('Not frozen yet: its figures are computed from the current files at each build, so a late edit to an incident or a refetch can still change them');
    // November's two top spenders on checkout overlap: their shares add up to more than it spent, and the report says why.
    const report = await readJson<{ topSpenders: { slo: string; share: number }[]; slos: { id: string; figures: { consumed: number } | null }[] }>(join(sample.out, 'api/v1/reports/2026-11.json'));
    const checkout = report.topSpenders.filter((t) => t.slo === 'checkout-availability');
    expect(checkout.reduce((sum, t) => sum + t.share, 0)).toBeGreaterThan(report.slos.find((r) => r.id === 'checkout-availability')!.figures!.consumed);
    const overlap = definition('incident-overlap').text;
    expect((await readFile(join(sample.out, 'reports/2026-11/index.html'), 'utf8')).replaceAll('&#39;', '’')).toContain(overlap);
    expect(await readFile(join(sample.out, 'slos/checkout-availability/index.html'), 'utf8')).toContain(overlap);
  });

  it('October for checkout-availability agrees with a hand recomputation from its snapshot file', async () => {
    const report = await readJson<ReportJson>(join(sample.out, 'api/v1/reports/2026-10.json'));
    expect(report.schema).toBe('sitrep-period-report/v1');
    expect(report.toDate).toBe(false);
    const row = report.slos.find((s) => s.id === 'checkout-availability')!;
    const snap = await readJson<{ start: number; step: number; series: { total: (number | null)[]; bad?: (number | null)[]; good?: (number | null)[] } }>(join(PROJECT, 'data/snapshots/checkout-availability.json'));
    const from = Date.parse('2026-10-01T00:00:00Z') / 1000;
    const to = Date.parse('2026-11-01T00:00:00Z') / 1000;
    let total = 0;
    let bad = 0;
    let present = 0;
    snap.series.total.forEach((t, i) => {
      const end = snap.start + i * snap.step;
      const num = (snap.series.bad ?? snap.series.good)![i];
      if (end <= from || end > to || t === null || num === null || num === undefined) return;
      present++;
      total += t;
      bad += snap.series.bad ? num : t - num;
    });
    const allowedRatio = 1 - 0.9995;
    expect(row.objective).toBe(0.9995);
    expect(row.figures.total).toBe(total);
    expect(row.figures.bad).toBeCloseTo(bad, 6);
    expect(row.figures.sli).toBeCloseTo((total - bad) / total, 12);
    expect(row.figures.consumed).toBeCloseTo(bad / (allowedRatio * total), 9);
    // The time budget of all 31 days of October: 0.05% of 2,678,400 s = 1,339.2 s.
    expect(row.figures.allowedSeconds).toBeCloseTo(1339.2, 9);
    expect(row.figures.consumedSeconds).toBeCloseTo((bad / (allowedRatio * total)) * 1339.2, 6);
    expect(row.figures.coverage).toBeCloseTo(present / (31 * 288), 12);
    expect(row.figures.met).toBe(false);
    expect(report.summary[0]).toBe('1 of 10 SLOs missed their objective.');
    expect(report.summary[1]).toMatch(/^Checkout availability spent \d+% of its error budget, \d+% of it during .* \(2026-10-27-checkout-db-failover\)\.$/);
  });

  it('the outage-minutes table on /incidents/ writes every month with outage time as full / partial, and leaves the others blank', async () => {
    const html = await readFile(join(sample.out, 'incidents/index.html'), 'utf8');
    const table = /<table class="outage-minutes">[\s\S]*?<\/table>/.exec(html)![0];
    const cells = [...table.matchAll(/<td class="num">([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(cells.length).toBeGreaterThan(5);
    expect(cells.filter((c) => c !== '').length).toBeGreaterThan(2);
    for (const c of cells) expect(c).toMatch(/^$|^[\d.,]+ \/ [\d.,]+$/);
  });

  it('/incidents/ lists the ongoing incidents, then the latest resolved, right after its cards: before the metrics and the outage minutes, which grow with the services', async () => {
    const html = await readFile(join(sample.out, 'incidents/index.html'), 'utf8');
    const headings = [...html.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/\(\d+\)/, '(n)'));
    expect(headings).toEqual(['Ongoing (n)', 'Resolved', 'Response metrics', 'Response targets', 'Outage minutes']);
  });

  it('the incident page shows its status updates as a timeline and the SLOs it hurt', async () => {
    const html = await readFile(join(sample.out, 'incidents/2026-10-27-checkout-db-failover/index.html'), 'utf8');
    expect(html).toContain('<ol class="timeline">');
    // Each update's status, time and time since the start read as words apart, not "identified2026-10-27".
    const updates = [...html.matchAll(/<li class="update [a-z]+">([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(updates.length).toBeGreaterThan(2);
    for (const u of updates) expect(u).toMatch(/^[a-z]+ \d{4}-\d\d-\d\d \d\d:\d\d UTC \+/);
    expect(html).toMatch(/SLOs it hurt[\s\S]*Checkout availability<\/a><\/td><td>2026-10<\/td>/);
    expect(html).toContain('Counts as</dt><dd>a full outage');
  });
});

describe('the banner of what is affected now', () => {
  it('is on every page: identity (ongoing maintenance) and search (an open incident)', async () => {
    for (const page of ['index.html', 'reports/2026-10/index.html', 'runbooks/index.html']) {
      const html = await readFile(join(sample.out, page), 'utf8');
      const banner = /<aside class="banner"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? '';
      expect(banner, page).toContain('maintenance: Identity session store upgrade');
      expect(banner, page).toMatch(/Product Search<\/a> \(<a href="\/incidents\/[^"]+\/">SEV3 monitoring:/);
      expect(banner.match(/class="affected"/g), page).toHaveLength(2);
    }
  });
});

describe('in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let incidents: { id: string; severity: string; services: string[]; status: string }[];
  beforeAll(async () => {
    server = await serveStatic(sample.out);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    incidents = (await loadContent(PROJECT)).content.incidents;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const visibleRows = (page: Page) => page.locator('tr[data-incident]:visible');

  it('the filters narrow the history, and the URL keeps them', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/outages/`);
    await expect.poll(() => visibleRows(page).count()).toBe(incidents.length);
    await page.selectOption('select[name="severity"]', 'SEV1');
    const sev1 = incidents.filter((i) => i.severity === 'SEV1');
    await expect.poll(() => visibleRows(page).count()).toBe(sev1.length);
    expect(sev1.length).toBeGreaterThan(0);
    expect(sev1.length).toBeLessThan(incidents.length);
    expect(new URL(page.url()).search).toBe('?severity=SEV1');
    await page.selectOption('select[name="service"]', 'checkout-api');
    expect(new URL(page.url()).searchParams.get('service')).toBe('checkout-api');
    await expect.poll(() => visibleRows(page).count()).toBe(sev1.filter((i) => i.services.includes('checkout-api')).length);
    await page.close();
  });

  it('a shared filtered URL opens filtered', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/outages/?service=payments&status=resolved`);
    const want = incidents.filter((i) => i.services.includes('payments') && i.status === 'resolved').map((i) => i.id).sort();
    await expect.poll(() => visibleRows(page).count()).toBe(want.length);
    expect((await visibleRows(page).evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.incident))).sort()).toEqual(want);
    expect(await page.inputValue('select[name="service"]')).toBe('payments');
    expect(await page.inputValue('select[name="status"]')).toBe('resolved');
    await page.close();
  });

  it('with JavaScript off, the history lists every incident whatever the query', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(`${server.url}/outages/?severity=SEV1`);
    expect(await visibleRows(page).count()).toBe(incidents.length);
    // Every incident once, newest first, grouped by month.
    const ids = await page.locator('tr[data-incident]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.incident!));
    expect(new Set(ids).size).toBe(incidents.length);
    const dates = await page.locator('tr[data-incident]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.date!));
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(await page.locator('.history-month h3').first().textContent()).toBe('November 2026');
    await page.close();
  });

  it('a day-bar tooltip opens on keyboard focus and on hover, with the outage minutes and the incident link', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(`${server.url}/outages/`);
    const target = page.locator('.service-days').filter({ hasText: 'Checkout API' }).locator('li.bar[data-date="2026-10-27"]');
    const tip = target.locator('.tip');
    expect(await tip.isVisible()).toBe(false);
    let found = false;
    for (let k = 0; k < 400 && !found; k++) {
      await page.keyboard.press('Tab');
      found = await target.evaluate((el) => el === document.activeElement);
    }
    expect(found).toBe(true);
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toContain('2026-10-27 · Outage · 52m outage');
    // The incident link inside the tooltip is the next stop of the keyboard.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/incidents/2026-10-27-checkout-db-failover/');
    expect(await tip.isVisible()).toBe(true);
    // Hover, for the mouse.
    const other = page.locator('.service-days').filter({ hasText: 'Storefront Web' }).locator('li.bar.maint').first();
    await other.hover();
    expect(await other.locator('.tip').isVisible()).toBe(true);
    expect(await other.locator('.tip').textContent()).toContain('Maintenance: Storefront moves to the new CDN configuration');
    await page.close();
  });

  it('a day-bar tooltip stays on the screen at either end of the row, on a desktop and on a phone', async () => {
    const outside: string[] = [];
    for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
      const page = await browser.newPage({ javaScriptEnabled: false, viewport });
      await page.goto(`${server.url}/outages/`);
      const bars = page.locator('li.bar[tabindex]');
      const n = await bars.count();
      expect(n).toBeGreaterThan(5);
      for (let k = 0; k < n; k++) {
        const bar = bars.nth(k);
        await bar.focus();
        const box = await bar.locator('.tip').evaluate((t) => { const r = t.getBoundingClientRect(); return { left: r.left, right: r.right, width: r.width }; });
        if (box.left < 0 || box.right > viewport.width || box.width < 150) outside.push(`${viewport.width} px, ${await bar.getAttribute('data-date')}: ${Math.round(box.left)}..${Math.round(box.right)}`);
      }
      await page.close();
    }
    expect(outside).toEqual([]);
  });

  it('prints an SLO page on A4 in a few pages, each with the page, the data time and the URL, none left with only the margins', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(`${server.url}/slos/checkout-availability/`);
    const pdf = await page.pdf({ format: 'A4' });
    await page.close();
    const text = (await pdfPages(pdf)).map((p) => p.join(' ').normalize('NFKC').replace(/\s+/g, ' '));
    // It printed on 9 pages, the last holding only the footer; the long tables are collapsed now.
    expect(text.length).toBeGreaterThanOrEqual(2);
    expect(text.length).toBeLessThanOrEqual(5);
    text.forEach((t, n) => {
      expect(t, `page ${n + 1}`).toContain('Checkout availability');
      expect(t, `page ${n + 1}`).toContain('data as of 2026-11-15 00:00 UTC');
      expect(t, `page ${n + 1}`).toContain('/slos/checkout-availability/');
      expect(t, `page ${n + 1}`).toContain(`page ${n + 1} of ${text.length}`);
    });
    const margins = (t: string, n: number) => ['data as of 2026-11-15 00:00 UTC', `page ${n + 1} of ${text.length}`, '/slos/checkout-availability/', 'Acme Shop Reliability · Checkout availability'].reduce((acc, m) => acc.replace(m, ''), t);
    // The last page holds page content (the collapsed tables' summaries), not only the site's footer.
    const last = margins(text.at(-1)!, text.length - 1).replace(/Acme Shop · generated by sitrep.*$/, '').trim();
    expect(last, `the last page: "${last}"`).toMatch(/incident-periods · the table is on the web page/);
    expect(last.length, `the last page: "${last}"`).toBeGreaterThan(40);
    // A collapsed table's summary says where the table is; the badge's embed code is left out.
    const all = text.join(' ');
    expect(all).toMatch(/15 incidents, 5 with no alert · the table is on the web page/);
    expect(all).not.toContain('Status badge for a README or wiki');
    expect(all).not.toContain('PromQL as sent');
    // And it prints without a disclosure triangle (drawn as a shape, so looked for in the style, not the PDF's text).
    const styled = await browser.newPage({ javaScriptEnabled: false });
    await styled.goto(`${server.url}/slos/checkout-availability/`);
    await styled.emulateMedia({ media: 'print' });
    expect(new Set(await styled.$$eval('details.long:not([open]) > summary', (ss) => ss.map((x) => getComputedStyle(x).listStyleType)))).toEqual(new Set(['none']));
    await styled.close();
  });

  it('prints every page type at full size on A4 and Letter: no table or calendar makes Chromium shrink the page to fit', { timeout: 120_000 }, async () => {
    const shrunk: string[] = [];
    for (const path of ['/reports/2026-10/', '/reports/2026-q4/', '/outages/', '/incidents/', '/slos/checkout-availability/', '/postmortems/2026-10-27-checkout-db-failover/', '/metrics/', '/', '/action-items/', '/postmortems/']) {
      const page = await browser.newPage({ javaScriptEnabled: false });
      await page.goto(`${server.url}${path}`);
      await page.emulateMedia({ media: 'print' });
      const [title, px] = await page.$eval('main h1', (h) => [(h.textContent ?? '').trim(), parseFloat(getComputedStyle(h).fontSize)] as const);
      for (const format of ['A4', 'Letter'] as const) {
        const runs = (await pdfTexts(await page.pdf({ format }))).flat();
        const heading = runs.find((r) => r.str.trim().length >= 3 && title.startsWith(r.str.trim()));
        expect(heading, `${path}: "${title}" in the PDF`).toBeDefined();
        // Set as the stylesheet sets it (px to pt), not scaled down.
        const scale = heading!.size / (px * 0.75);
        if (Math.abs(scale - 1) > 0.01) shrunk.push(`${path} on ${format}: printed at ${Math.round(scale * 100)}%`);
      }
      await page.close();
    }
    expect(shrunk).toEqual([]);
    // Full size is no use if a table is crushed instead: printed, the names in the tables of the
    // home page and the incidents page (SLOs, services, incidents, "postmortem") break only between words.
    const broken: string[] = [];
    for (const path of ['/', '/incidents/']) {
      const page = await browser.newPage({ javaScriptEnabled: false, viewport: { width: 703, height: 1000 } });
      await page.goto(`${server.url}${path}`);
      await page.emulateMedia({ media: 'print' });
      broken.push(...(await page.$$eval('main table tbody td a', (as) => as.flatMap((a) => {
        // Only the words of the link: a line holds at most one of its words' breaks.
        const words = (a.textContent ?? '').trim().split(/\s+/);
        const range = document.createRange();
        range.selectNodeContents(a);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        return lines > words.length ? [`${a.textContent}: ${lines} lines`] : [];
      }))).map((b) => `${path} ${b}`));
      // And nothing runs past the paper's 703 px (the home page's table did, by 5 px, when its names were first kept whole).
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > 703) broken.push(`${path} is ${wide} px wide`);
      await page.close();
    }
    expect(broken).toEqual([]);
    // On paper nothing scrolls: the year's calendar fits the 186 mm (703 px) between A4's margins whole.
    const page = await browser.newPage({ javaScriptEnabled: false, viewport: { width: 703, height: 1000 } });
    await page.goto(`${server.url}/outages/`);
    await page.emulateMedia({ media: 'print' });
    const box = await page.$eval('.calendar-scroll', (b) => ({ scroll: b.scrollWidth, client: b.clientWidth }));
    expect(box.scroll).toBeLessThanOrEqual(box.client);
    await page.close();
  });

  for (const format of ['A4', 'Letter'] as const) {
    it(`prints the October report on ${format}: a page per service section, the report time on every page, no table row cut`, async () => {
      const page = await browser.newPage({ javaScriptEnabled: false });
      await page.goto(`${server.url}/reports/2026-10/`);
      const rows = await page.locator('main table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim()).filter((t) => t !== '')),
      );
      const services = await page.locator('.service-section h2').allTextContents();
      const pdf = await page.pdf({ format });
      await page.close();
      const pages = await pdfPages(pdf);
      // Compared without whitespace, and with ligatures (ﬃ) spelt out, as pdf.js returns them.
      const squash = (t: string) => t.normalize('NFKC').replace(/\s+/g, '');
      const text = pages.map((p) => p.join(' ').normalize('NFKC').replace(/\s+/g, ' '));
      const margins = (n: number) => ['Acme Shop Reliability · Monthly report: October 2026', 'data as of 2026-11-15 00:00 UTC', `page ${n + 1} of ${pages.length}`, '/reports/2026-10/'];
      const body = text.map((t, n) => margins(n).reduce((acc, m) => acc.replace(m, ''), t).trim());
      // The organisation report, then each service section from the top of a new page.
      expect(services).toHaveLength(5);
      expect(pages.length).toBeGreaterThanOrEqual(1 + services.length);
      expect(pages.length).toBeLessThanOrEqual(3 + services.length);
      for (const s of services) expect(body.filter((b) => b.startsWith(`${s} `)), s).toHaveLength(1);
      expect(body.every((b) => b.length > 0)).toBe(true);
      // Header and footer on every page: what, as of when, where, and the page number.
      text.forEach((t, n) => {
        expect(t, `page ${n + 1}`).toContain('Monthly report: October 2026');
        expect(t, `page ${n + 1}`).toContain('data as of 2026-11-15 00:00 UTC');
        expect(t, `page ${n + 1}`).toContain('/reports/2026-10/');
        expect(t, `page ${n + 1}`).toContain(`page ${n + 1} of ${pages.length}`);
      });
      // No row is cut: the first and last cell of every row are on the same page, found in order.
      const flat = text.map(squash);
      let p = 0;
      let at = 0;
      for (const cells of rows) {
        const first = squash(cells[0]!);
        const last = squash(cells[cells.length - 1]!);
        while (p < flat.length && flat[p]!.indexOf(first, at) < 0) {
          p++;
          at = 0;
        }
        expect(p, `row "${cells.join(' | ')}" not found`).toBeLessThan(flat.length);
        const start = flat[p]!.indexOf(first, at);
        const end = flat[p]!.indexOf(last, start);
        expect(end, `row "${cells.join(' | ')}" split after page ${p + 1}`).toBeGreaterThanOrEqual(start);
        at = start + first.length;
      }
    });
  }
});
