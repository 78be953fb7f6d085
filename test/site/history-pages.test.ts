/**
 * The incident history at scale: 120 incidents more than the minimal fixture are paginated 100 a
 * page, and in Chromium a filter set on one page travels with the links to the others.
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

    it('a filter set on the first page travels with the link to the next', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}/outages/`);
      await page.selectOption('select[name="severity"]', 'SEV1');
      expect(await page.locator('a[rel="next"]').evaluate((a) => (a as HTMLAnchorElement).pathname + (a as HTMLAnchorElement).search)).toBe('/outages/history/2/?severity=SEV1');
      await page.click('a[rel="next"]');
      await page.waitForURL('**/outages/history/2/?severity=SEV1');
      expect(await page.inputValue('select[name="severity"]')).toBe('SEV1');
      const visible = await page.locator('tr[data-incident]:visible').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.severity));
      expect(visible.length).toBeGreaterThan(0);
      expect(new Set(visible)).toEqual(new Set(['SEV1']));
      expect(await page.locator('tr[data-incident]').count()).toBe(21);
      // The count says it is this page's: the filter narrows the 21 rows here, not the 121 of every page.
      expect(await page.textContent('[data-filter-count]')).toBe(`${visible.length} of 21 incidents shown on this page (2 of 2; the filter goes with you to the others)`);
      await page.close();
    });
  });
});
