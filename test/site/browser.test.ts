/**
 * Every page type of the built sample in a real Chromium, light and dark: it loads with no console
 * error and no failed request, fits a 360 px screen (WCAG reflow), has no serious or critical axe-core
 * violation, and a crawl from the home page finds no broken link or anchor. Screenshots of each page
 * type (light and dark, desktop and phone) go to screenshots/, which git ignores.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content/load.ts';
import { PROJECT, buildSite, type BuildResult } from '../helpers/build.ts';
import { serveStatic } from '../helpers/static-server.ts';

/** One page of each type in the sample. */
const PAGE_TYPES: Record<string, string> = {
  overview: '/',
  slo: '/slos/checkout-availability/',
  services: '/services/',
  service: '/services/checkout-api/',
  incidents: '/incidents/',
  metrics: '/metrics/',
  incident: '/incidents/2026-10-27-checkout-db-failover/',
  postmortems: '/postmortems/',
  postmortem: '/postmortems/2026-10-27-checkout-db-failover/',
  'action-items': '/action-items/',
  runbooks: '/runbooks/',
  runbook: '/runbooks/checkout-errors/',
  reports: '/reports/',
  report: '/reports/2026-10/',
  outages: '/outages/',
  definitions: '/definitions/',
  api: '/api/',
  search: '/search/',
  'not-found': '/404.html',
};
const SCHEMES = ['light', 'dark'] as const;
const SHOTS = join(PROJECT, 'screenshots');
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let sample: BuildResult;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;

beforeAll(async () => {
  // The search index in shards of 25 pages (four for the sample), so the search below runs over several, merged.
  sample = await buildSite([], { SITREP_SEARCH_SHARD_PAGES: '25' });
  expect(sample.code, sample.stderr).toBe(0);
  expect(sample.stdout).toMatch(/search index: \d+ pages in [2-9] shards/);
  server = await serveStatic(sample.out);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  await mkdir(SHOTS, { recursive: true });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (sample) await rm(sample.out, { recursive: true, force: true });
});

/** Open a page in a fresh context and collect what went wrong while it loaded. */
async function visit(context: BrowserContext, path: string) {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  const res = await page.goto(server.url + path, { waitUntil: 'load' });
  problems.unshift(...(res && res.status() === 200 ? [] : [`HTTP ${res?.status()}: ${path}`]));
  return { page, problems };
}

