/**
 * The search index in shards (scripts/lib/search-index.ts), on the sample built for real: every
 * searchable page is in exactly one shard, the one its path gives; a search in Chromium over the
 * shards finds what a search over one index finds; a rebuild after an edit indexes only the shard
 * whose page changed, takes the others from the cache, and writes what a cold build writes, byte
 * for byte; a damaged kept shard, or another shard size, is built again.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../scripts/lib/search-index.ts';
import { buildSite, expectSameSite, readJson, sampleCopy, type BuildResult } from '../helpers/build.ts';
import { serveStatic } from '../helpers/static-server.ts';

let root: string;
let cache: string;
let made: string[];
let cleanup: () => Promise<unknown>;
let browser: Browser;

beforeAll(async () => {
  ({ root, cache, made, cleanup } = await sampleCopy('shards'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
afterAll(async () => {
  await browser?.close();
  await cleanup?.();
});

/** Build the sample copy with `pages` a shard, and the cache given (a fresh one by default). */
async function build(pages: number, withCache = cache): Promise<BuildResult> {
  const r = await buildSite(['--root', root], { SITREP_SEARCH_SHARD_PAGES: String(pages), SITREP_CACHE_DIR: withCache });
  expect(r.code, r.stderr).toBe(0);
  made.push(r.out);
  return r;
}
const freshCache = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-shards-cold-'));
  made.push(dir);
  return dir;
};

/** The site's pages that carry Pagefind's body mark, in whatever form, as URLs. */
async function searchable(site: string): Promise<string[]> {
  const files = (await readdir(site, { recursive: true })).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'));
  const marked = [];
  for (const f of files) if (/<[a-z]+\s[^>]*\bdata-pagefind-body\b/.test(await readFile(join(site, f), 'utf8'))) marked.push(f);
  return marked.map((f) => `/${f.replace(/index\.html$/, '')}`).sort();
}

/** Per shard listed in shards.json, the URLs of the pages its fragments hold. */
async function shardUrls(site: string): Promise<string[][]> {
  const { shards } = await readJson<{ shards: string[] }>(join(site, 'pagefind/shards.json'));
  return Promise.all(shards.map(async (s) => {
    const folder = join(site, 'pagefind', s, 'fragment');
    const urls = await Promise.all((await readdir(folder)).map(async (f) => (JSON.parse(gunzipSync(await readFile(join(folder, f))).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string }).url));
    return urls.sort();
  }));
}

/** The result URLs of a search in Chromium on the served site, every result listed. */
async function search(site: string, q: string): Promise<string[]> {
  const server = await serveStatic(site);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => (m.type() === 'error' ? problems.push(m.text()) : undefined));
    page.on('response', (r) => (r.status() >= 400 ? problems.push(`HTTP ${r.status()}: ${r.url()}`) : undefined));
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => /result/.test(document.getElementById('search-status')?.textContent ?? ''));
    while ((await page.locator('#search-more').count()) > 0) {
      const before = await page.locator('#search-results li').count();
      await page.locator('#search-more').click();
      await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length > n, before);
    }
    expect(problems).toEqual([]);
    return (await page.locator('#search-results a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname))).sort();
  } finally {
    await context.close();
    await server.close();
  }
}

describe('the search index in shards', () => {
  let sharded: BuildResult;

  it('puts every searchable page in exactly one shard, the one its path gives', async () => {
    sharded = await build(20);
    const pages = await searchable(sharded.out);
    expect(pages.length).toBeGreaterThan(60);
    const count = Math.ceil(pages.length / 20);
    expect(sharded.stdout).toContain(`search index: ${pages.length} pages in ${count} shards`);
    const shards = await shardUrls(sharded.out);
    expect(shards).toHaveLength(count);
    expect(shards.flat().sort()).toEqual(pages);
    shards.forEach((urls, n) => {
      for (const url of urls) expect(shardOf(`${url.slice(1)}index.html`, count), url).toBe(n);
    });
  });

  it('finds in Chromium what one index finds', { timeout: 120_000 }, async () => {
    const single = await build(10_000, await freshCache());
    expect(single.stdout).toMatch(/search index: \d+ pages in 1 shard\n/);
    for (const q of ['incident', 'Patroni', 'checkout latency', 'budget']) {
      const one = await search(single.out, q);
      expect(one.length, q).toBeGreaterThan(0);
      expect(await search(sharded.out, q), q).toEqual(one);
    }
  });

  it('recovers in Chromium from a shard that failed to load: the next search lists every result once', { timeout: 60_000 }, async () => {
    const server = await serveStatic(sharded.out);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      let blocked = true;
      await page.route('**/pagefind/1/**', (route) => (blocked ? route.abort() : route.continue()));
      await page.goto(`${server.url}/search/?q=incident`);
      await page.waitForFunction(() => /could not be loaded|failed/.test(document.getElementById('search-status')?.textContent ?? ''));
      expect(await page.textContent('#search-status')).toBe('The search index could not be loaded: try again, or browse from the menu.');
      blocked = false;
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForFunction(() => /result/.test(document.getElementById('search-status')?.textContent ?? ''));
      const total = Number(/^(\d+) results/.exec((await page.textContent('#search-status'))!)![1]);
      expect(total).toBe((await search(sharded.out, 'incident')).length);
    } finally {
      await context.close();
      await server.close();
    }
  });

  it('indexes again after an edit only the shard whose page changed, and writes what a cold build writes', { timeout: 120_000 }, async () => {
    const path = join(root, 'content/postmortems/2026-10-27-checkout-db-failover.md');
    await writeFile(path, `${await readFile(path, 'utf8')}\nZanzibarquux: a word added between two builds.\n`);
    const rebuilt = await build(20);
    const count = (await shardUrls(rebuilt.out)).length;
    expect(rebuilt.stdout).toContain(`in ${count} shards, ${count - 1} unchanged since the last build`);
    const cold = await build(20, await freshCache());
    expect(cold.stdout).not.toMatch(/search index: .*unchanged/);
    expect(await expectSameSite(cold.out, rebuilt.out)).toBeGreaterThan(100);
    expect(await search(rebuilt.out, 'Zanzibarquux')).toEqual(['/postmortems/2026-10-27-checkout-db-failover/']);
  });

  it('builds a damaged kept shard again, and every shard for another shard size', { timeout: 120_000 }, async () => {
    const kept = join(cache, 'sitrep-search');
    const fragments = join(kept, '1', 'fragment');
    await rm(join(fragments, (await readdir(fragments))[0]!));
    const repaired = await build(20);
    const count = (await shardUrls(repaired.out)).length;
    expect(repaired.stdout).toContain(`in ${count} shards, ${count - 1} unchanged since the last build`);
    expect(await expectSameSite((await build(20, await freshCache())).out, repaired.out)).toBeGreaterThan(100);
    const resized = await build(40);
    expect(resized.stdout).not.toMatch(/search index: .*unchanged/);
    expect((await readdir(kept)).sort()).toEqual(['0', '1']);
  });
});
