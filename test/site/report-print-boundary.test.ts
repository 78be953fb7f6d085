/**
 * A period report printed on paper starts each service's section on a page of its own while the report has at most
 * 12 services (PAGE_PER_SERVICE_UP_TO in src/components/PeriodReport.astro); from 13 on the sections follow one
 * another (at 100 services a page each made a 120-page quarterly report). Printed in Chromium, on each side of the
 * boundary, from synthetic organisations of 12 and 13 services, as small as the bench's generator makes them.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOrg } from '../../scripts/lib/bench/org.ts';
import { PROJECT, buildSite } from '../helpers/build.ts';
import { pdfPages } from '../helpers/pdf-text.ts';
import { serveStatic } from '../helpers/static-server.ts';

const made: string[] = [];
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

/** Build an organisation of `services` services (one SLO and three incidents each) and print its first whole month's report on A4. */
async function printedReport(services: number): Promise<{ sections: string[]; pages: string[] }> {
  const root = await mkdtemp(join(tmpdir(), `sitrep-print-${services}-`));
  made.push(root);
  await writeOrg(root, { services, slos: services, incidents: services * 3, postmortems: 2, runbooks: 2 }, PROJECT);
  const built = await buildSite(['--root', root]);
  made.push(built.out);
  expect(built.code, built.stderr).toBe(0);
  // The months the data covers, oldest first: the second is whole (the first starts with the data).
  const months = (await readdir(join(built.out, 'reports'))).filter((d) => /^\d{4}-\d{2}$/.test(d)).sort();
  expect(months.length).toBeGreaterThanOrEqual(2);
  const server = await serveStatic(built.out);
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(`${server.url}/reports/${months[1]}/`);
    const sections = await page.locator('.service-section h2').allTextContents();
    const pdf = await page.pdf({ format: 'A4' });
    await page.close();
    return { sections, pages: (await pdfPages(pdf)).map((p) => p.join(' ').replace(/\s+/g, ' ')) };
  } finally {
    await server.close();
  }
}

describe('a period report on paper, either side of 12 services', () => {
  it('at 12 services each service\'s section starts a page; at 13 they follow one another', { timeout: 120_000 }, async () => {
    const twelve = await printedReport(12);
    expect(twelve.sections).toHaveLength(12);
    // The organisation's part, then a page (or more) per section: each section's name is last named on a page no other
    // section's is (the organisation's part names every service first, in its tables).
    expect(twelve.pages.length).toBeGreaterThanOrEqual(13);
    const pageOf = (pages: string[], name: string) => pages.findLastIndex((p) => new RegExp(`${name}(?!\\d)`).test(p));
    const twelvePages = twelve.sections.map((s) => pageOf(twelve.pages, s));
    expect(twelvePages.every((p) => p > 0)).toBe(true);
    expect(new Set(twelvePages).size).toBe(12);

    const thirteen = await printedReport(13);
    expect(thirteen.sections).toHaveLength(13);
    // Flowing, the 13 small sections share pages: fewer pages than sections, several sections on one page.
    expect(thirteen.pages.length).toBeLessThan(13);
    const thirteenPages = thirteen.sections.map((s) => pageOf(thirteen.pages, s));
    expect(thirteenPages.every((p) => p >= 0)).toBe(true);
    expect(new Set(thirteenPages).size).toBeLessThan(13);
  });
});
