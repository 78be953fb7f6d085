/**
 * End to end: build the bundled sample as a user would (scripts/build.ts), then check the pages,
 * the JSON API contract, reproducibility, and what a reader sees in a real Chromium.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content/load.ts';
import { fixture } from '../helpers/fixture.ts';
import { HOSTILE_HTML, POSTMORTEM, RUNBOOK, runbookWith } from '../security/helpers.ts';
import { PROJECT, buildSite, expectSameSite, readJson, type BuildResult } from '../helpers/build.ts';
import { serveStatic } from '../helpers/static-server.ts';

interface SlosJson {
  asOf: string;
  asOfSource: string;
  slos: Record<string, unknown>[];
}

let sample: BuildResult;
const outs: string[] = [];

beforeAll(async () => {
  sample = await buildSite();
  outs.push(sample.out);
});
afterAll(async () => {
  await Promise.all(outs.map((o) => rm(o, { recursive: true, force: true })));
});

describe('building the bundled sample', () => {
  it('succeeds and writes a page for every SLO, incident, postmortem, runbook and service', async () => {
    expect(sample.code, sample.stderr).toBe(0);
    const { content } = await loadContent(PROJECT);
    const dirs = async (d: string) => (await readdir(join(sample.out, d), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(await dirs('slos')).toEqual(content.slos.map((s) => s.id).sort());
    expect(await dirs('incidents')).toEqual(content.incidents.map((s) => s.id).sort());
    expect(await dirs('postmortems')).toEqual(content.postmortems.map((s) => s.id).sort());
    expect(await dirs('runbooks')).toEqual(content.runbooks.map((s) => s.id).sort());
    expect(await dirs('services')).toEqual(content.services.map((s) => s.id).sort());
  });

  it('prints a few lines, not a line per page: Astro lists the files it writes only when SITREP_LOG_LEVEL asks', () => {
    // (A line saying the build waited for another build of the project, which tests run beside it, may come first.)
    const lines = sample.stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('>') && !/waiting for another build/.test(l));
    expect(lines).toEqual([
      expect.stringMatching(/^pages: built in \d+\.\d s$/),
      expect.stringMatching(/^sitemap\.xml: \d+ pages$/),
      expect.stringMatching(/^data files: \d+ \(API, chart specs, badges\)$/),
      expect.stringMatching(/^search index: \d+ pages in 1 shard$/),
      `✓ site written to ${sample.out}`,
    ]);
  });

  it('reports as of the end of the newest snapshot, not the wall clock', async () => {
    const json = await readJson<SlosJson>(join(sample.out, 'api/v1/slos.json'));
    expect(json.asOf).toBe('2026-11-15T00:00:00.000Z');
    expect(json.asOfSource).toBe('data');
  });

  it('slos.json indexes every SLO, and each SLO\'s own file holds the contracted fields, with no NaN', async () => {
    const index = await readJson<{ slos: { id: string; report: string; page: string }[] }>(join(sample.out, 'api/v1/slos.json'));
    const { content } = await loadContent(PROJECT);
    expect(index.slos.map((s) => s.id)).toEqual(content.slos.map((s) => s.id));
    const texts = await Promise.all(index.slos.map((row) => readFile(join(sample.out, row.report), 'utf8')));
    for (const text of texts) expect(text).not.toMatch(/NaN|Infinity/);
    const json = { slos: texts.map((text) => JSON.parse(text) as SlosJson['slos'][number]) };
    expect(json.slos.length).toBeGreaterThanOrEqual(8);
    for (const s of json.slos) {
      expect(s).toMatchObject({ id: expect.any(String), service: expect.any(String), window: expect.any(String), good: expect.any(Number), total: expect.any(Number), coverage: expect.any(Number) });
      expect(s.objective as number).toBeGreaterThan(0.9);
      expect(s.objective as number).toBeLessThan(1);
      expect(s.sli === null || (typeof s.sli === 'number' && s.sli >= 0 && s.sli <= 1)).toBe(true);
      expect(s.budget).toMatchObject({ allowed: expect.any(Number) });
      expect(['green', 'yellow', 'red', null]).toContain(s.status);
      expect(Object.keys(s.burnRates as object)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
      expect(Array.isArray(s.alerts)).toBe(true);
    }
    expect(new Set(json.slos.map((s) => s.status))).toEqual(new Set(['green', 'yellow', 'red']));
  });

  it('every SLO page and report page weighs under 150 KB with its charts and the stylesheet', async () => {
    const css = (await readFile(join(sample.out, 'styles.css'))).length;
    const pages = [
      ...(await readdir(join(sample.out, 'slos'))).map((id) => join('slos', id, 'index.html')),
      ...(await readdir(join(sample.out, 'reports'), { recursive: true })).filter((f) => f.endsWith('index.html')).map((f) => join('reports', f)),
    ];
    expect(pages.length).toBeGreaterThan(15);
    for (const page of pages) expect((await readFile(join(sample.out, page))).length + css, page).toBeLessThan(150 * 1024);
  });

  it('leaves the charts, their data, the long SLO tables and the revision history out of the search index', async () => {
    for (const id of await readdir(join(sample.out, 'slos'))) {
      const html = await readFile(join(sample.out, 'slos', id, 'index.html'), 'utf8');
      expect(html, id).toContain('data-pagefind-body');
      const tags = html.match(/<(figure class="chart-figure"|details class="(chart-data|long)"|section class="history")[^>]*>/g) ?? [];
      expect(tags.length, id).toBeGreaterThanOrEqual(6);
      for (const tag of tags) expect(tag, id).toContain('data-pagefind-ignore');
    }
  });

  it('indexes each service page for its name, owner, description and runbooks, and leaves out its dependencies, links, badge, SLO table and incidents', async () => {
    const ids = (await readdir(join(sample.out, 'services'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) {
      const html = await readFile(join(sample.out, 'services', id, 'index.html'), 'utf8');
      expect(html, id).toContain('data-pagefind-body');
      // Between the heading and the runbooks, every link and table sits inside an element Pagefind ignores.
      const body = html.slice(html.indexOf('</h1>') + 5, html.indexOf('<h2>Runbooks</h2>'));
      const open: boolean[] = [];
      const indexed: string[] = [];
      for (const m of body.matchAll(/<(\/?)([a-z0-9]+)([^>]*)>/g)) {
        const [, closing, tag, attrs] = m;
        if (['br', 'img', 'input', 'meta', 'link', 'hr', 'source', 'path', 'rect'].includes(tag!) || attrs!.endsWith('/')) continue;
        if (closing) open.pop();
        else {
          const ignored = open.some(Boolean) || / data-pagefind-ignore/.test(attrs!);
          if (!ignored && (tag === 'a' || tag === 'table')) indexed.push(`<${tag}${attrs}>`);
          open.push(/ data-pagefind-ignore/.test(attrs!));
        }
      }
      expect(indexed, id).toEqual([]);
      expect(body, id).toContain('<table');
    }
  });

  it('incidents.json lists every incident and the metric distributions in seconds', async () => {
    const json = await readJson<{ incidents: { id: string }[]; metrics: Record<string, unknown> }>(join(sample.out, 'api/v1/incidents.json'));
    const { content } = await loadContent(PROJECT);
    expect(json.incidents.map((i) => i.id).sort()).toEqual(content.incidents.map((i) => i.id).sort());
    for (const k of ['mttd', 'mtta', 'mttm', 'mttr', 'mtbf']) {
      expect(json.metrics[k]).toMatchObject({ count: expect.any(Number), mean: expect.any(Number), median: expect.any(Number), p90: expect.any(Number), max: expect.any(Number) });
    }
    expect((json.metrics.unresolved as string[]).length).toBeGreaterThanOrEqual(1);
  });

  it('is reproducible with --as-of: two builds give a byte-identical site, dated as asked', { timeout: 300_000 }, async () => {
    const a = await buildSite(['--as-of', '2026-10-01T00:00:00Z']);
    const b = await buildSite([], { SITREP_AS_OF: '2026-10-01T00:00:00Z' });
    outs.push(a.out, b.out);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const [ja, jb] = await Promise.all([readFile(join(a.out, 'api/v1/slos.json'), 'utf8'), readFile(join(b.out, 'api/v1/slos.json'), 'utf8')]);
    expect(ja).toBe(jb);
    expect(JSON.parse(ja).asOf).toBe('2026-10-01T00:00:00.000Z');
    expect(ja).not.toBe(await readFile(join(sample.out, 'api/v1/slos.json'), 'utf8'));
    // Every file, not only the API: same names, same bytes.
    expect(await expectSameSite(a.out, b.out)).toBeGreaterThan(50);
  });
});

describe('building other content', () => {
  it('fails on the same errors as npm run check, and publishes nothing', async () => {
    const fx = await fixture({ 'content/incidents/2026-10-03-api-outage.yaml': (t) => t.replace('resolved_at: 2026-10-03T10:30:00Z', 'resolved_at: 2026-10-03T08:30:00Z') });
    const r = await buildSite(['--root', fx.root]);
    outs.push(r.out);
    await fx.cleanup();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('content/incidents/2026-10-03-api-outage.yaml:10:14 resolved_at: must not be before mitigated_at');
    expect(await readdir(r.out)).toEqual([]);
  });

  it('a build that fails in the site generator leaves the last good site in place', async () => {
    // Valid content, but a site URL Astro refuses: a failure that check cannot foresee.
    const fx = await fixture();
    const out = await mkdtemp(join(tmpdir(), 'sitrep-last-good-'));
    outs.push(out);
    await writeFile(join(out, 'index.html'), 'the last good site');
    await writeFile(join(out, '.sitrep-site'), 'written by sitrep');
    const r = await buildSite(['--root', fx.root, '--out', out], { SITREP_SITE: 'not a url' });
    outs.push(r.out);
    await fx.cleanup();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the site generator failed (the last good site is untouched)');
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('the last good site');
    // Only this build's staging folder: other builds (other tests, other checkouts) share the temporary folder.
    expect((await readdir(join(out, '..'))).filter((n) => n.startsWith(`.${basename(out)}.building-`))).toEqual([]);
  });

  it('drops raw HTML from postmortems, so a pull request cannot inject a script; flags stale SLOs', async () => {
    const fx = await fixture({
      'data/fetch-status.json': JSON.stringify({
        format: 'sitrep-fetch-status/v1',
        updatedAt: '2026-11-02T00:00:00Z',
        slos: { 'api-availability': { ok: false, lastAttempt: '2026-11-02T00:00:00Z', lastSuccess: '2026-11-01T00:00:00Z', dataEnd: '2026-11-01T00:00:00Z', source: 'content/slos/api-availability.yaml', error: 'HTTP 503 after 5 retries' } },
      }),
      'content/postmortems/2026-10-03-api-outage.md': (t) => t.replace('Half of API calls failed for 40 minutes.', 'Half failed. <script>alert("pwned")</script> <img src=x onerror="alert(1)">'),
    });
    const r = await buildSite(['--root', fx.root]);
    outs.push(r.out);
    await fx.cleanup();
    expect(r.code, r.stderr).toBe(0);
    const html = await readFile(join(r.out, 'postmortems/2026-10-03-api-outage/index.html'), 'utf8');
    expect(html).toContain('Half failed.');
    // The tags are dropped; their harmless inner text may remain as text.
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('onerror');
    const slo = await readFile(join(r.out, 'slos/api-availability/index.html'), 'utf8');
    expect(slo).toContain('No snapshot for this SLO');
    expect(slo).toContain('Stale: the last fetch of this SLO, at 2026-11-02 00:00 UTC, failed (HTTP 503 after 5 retries)');
    expect(await readFile(join(r.out, 'index.html'), 'utf8')).toContain('stale: data as of 2026-11-01 00:00 UTC');
  });
});

/**
 * Issue 15, items 1, 3 and 4, end to end: a hostile runbook or postmortem, built as CI builds a
 * pull request, publishes no script, no event handler and no javascript: URL, and runs nothing.
 */