/** The serious and critical violations axe-core finds on the page as it is now (WCAG 2.1 A and AA, best practices). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe.each(SCHEMES)('every page type in the %s theme', (scheme) => {
  it('loads with no console error and no failed request, and at 360 px no page is wider than the screen; screenshots at desktop and phone width', { timeout: 240_000 }, async () => {
    const found: Record<string, string[]> = {};
    for (const [width, height, label] of [[1280, 900, 'desktop'], [360, 740, 'phone']] as const) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
      for (const [type, path] of Object.entries(PAGE_TYPES)) {
        const { page, problems } = await visit(context, path);
        // The theme really applies: the page's colours follow the system preference.
        const bg = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
        if ((scheme === 'dark') !== (bg === '#0d1117')) problems.push(`theme: --bg is ${bg}`);
        // WCAG reflow: tables, charts and code scroll or wrap inside their own box, never the page.
        const docWidth = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
        if (docWidth > width) problems.push(`document ${docWidth} px wide at ${width} px`);
        await page.screenshot({ path: join(SHOTS, `${type}-${scheme}-${label}.png`) });
        if (problems.length) found[`${label} ${type}`] = problems;
        await page.close();
      }
      await context.close();
    }
    expect(found).toEqual({});
  });

  it('axe-core finds no serious or critical violation on any page type', { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    const found: Record<string, string[]> = {};
    for (const [type, path] of Object.entries(PAGE_TYPES)) {
      const { page } = await visit(context, path);
      const violations = await axeViolations(page);
      if (violations.length) found[type] = violations;
      await page.close();
    }
    await context.close();
    expect(found).toEqual({});
  });
});

describe('a crawl from the home page', () => {
  it('reaches every page type and finds no broken internal link or anchor; links to other hosts carry rel="noopener noreferrer"', { timeout: 240_000 }, async () => {
    const pages = new Map<string, string>();
    const queue = ['/'];
    const broken: string[] = [];
    const links: { from: string; path: string; hash: string }[] = [];
    const unsafe: string[] = [];
    while (queue.length) {
      const path = queue.shift()!;
      if (pages.has(path)) continue;
      const res = await fetch(server.url + path);
      if (res.status !== 200) {
        broken.push(path);
        pages.set(path, '');
        continue;
      }
      const text = (res.headers.get('content-type') ?? '').includes('html') ? await res.text() : '';
      pages.set(path, text);
      for (const m of text.matchAll(/<a\s[^>]*>/g)) {
        const href = /href="([^"]*)"/.exec(m[0])?.[1]?.replace(/&amp;/g, '&');
        if (href === undefined) continue;
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
          if (/^https?:/i.test(href) && !/rel="noopener noreferrer"/.test(m[0])) unsafe.push(`${path}: ${m[0]}`);
          continue;
        }
        const url = new URL(href, server.url + path);
        links.push({ from: path, path: url.pathname, hash: decodeURIComponent(url.hash.slice(1)) });
        if (!pages.has(url.pathname)) queue.push(url.pathname);
      }
    }
    const missingAnchors = links
      .filter((l) => l.hash && pages.get(l.path) && !new RegExp(`\\sid="${l.hash.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(pages.get(l.path)!))
      .map((l) => `${l.from} -> ${l.path}#${l.hash}`);
    expect(broken).toEqual([]);
    expect([...new Set(missingAnchors)]).toEqual([]);
    expect(unsafe).toEqual([]);
    for (const path of Object.values(PAGE_TYPES).filter((p) => p !== '/404.html')) expect(pages.has(path), path).toBe(true);
    expect(links.filter((l) => l.hash).length).toBeGreaterThan(20);
  });
});

describe('search, feeds, sitemap and badges', () => {
  it('the search finds an incident by a word from its postmortem, with JavaScript and the index built into the site', { timeout: 60_000 }, async () => {
    const context = await browser.newContext();
    const { page, problems } = await visit(context, '/search/');
    await page.getByLabel('Search for').fill('Patroni');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => /result/.test(document.getElementById('search-status')?.textContent ?? ''));
    const hrefs = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(hrefs).toContain('/incidents/2026-10-27-checkout-db-failover/');
    expect(page.url()).toContain('?q=Patroni');
    // A service by its name: its own page, among the first results (its incident list is not what makes it match).
    await page.getByLabel('Search for').fill('Checkout API');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'Checkout API' && /result/.test(document.getElementById('search-status')?.textContent ?? ''));
    const found = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(found.slice(0, 3)).toContain('/services/checkout-api/');
    // Thirty results at a time, and a button for the next thirty, until every one is listed.
    await page.getByLabel('Search for').fill('incident');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'incident' && /result/.test(document.getElementById('search-status')?.textContent ?? ''));
    const total = Number(/^(\d+) results/.exec((await page.textContent('#search-status'))!)![1]);
    expect(total).toBeGreaterThan(60);
    expect(await page.locator('#search-results li').count()).toBe(30);
    for (let shown = 30; shown < total; shown += 30) {
      // Pressed twice at once, by keyboard: the next thirty come once, and the keyboard goes on from the first of them.
      const button = page.getByRole('button', { name: `Show ${Math.min(30, total - shown)} more` });
      await button.focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter').catch(() => undefined);
      await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length === n && !document.getElementById('search-results')!.hasAttribute('aria-busy'), Math.min(total, shown + 30));
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('A');
      expect(await page.evaluate(() => [...document.querySelectorAll('#search-results li')].indexOf(document.activeElement!.closest('li')!))).toBe(shown);
    }
    expect(await page.locator('#search-more').count()).toBe(0);
    expect(await page.textContent('#search-status')).toBe(`${total} results for “incident”.`);
    const every = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(every).toHaveLength(total);
    expect(new Set(every).size).toBe(total);
    // A new search replaces the list whole: its own count, one button, none of the last search's results.
    await page.getByLabel('Search for').fill('budget');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => /for “budget”/.test(document.getElementById('search-status')?.textContent ?? ''));
    expect(await page.locator('#search-results li').count()).toBe(30);
    expect(await page.locator('#search-more').count()).toBe(1);
    // Every request stayed on the site's own server.
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the Atom feeds and the sitemap parse as XML; the feeds hold every incident and every published postmortem, the sitemap every page a crawl finds', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const parse = (path: string) =>
      page.evaluate(async (p) => {
        const doc = new DOMParser().parseFromString(await (await fetch(p)).text(), 'application/xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: doc.documentElement.nodeName,
          entries: [...doc.querySelectorAll('entry > link[rel="alternate"]')].map((l) => l.getAttribute('href')),
          updated: [...doc.querySelectorAll('entry > updated')].map((u) => u.textContent),
          locs: [...doc.querySelectorAll('url > loc')].map((l) => l.textContent),
        };
      }, path);
    const incidents = await parse('/feeds/incidents.xml');
    const postmortems = await parse('/feeds/postmortems.xml');
    const map = await parse('/sitemap.xml');
    for (const x of [incidents, postmortems, map]) expect(x.error).toBeNull();
    expect(incidents.root).toBe('feed');
    const { content } = await loadContent(PROJECT);
    expect(incidents.entries.sort()).toEqual(content.incidents.map((i) => `/incidents/${i.id}/`).sort());
    expect(incidents.updated.every((u) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(u ?? ''))).toBe(true);
    expect(postmortems.entries.sort()).toEqual(content.postmortems.filter((p) => p.status === 'published').map((p) => `/postmortems/${p.id}/`).sort());
    expect(map.root).toBe('urlset');
    const crawled = await crawlHtml();
    expect([...map.locs].sort()).toEqual([...crawled].sort());
    // The pages announce the feeds.
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').count()).toBe(2);
    await context.close();
  });

  it('an SLO’s and a service’s badge are SVG images that say the status in words, with the Markdown to embed them on the page', async () => {
    const context = await browser.newContext();
    const { page, problems } = await visit(context, '/slos/checkout-availability/');
    const md = await page.locator('.badge-embed code').textContent();
    expect(md).toBe('[![Checkout availability](/badges/slos/checkout-availability.svg)](/slos/checkout-availability/)');
    const img = page.locator('.badge-embed img');
    await page.locator('.badge-embed summary').click();
    await expect.poll(() => img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    const svg = await (await fetch(`${server.url}/badges/slos/checkout-availability.svg`)).text();
    const api = JSON.parse(await readFile(join(sample.out, 'api/v1/slos.json'), 'utf8')) as { slos: { id: string; status: string }[] };
    const status = api.slos.find((x) => x.id === 'checkout-availability')!.status;
    expect(svg).toMatch(new RegExp(`aria-label="Checkout availability: [0-9.]+% · ${status}"`));
    const service = await (await fetch(`${server.url}/badges/services/checkout-api.svg`)).text();
    expect(service).toContain('aria-label="Checkout API: ');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('on paper', () => {
  it('an SLO page prints colour that carries meaning, and no chart data table or download link', { timeout: 60_000 }, async () => {
    const context = await browser.newContext();
    const { page, problems } = await visit(context, '/slos/checkout-availability/');
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.$$eval('details.chart-data, .chart-download', (xs) => xs.map((x) => getComputedStyle(x).display));
    expect(hidden.length).toBeGreaterThanOrEqual(6);
    expect(new Set(hidden)).toEqual(new Set(['none']));
    expect(await page.$eval('.badge', (b) => getComputedStyle(b).printColorAdjust)).toBe('exact');
    await page.emulateMedia({ media: 'screen' });
    expect(new Set(await page.$$eval('details.chart-data, .chart-download', (xs) => xs.map((x) => getComputedStyle(x).display)))).not.toEqual(new Set(['none']));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('five headline cards share the row: none is squeezed beside empty slots', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page } = await visit(context, '/slos/checkout-availability/');
    const widths = await page.$$eval('.cards .card', (cs) => cs.map((c) => c.getBoundingClientRect().width));
    const row = await page.$eval('.cards', (c) => c.getBoundingClientRect().width);
    expect(widths.length).toBeGreaterThanOrEqual(4);
    expect(widths.reduce((a, b) => a + b, 0)).toBeGreaterThan(row * 0.9);
    await context.close();
  });
});

describe('on a phone', () => {
  /** Where a scroll box's content lies against the box: how far it reaches past each edge, in px. */
  const overhang = (box: Element, inner: Element) => {
    const b = box.getBoundingClientRect();
    const i = inner.getBoundingClientRect();
    return { left: Math.round(b.left - i.left), right: Math.round(i.right - b.right), scrolls: box.scrollWidth > box.clientWidth };
  };

  it('an SLO chart opens on its latest weeks and says the earlier ones are a scroll away; on a desktop it fits', { timeout: 60_000 }, async () => {
    for (const [width, phone] of [[360, true], [1280, false]] as const) {
      const context = await browser.newContext({ viewport: { width, height: 740 } });
      const { page, problems } = await visit(context, '/slos/checkout-availability/');
      const charts = await page.$$eval('figure.chart-figure', (fs, fn) => {
        const f = new Function(`return ${fn}`)() as (b: Element, i: Element) => { left: number; right: number; scrolls: boolean };
        return fs.map((fig) => {
          const box = fig.querySelector('.chart')!;
          // Into the viewport, where elementFromPoint looks.
          fig.scrollIntoView({ block: 'center', inline: 'nearest' });
          const pin = fig.querySelector('.chart .y-pin');
          const plotLeft = Number(/translate\(([\d.]+),/.exec(fig.querySelector('.chart svg.marks > g')!.getAttribute('transform') ?? '')?.[1]);
          const p = pin?.getBoundingClientRect();
          // What a reader sees at the box's left edge, a little inside, at the height of the chart's middle.
          const b = box.getBoundingClientRect();
          const seen = document.elementFromPoint(b.left + 10, p ? p.top + p.height / 2 : b.top + 100);
          return {
            ...f(box, fig.querySelector('.chart svg.marks')!),
            hint: (fig.querySelector('.scroll-hint') as HTMLElement).offsetHeight > 0,
            pin: p && p.width > 0 ? { left: Math.round(p.left - b.left), width: Math.round(p.width), plotLeft, seen: seen?.closest('svg')?.classList.contains('y-pin') ?? false } : null,
          };
        });
      }, overhang.toString());
      expect(charts).toHaveLength(3);
      for (const c of charts) {
        if (phone) expect(c).toMatchObject({ scrolls: true, right: 0, hint: true });
        else expect(c).toMatchObject({ scrolls: false, left: 0, hint: false });
        if (!phone) expect(c.right).toBeLessThanOrEqual(0);
        if (phone) expect(c.left).toBeGreaterThan(100);
        // On a phone the y axis is pinned at the box's left edge, as wide as the space left of the plot (and its axis line), on top of the weeks; on a desktop there is no pin.
        if (phone) expect(c.pin).toEqual({ left: 0, width: Math.ceil(c.pin!.plotLeft) + 1, plotLeft: c.pin!.plotLeft, seen: true });
        else expect(c.pin).toBeNull();
      }
      // The burn chart's legend is in the opening view, clear of the pinned axis (checkout-availability has replayed alerts).
      const legend = await page.$eval('figure.chart-figure:has(.role-legend)', (fig) => {
        const b = fig.querySelector('.chart')!.getBoundingClientRect();
        const l = fig.querySelector('.role-legend')!.getBoundingClientRect();
        const pin = fig.querySelector('.chart .y-pin')?.getBoundingClientRect();
        return { left: l.left - (pin && pin.width > 0 ? pin.right : b.left), right: b.right - l.right, text: fig.querySelector('.role-legend')!.textContent };
      });
      expect(legend.text).toContain('ticket (bottom strip)');
      expect(legend.left).toBeGreaterThanOrEqual(0);
      expect(legend.right).toBeGreaterThanOrEqual(0);
      // The SVG is as wide as what it draws: no text cut at its right edge, no blank margin where vega overrated a label.
      const margins = await page.$$eval('figure.chart-figure svg.marks', (svgs) => svgs.map((svg) => Math.round(svg.getBoundingClientRect().right - Math.max(...[...svg.querySelectorAll('text')].map((t) => t.getBoundingClientRect().right)))));
      for (const m of margins) expect(m).toBeGreaterThanOrEqual(0);
      for (const m of margins) expect(m).toBeLessThanOrEqual(24);
      // The axis still reads left to right: the first date label stands left of the last.
      const xs = await page.$eval('figure.chart-figure svg.marks', (svg) => [...svg.querySelectorAll('text')].filter((t) => /^\d{1,2} \w{3}|^\w{3} \d{1,2}/.test(t.textContent ?? '')).map((t) => t.getBoundingClientRect().left));
      expect(xs.length).toBeGreaterThan(2);
      expect(xs[0]!).toBeLessThan(xs.at(-1)!);
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('a postmortem’s tables keep each date on one line, and a long ticket URL does not squeeze the action column', { timeout: 60_000 }, async () => {
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 740 } });
      const { page, problems } = await visit(context, '/postmortems/2026-10-27-checkout-db-failover/');
      const dates = await page.$$eval('.prose td .nowrap', (xs) => xs.map((x) => ({ text: x.textContent, lines: x.getClientRects().length })));
      expect(dates.length).toBeGreaterThanOrEqual(7);
      expect(dates.filter((d) => d.lines !== 1)).toEqual([]);
      // The action-items table: its Action column is its widest, the ticket URL breaks inside its own cell.
      const cols = await page.$$eval('.prose table', (ts) => {
        const t = ts.find((x) => /Action/.test(x.querySelector('th')?.textContent ?? ''))!;
        return [...t.querySelectorAll('thead th')].map((th) => [th.textContent, Math.round(th.getBoundingClientRect().width)] as const);
      });
      expect(cols.map(([h]) => h)).toEqual(['Action', 'Owner', 'Due', 'Priority', 'Status', 'Ticket']);
      expect(Math.max(...cols.map(([, w]) => w))).toBe(cols[0]![1]);
      // Ticket ids, statuses and owners break nowhere either ("CHK-412", "in-progress", "team-platform-db").
      const tokens = await page.$$eval('.prose table.action-items td .nowrap', (xs) => xs.filter((x) => x.getClientRects().length === 1).map((x) => x.textContent));
      expect(tokens).toEqual(expect.arrayContaining(['CHK-412', 'in-progress', 'team-platform-db']));
      // The revision history's times stay on one line.
      const times = await page.$$eval('details table td.nowrap', (tds) => tds.map((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }));
      expect(times.length).toBeGreaterThanOrEqual(1);
      expect(times.every((n) => n === 1)).toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('the header takes two rows and opens its links from a menu; on a desktop the links show and the menu does not', { timeout: 60_000 }, async () => {
    for (const [width, phone] of [[360, true], [1280, false]] as const) {
      const context = await browser.newContext({ viewport: { width, height: 740 } });
      const { page, problems } = await visit(context, '/runbooks/');
      const shown = (selector: string) => page.$eval(selector, (e) => e.checkVisibility());
      expect(await shown('header.site nav.wide'), `${width}`).toBe(!phone);
      expect(await shown('details.menu'), `${width}`).toBe(phone);
      if (phone) {
        // The site's title and the menu button on one row, the report time on the next.
        expect(await page.$eval('header.site', (h) => h.getBoundingClientRect().height)).toBeLessThan(130);
        expect(await shown('details.menu nav')).toBe(false);
        await page.click('details.menu summary');
        const links = await page.$$eval('details.menu nav a', (as) => as.map((a) => ({ text: a.textContent, current: a.getAttribute('aria-current'), right: a.getBoundingClientRect().right, shown: a.checkVisibility() })));
        expect(links.map((l) => l.text)).toEqual(await page.$$eval('header.site nav.wide a', (as) => as.map((a) => a.textContent)));
        expect(links.length).toBe(11);
        for (const l of links) expect(l, l.text ?? '').toMatchObject({ shown: true });
        expect(Math.max(...links.map((l) => l.right))).toBeLessThanOrEqual(360);
        expect(links.filter((l) => l.current === 'page').map((l) => l.text)).toEqual(['Runbooks']);
      }
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('axe-core finds no serious or critical violation on any page type at 360 px, the menu open, where the lists are stacked and wide tables scroll', { timeout: 240_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const found: Record<string, string[]> = {};
    for (const path of Object.values(PAGE_TYPES)) {
      const { page } = await visit(context, path);
      await page.click('details.menu summary');
      const violations = await axeViolations(page);
      if (violations.length) found[path] = violations;
      await page.close();
    }
    await context.close();
    expect(found).toEqual({});
  });

  it('incident and postmortem lists are cards on a phone, each led by its title, none wider than the screen; tables on a desktop', { timeout: 90_000 }, async () => {
    for (const [width, phone] of [[360, true], [1280, false]] as const) {
      const context = await browser.newContext({ viewport: { width, height: 740 } });
      for (const path of ['/incidents/', '/outages/', '/services/checkout-api/', '/postmortems/']) {
        const { page, problems } = await visit(context, path);
        const rows = await page.$$eval('table.stacked tbody tr', (trs) => trs.filter((tr) => tr.getClientRects().length > 0).map((tr) => {
          const lead = tr.querySelector('td.lead')!.getBoundingClientRect();
          const cells = [...tr.children].filter((c) => c.getClientRects().length > 0).map((c) => c.getBoundingClientRect());
          const table = tr.closest('table')!;
          return { display: getComputedStyle(tr).display, leadTop: lead.top, top: Math.min(...cells.map((c) => c.top)), right: Math.max(...cells.map((c) => c.right)), scrolls: table.scrollWidth > table.clientWidth + 1 };
        }));
        expect(rows.length, path).toBeGreaterThan(0);
        for (const r of rows) {
          expect(r.display, path).toBe(phone ? 'flex' : 'table-row');
          if (phone) expect(r, path).toMatchObject({ leadTop: r.top, scrolls: false });
          if (phone) expect(r.right, path).toBeLessThanOrEqual(360);
        }
        expect(problems).toEqual([]);
        await page.close();
      }
      await context.close();
    }
  });

  it('the SLO tables show each SLO’s status and budget left without scrolling', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    for (const path of ['/', '/services/checkout-api/']) {
      const { page, problems } = await visit(context, path);
      const heads = await page.$$eval('table.slo-table', (ts) => [...ts[0]!.querySelectorAll('thead th')].map((th) => [th.textContent, th.getBoundingClientRect().right] as const));
      expect(heads.slice(0, 4).map(([h]) => h), path).toEqual(['SLO', 'Status', 'Budget left', 'SLI']);
      for (const [h, right] of heads.slice(0, 3)) expect(right, `${path}: ${h}`).toBeLessThanOrEqual(360);
      expect(problems).toEqual([]);
      await page.close();
    }
    await context.close();
  });

  it('the site’s action-item tables give the action the most room on a phone, where they scroll sideways', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    for (const path of ['/postmortems/', '/action-items/']) {
      const { page, problems } = await visit(context, path);
      const widths = await page.$$eval('td.action', (tds) => tds.map((td) => {
        const row = [...td.parentElement!.children].map((c) => c.getBoundingClientRect().width);
        return { action: td.getBoundingClientRect().width, widest: Math.max(...row) };
      }));
      expect(widths.length, path).toBeGreaterThan(10);
      for (const w of widths) expect(w.action, path).toBe(w.widest);
      expect(Math.min(...widths.map((w) => w.action)), path).toBeGreaterThan(180);
      expect(problems).toEqual([]);
      await page.close();
    }
    await context.close();
  });

  it('dates, times and hyphenated owners in the site’s tables stay on one line, at phone and desktop width', { timeout: 120_000 }, async () => {
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 740 } });
      let cells = 0;
      let owners = 0;
      for (const path of ['/outages/', '/postmortems/', '/action-items/', '/incidents/', '/services/checkout-api/', '/incidents/2026-10-27-checkout-db-failover/', '/slos/checkout-availability/']) {
        const { page, problems } = await visit(context, path);
        owners += await page.$$eval('td > span.nowrap', (xs) => xs.filter((x) => /^team-/.test(x.textContent ?? '')).length);
        // Each cell's text as the lines it is drawn on (distinct tops of its text's boxes); hidden ones (collapsed details) left out.
        const lines = await page.$$eval('td.date, td > span.nowrap', (tds) => tds.filter((td) => td.getClientRects().length > 0).map((td) => {
          const range = document.createRange();
          range.selectNodeContents(td);
          return { text: td.textContent, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
        }));
        expect(lines.length, `${path} at ${width} px`).toBeGreaterThan(0);
        expect(lines.filter((l) => l.lines !== 1), `${path} at ${width} px`).toEqual([]);
        cells += lines.length;
        expect(problems).toEqual([]);
        await page.close();
      }
      expect(cells).toBeGreaterThan(20);
      expect(owners, 'owners such as team-platform-db').toBeGreaterThan(10);
      await context.close();
    }
  });

  it('the reports index fits the screen without scrolling, and a report’s note on its SLO table is not cut off', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const index = await visit(context, '/reports/');
    const tables = await index.page.$$eval('table.report-index', (ts) => ts.map((t) => t.scrollWidth - t.clientWidth));
    expect(tables.length).toBe(2);
    expect(tables).toEqual([0, 0]);
    const report = await visit(context, '/reports/2026-10/');
    // Each SLO's result (met or missed) is in view beside its name, before the table scrolls.
    const results = await report.page.$$eval('table.report-slos tbody tr td:nth-child(2) .badge', (bs) => bs.map((b) => ({ text: b.textContent, right: b.getBoundingClientRect().right })));
    expect(results.length).toBeGreaterThan(5);
    for (const r of results) expect(r.right, r.text ?? '').toBeLessThanOrEqual(360);
    expect(results[0]!.text).toBe('missed');
    const notes = await report.page.$$eval('table.report-slos + .table-note', (ps) => ps.map((p) => ({ text: p.textContent, right: p.getBoundingClientRect().right })));
    expect(notes.length).toBe(6);
    for (const n of notes) {
      expect(n.text).toBe('Changes are against September 2026, in percentage points.');
      expect(n.right).toBeLessThanOrEqual(360);
    }
    // A period still running says that it is compared, so far, with a whole one.
    const running = await visit(context, '/reports/2026-q4/');
    // And what its budget as time means.
    expect(new Set(await running.page.$$eval('table.report-slos + .table-note', (ps) => ps.map((p) => p.textContent)))).toEqual(
      new Set(['Changes are against Q3 2026 as a whole (this period so far), in percentage points. This period is still running: its budget spent as time is what the whole period would spend if the rest went as so far (budget as time).']),
    );
    expect(Math.max(...(await running.page.$$eval('.table-note', (ps) => ps.map((p) => p.getBoundingClientRect().right))))).toBeLessThanOrEqual(360);
    expect([...index.problems, ...report.problems, ...running.problems]).toEqual([]);
    await context.close();
  });

  it('the incident history\'s page links wrap at 360 px: with 20 pages, as 2,000 incidents make, the page stays as wide as the screen', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const { page, problems } = await visit(context, '/outages/');
    // The sample has one page of history; the links of twenty, as the component writes them, with the site's stylesheet.
    await page.evaluate(() => {
      const nav = document.createElement('nav');
      nav.className = 'pages';
      nav.innerHTML = ['<strong aria-current="page">1</strong>', ...Array.from({ length: 19 }, (_, i) => `<a href="#">${i + 2}</a>`), '<a href="#" rel="next">older →</a>'].join('');
      document.querySelector('#history')!.append(nav);
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await page.$eval('nav.pages', (n) => n.getBoundingClientRect().height)).toBeGreaterThan(30);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the incident metrics strips draw their axis labels apart, the axis ends always labelled', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const { page, problems } = await visit(context, '/metrics/');
    const axes = await page.$$eval('figure.strip svg', (svgs) => svgs.map((svg) => [...svg.querySelectorAll('.role-axis-label text')].map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent, left: r.left, right: r.right };
    }).sort((a, b) => a.left - b.left)));
    expect(axes.length).toBeGreaterThanOrEqual(5);
    const crowded = axes.flatMap((labels) => labels.slice(1).flatMap((l, k) => (l.left - labels[k]!.right < 3 ? [`${labels[k]!.text} | ${l.text}: ${(l.left - labels[k]!.right).toFixed(1)} px`] : [])));
    expect(crowded).toEqual([]);
    for (const labels of axes) expect(labels[0]!.text).toBe('0');
    // The last label ends flush with the axis: the end of the range is always named.
    const ends = await page.$$eval('figure.strip svg', (svgs) => svgs.map((svg) => {
      const axis = svg.querySelector('.role-axis-domain line')!.getBoundingClientRect().right;
      const last = Math.max(...[...svg.querySelectorAll('.role-axis-label text')].map((t) => t.getBoundingClientRect().right));
      return Math.round(Math.abs(axis - last));
    }));
    expect(ends.every((d) => d <= 1)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the outage calendar opens on its latest week, names its months, and reads left to right', { timeout: 60_000 }, async () => {
    for (const [width, phone] of [[360, true], [1280, false]] as const) {
      const context = await browser.newContext({ viewport: { width, height: 740 } });
      const { page, problems } = await visit(context, '/outages/');
      const cal = await page.$eval('.calendar-scroll', (box, fn) => {
        const f = new Function(`return ${fn}`)() as (b: Element, i: Element) => { left: number; right: number; scrolls: boolean };
        const cells = [...box.querySelectorAll('.cal[aria-label]')];
        const r = box.getBoundingClientRect();
        const inBox = (e: Element) => { const c = e.getBoundingClientRect(); return c.left >= r.left - 0.5 && c.right <= r.right + 0.5; };
        return {
          ...f(box, box.querySelector('.calendar')!),
          first: cells[0]!.getAttribute('aria-label')!.slice(0, 10),
          last: cells.at(-1)!.getAttribute('aria-label')!.slice(0, 10),
          firstLeftOfLast: cells[0]!.getBoundingClientRect().left < cells.at(-1)!.getBoundingClientRect().left,
          lastShows: inBox(cells.at(-1)!),
          firstShows: inBox(cells[0]!),
          months: [...box.querySelectorAll('.mon')].map((m) => m.textContent).filter(Boolean),
          weekdaysShow: inBox(box.querySelector('.weekdays')!),
        };
      }, overhang.toString());
      expect(cal.lastShows).toBe(true);
      expect(cal.firstShows).toBe(!phone);
      // Mon, Wed and Fri stay in view however far the weeks are scrolled.
      expect(cal.weekdaysShow).toBe(true);
      expect(cal.firstLeftOfLast).toBe(true);
      expect(cal.scrolls).toBe(phone);
      expect(cal.last > cal.first).toBe(true);
      expect(cal.months.length).toBeGreaterThanOrEqual(12);
      expect(cal.months).toContain('2026');
      expect(cal.months.at(-1)).toBe('Nov');
      // A day with a full outage carries a dot in the text colour, with a halo of the background, over any shade: not told by hue alone.
      const dots = await page.$$eval('.calendar .cal.out', (cells) => cells.map((c) => {
        const dot = getComputedStyle(c, '::after');
        return { label: c.getAttribute('aria-label'), dot: dot.backgroundColor, halo: dot.boxShadow, width: parseFloat(dot.width), text: getComputedStyle(document.body).color, page: getComputedStyle(document.documentElement).backgroundColor };
      }));
      expect(dots.length).toBeGreaterThan(2);
      for (const d of dots) {
        expect(d.label).toMatch(/of outage$/);
        expect(d.dot).toBe(d.text);
        expect(d.halo, JSON.stringify(d)).toContain(d.page);
        expect(d.width).toBeGreaterThan(2);
      }
      // In forced colours (high contrast), where backgrounds are dropped, the dot keeps the system's text colour.
      await page.emulateMedia({ forcedColors: 'active' });
      const forced = await page.$eval('.calendar .cal.out', (c) => ({ dot: getComputedStyle(c, '::after').backgroundColor, text: getComputedStyle(document.body).color }));
      expect(forced.dot).toBe(forced.text);
      await page.emulateMedia({ forcedColors: 'none' });
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});

/** The HTML pages reachable from the home page by links, as paths. */
async function crawlHtml(): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = ['/'];
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    const res = await fetch(server.url + path);
    if (!(res.headers.get('content-type') ?? '').includes('html')) continue;
    seen.add(path);
    for (const m of (await res.text()).matchAll(/href="(\/[^"#?]*)"/g)) if (!seen.has(m[1]!)) queue.push(m[1]!);
  }
  return seen;
}
