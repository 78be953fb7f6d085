/**
 * A period report of an organisation with many services, on paper: past PAGE_PER_SERVICE_UP_TO
 * services, the sections follow one another instead of starting a page each (at 100 services a
 * page each made a quarterly report of 120 pages), and every section is still printed.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuildResult } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';
import { pdfPages } from '../helpers/pdf-text.ts';
import { serveStatic } from '../helpers/static-server.ts';

const SERVICES = 30;
const service = (k: number): [string, string] => [`content/services/svc-${k}.yaml`, `id: svc-${k}\nname: Service ${k}\nowner: team-${k % 4}\ntier: ${1 + (k % 3)}\n`];

let built: BuildResult;
let cleanup: () => Promise<void>;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;
beforeAll(async () => {
  const fx = await fixture(Object.fromEntries(Array.from({ length: SERVICES }, (_, k) => service(k))));
  cleanup = fx.cleanup;
  built = await buildSite(['--root', fx.root, '--as-of', '2026-11-15T00:00:00Z']);
  server = await serveStatic(built.out);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cleanup?.();
  await rm(built.out, { recursive: true, force: true });
});

describe('a report of 32 services (the fixture\'s two and 30 more) on paper', () => {
  it('prints its service sections one after another, not a page each, and every one of them', { timeout: 120_000 }, async () => {
    expect(built.code, built.stderr).toBe(0);
    const months = (await readdir(join(built.out, 'reports'))).filter((d) => /^\d{4}-\d{2}$/.test(d)).sort();
    expect(months.length).toBeGreaterThan(0);
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(`${server.url}/reports/${months.at(-1)}/`);
    const sections = await page.locator('.service-section h2').allTextContents();
    expect(sections.length).toBe(SERVICES + 2);
    const pdf = await page.pdf({ format: 'A4' });
    await page.close();
    const text = (await pdfPages(pdf)).map((p) => p.join(' '));
    // A page each would be at least 33 pages; the short sections share pages.
    expect(text.length).toBeLessThan(sections.length / 2);
    // Each section's own heading, followed by its line of incidents (the by-service table names every service too).
    const all = text.join(' ').replace(/\s+/g, ' ');
    for (const s of sections) expect(all, s).toMatch(new RegExp(`${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\d+ incidents? started`));
  });
});