const HOSTILE = `${HOSTILE_HTML}\n\n<div onmouseover="alert(5)">hover</div>`;

/** A build takes about 20 s alone; leave room for a loaded machine. */
const BUILD_TIMEOUT = 180_000;

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

describe('a site built from hostile Markdown', () => {
  it('has no <script>, no on* attribute and no javascript: URL on any page', async () => {
    const fx = await fixture({
      [RUNBOOK]: await runbookWith(`\n1. Check the dashboard.\n\n${HOSTILE}\n`),
      [POSTMORTEM]: (t) => t.replace('## Summary\n', `## Summary\n\n${HOSTILE}\n`),
      'content/runbooks/api-callout.mdx': (await runbookWith('\n<Callout kind="danger" title="<script>alert(6)</script>">\nRoll back **first**.\n</Callout>\n')).replace('title: API error rate', 'title: API callout'),
    });
    const r = await buildSite(['--root', fx.root]);
    outs.push(r.out);
    await fx.cleanup();
    expect(r.code, r.stderr).toBe(0);
    const pages = await htmlFiles(r.out);
    expect(pages.length).toBeGreaterThan(5);
    // sitrep's own two scripts, the optional filter of the outage tracker's history and the search page's, are the only ones allowed.
    const OWN_SCRIPTS = ['<script defer src="/history-filter.js"></script>', '<script type="module" src="/search.js"></script>'];
    for (const page of pages) {
      const html = OWN_SCRIPTS.reduce((h, s) => h.replace(s, ''), await readFile(page, 'utf8'));
      expect(html, page).not.toMatch(/<script/i);
      expect(html, page).not.toMatch(/<iframe/i);
      expect(html, page).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
      expect(html, page).not.toMatch(/javascript:/i);
    }
    const runbook = await readFile(join(r.out, 'runbooks/api-errors/index.html'), 'utf8');
    expect(runbook).toContain('Check the dashboard.');
    const mdx = await readFile(join(r.out, 'runbooks/api-callout/index.html'), 'utf8');
    expect(mdx).toContain('<aside class="callout callout-danger"><p class="callout-title">&#x3C;script>alert(6)&#x3C;/script></p>');
    expect(mdx).toContain('Roll back <strong>first</strong>.');
    const service = await readFile(join(r.out, 'services/api/index.html'), 'utf8');
    expect(service).toContain('<a href="https://grafana.example.com/d/api" rel="noopener noreferrer">');
  }, BUILD_TIMEOUT);

  it('an MDX runbook that imports node:child_process stops the build at its line, and runs nothing', async () => {
    const marker = join(tmpdir(), `sitrep-mdx-ran-${process.pid}`);
    const body = `\nimport { execSync } from 'node:child_process'\n\n{execSync('touch ${marker}')}\n\n1. Step.\n`;
    const fx = await fixture({ 'content/runbooks/api-owned.mdx': await runbookWith(body) });
    const r = await buildSite(['--root', fx.root], { PROMETHEUS_BEARER_TOKEN: 'tok-should-not-be-needed' });
    outs.push(r.out);
    await fx.cleanup();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('content/runbooks/api-owned.mdx:11:1 import and export are not allowed in runbooks');
    expect(r.stderr).toContain("content/runbooks/api-owned.mdx:13:1 JavaScript expressions in braces are not allowed in runbooks");
    expect(existsSync(marker)).toBe(false);
    expect(await readdir(r.out)).toEqual([]);
  }, BUILD_TIMEOUT);

  it('a runbook that links to a file outside content/ is not published', async () => {
    const fx = await fixture();
    const outside = join(fx.root, 'outside.md');
    await writeFile(outside, await runbookWith('\n1. A secret step from another repository.\n'));
    await symlink(outside, join(fx.root, 'content/runbooks/linked.md'));
    const r = await buildSite(['--root', fx.root]);
    outs.push(r.out);
    await fx.cleanup();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('content/runbooks/linked.md:1:1 is a symbolic link to a file outside content/');
    expect(await readdir(r.out)).toEqual([]);
  }, BUILD_TIMEOUT);
});

