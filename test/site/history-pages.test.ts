/**
 * The incident history at scale: 120 incidents more than the minimal fixture are paginated 100 a
 * page, and in Chromium a filter set on either page narrows the incidents of both.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuildResult } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';
import { serveStatic } from '../helpers/static-server.ts';

const EXTRA = 120;
const incident = (k: number): [string, string] => {
  const day = new Date(Date.UTC(2026, 4, 1) + k * 86_400_000).toISOString().slice(0, 10);
  const id = `${day}-api-blip-${k}`;
  const severity = k % 4 === 0 ? 'SEV1' : 'SEV3';
  return [`content/incidents/${id}.yaml`, `id: ${id}\ntitle: API blip ${k}\nseverity: ${severity}\nservices: [api]\nstatus: resolved\nstarted_at: ${day}T10:00:00Z\nresolved_at: ${day}T10:20:00Z\n`];
};

let built: BuildResult;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const fx = await fixture(Object.fromEntries(Array.from({ length: EXTRA }, (_, k) => incident(k))));
  cleanup = fx.cleanup;
  built = await buildSite(['--root', fx.root, '--as-of', '2026-11-15T00:00:00Z']);
});
afterAll(async () => {
  await cleanup?.();
  await rm(built.out, { recursive: true, force: true });
});

const rowsIn = (html: string) => (html.match(/<tr role="row" data-incident=/g) ?? []).length;

describe('the incident history at 121 incidents', () => {
  it('is split into pages of 100, newest first, every incident on exactly one page', async () => {
    expect(built.code, built.stderr).toBe(0);
    const first = await readFile(join(built.out, 'outages/index.html'), 'utf8');
    const second = await readFile(join(built.out, 'outages/history/2/index.html'), 'utf8');
    expect(rowsIn(first)).toBe(100);
    expect(rowsIn(second)).toBe(EXTRA + 1 - 100);
    expect(first).toContain('href="/outages/history/2/" rel="next"');
    expect(second).toContain('href="/outages/" rel="prev"');
  });

  describe('in Chromium', () => {
    let browser: Browser;
    let server: Awaited<ReturnType<typeof serveStatic>>;
    beforeAll(async () => {
      server = await serveStatic(built.out);
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('a filter narrows every page\'s incidents: the other pages are read and their rows listed with this page\'s; cleared, the page and its pager come back', async () => {
      // What a filter on SEV1 must find: every SEV1 incident of both pages, newest first.
      const html = await Promise.all(['outages/index.html', 'outages/history/2/index.html'].map((f) => readFile(join(built.out, f), 'utf8')));
      const sev1 = html.flatMap((h) => [...h.matchAll(/data-incident="([^"]+)" data-service="[^"]*" data-severity="SEV1"/g)].map((m) => m[1]));
      expect(sev1.length).toBeGreaterThan(20);
      const page = await browser.newPage();
      for (const path of ['/outages/', '/outages/history/2/']) {
        await page.goto(`${server.url}${path}`);
        await page.selectOption('select[name="severity"]', 'SEV1');
        await expect.poll(() => page.textContent('[data-filter-count]')).toBe(`${sev1.length} of 121 incidents match, on every page`);
        const visible = await page.locator('tr[data-incident]:visible').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.incident));
        expect(visible, path).toEqual(sev1);
        // One heading a month, though a month's incidents were on both pages; the pager is hidden while the list is whole.
        const months = await page.locator('.history-month:visible').evaluateAll((ms) => ms.map((m) => (m as HTMLElement).dataset.month));
        expect(new Set(months).size).toBe(months.length);
        expect(await page.locator('nav.pages').isVisible()).toBe(false);
        expect(page.url()).toMatch(/\?severity=SEV1$/);
        // Cleared: this page's rows, its months and its pager, as without a filter.
        await page.selectOption('select[name="severity"]', '');
        expect(await page.locator('tr[data-incident]:visible').count()).toBe(path === '/outages/' ? 100 : 21);
        expect(await page.locator('nav.pages').isVisible()).toBe(true);
        expect(await page.textContent('[data-filter-count]')).toBe(path === '/outages/' ? '100 of 100 incidents shown on this page (1 of 2)' : '21 of 21 incidents shown on this page (2 of 2)');
      }
      // A shared filtered URL opens with the whole list filtered.
      await page.goto(`${server.url}/outages/history/2/?severity=SEV1`);
      await expect.poll(() => page.locator('tr[data-incident]:visible').count()).toBe(sev1.length);
      await page.close();
    });

    it('when the other pages cannot be read, the filter narrows this page and says so', async () => {
      const page = await browser.newPage();
      await page.route('**/outages/history/2/', (route) => route.fulfill({ status: 503, body: 'down' }));
      await page.goto(`${server.url}/outages/`);
      await page.selectOption('select[name="severity"]', 'SEV1');
      await expect.poll(() => page.textContent('[data-filter-count]')).toMatch(/ of 100 incidents shown on this page \(1 of 2\); the other pages could not be read$/);
      const visible = await page.locator('tr[data-incident]:visible').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.severity));
      expect(visible.length).toBeGreaterThan(0);
      expect(new Set(visible)).toEqual(new Set(['SEV1']));
      expect(await page.locator('nav.pages').isVisible()).toBe(true);
      // The page is back: the reader's next change of the filter reads the other pages again.
      await page.unroute('**/outages/history/2/');
      await page.selectOption('select[name="severity"]', 'SEV3');
      await expect.poll(() => page.textContent('[data-filter-count]')).toMatch(/^\d+ of 121 incidents match, on every page$/);
      await page.close();
    });

    it('a page of another build (another number of pages) is not mixed in: the filter stays on this page', async () => {
      const page = await browser.newPage();
      await page.route('**/outages/history/2/', async (route) => {
        const res = await route.fetch();
        route.fulfill({ response: res, body: (await res.text()).replace('data-pages="2"', 'data-pages="3"') });
      });
      await page.goto(`${server.url}/outages/`);
      await page.selectOption('select[name="severity"]', 'SEV1');
      await expect.poll(() => page.textContent('[data-filter-count]')).toMatch(/ of 100 incidents shown on this page \(1 of 2\); the other pages could not be read$/);
      await page.close();
    });
  });
});