describe('what a reader sees in Chromium, with JavaScript off', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    server = await serveStatic(sample.out);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the home page lists every SLO with its status, and links lead to a page with charts', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(`${server.url}/`);
    const rows = page.locator('main table tbody tr');
    const { content } = await loadContent(PROJECT);
    await expect.poll(() => rows.count()).toBe(content.slos.length);
    expect(await page.locator('main .badge.red').count()).toBeGreaterThanOrEqual(1);
    await page.getByRole('link', { name: content.slos[0]!.name, exact: true }).first().click();
    await page.waitForURL(`**/slos/${content.slos[0]!.id}/`);
    expect(await page.locator('h1').textContent()).toContain(content.slos[0]!.name);
    const charts = page.locator('.chart svg[role="img"]');
    // The budget, the daily SLI and the burn rate with its alerts.
    expect(await charts.count()).toBe(3);
    expect(await charts.nth(2).getAttribute('aria-label')).toMatch(/^1-hour burn rate of /);
    const box = await charts.first().boundingBox();
    expect(box!.height).toBeGreaterThan(100);
    expect(box!.height).toBeLessThan(400);
    await page.close();
  });

  it('an open incident is flagged on the home page and on its own page', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(`${server.url}/`);
    const link = page.locator('.note.warn a').first();
    const title = await link.textContent();
    await link.click();
    expect(await page.locator('h1').textContent()).toContain(title!);
    expect(await page.locator('.note.warn').textContent()).toMatch(/still open/);
    await page.close();
  });

  it('every internal link on every page resolves', async () => {
    const seen = new Set<string>(['/']);
    const queue = ['/'];
    const broken: string[] = [];
    while (queue.length) {
      const path = queue.shift()!;
      const res = await fetch(server.url + path);
      if (res.status !== 200) {
        broken.push(path);
        continue;
      }
      if (!(res.headers.get('content-type') ?? '').includes('html')) continue;
      const html = await res.text();
      for (const m of html.matchAll(/href="(\/[^"#?]*)"/g)) {
        if (!seen.has(m[1]!)) {
          seen.add(m[1]!);
          queue.push(m[1]!);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(seen.size).toBeGreaterThan(60);
  });
});
