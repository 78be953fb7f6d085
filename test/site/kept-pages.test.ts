/**
 * The pages a rebuild links instead of rendering (src/site/page-keys.ts, scripts/lib/page-store.ts),
 * on the sample built for real: after edits that reach the incident, postmortem, runbook, SLO and
 * service pages through every kind of input they show (a postmortem's body and summary, a runbook's body, an
 * incident's title, a service's name, a severity's name, an SLO's description and objective, the
 * site's title, the report time, an open incident in the banner), the rebuilt site equals a cold
 * build's, byte for byte, while the pages the edit did not reach were linked, not rendered. A damaged store, and another version of the
 * code, render the pages again.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeDigest } from '../../scripts/lib/page-store.ts';
import { writeOrg } from '../../scripts/lib/bench/org.ts';
import { PROJECT, buildSite, expectSameSite, sampleCopy, type BuildResult } from '../helpers/build.ts';

let root: string;
let cache: string;
let made: string[];
let cleanup: () => Promise<unknown>;

beforeAll(async () => {
  ({ root, cache, made, cleanup } = await sampleCopy('kept'));
});
afterAll(() => cleanup?.());

/** Build the sample copy with the shared cache (or a fresh one: a cold build); how many keyed pages were linked. */
async function build(cold = false, args: string[] = []): Promise<BuildResult & { linked: number }> {
  const dir = cold ? await mkdtemp(join(tmpdir(), 'sitrep-kept-cold-')) : cache;
  const r = await buildSite(['--root', root, ...args], { SITREP_CACHE_DIR: dir });
  made.push(r.out, ...(cold ? [dir] : []));
  expect(r.code, r.stderr).toBe(0);
  const linked = /pages: built in [\d.]+ s, (\d+) unchanged since the last build/.exec(r.stdout);
  return { ...r, linked: linked ? Number(linked[1]) : 0 };
}

/** Rebuild with the cache and build cold; expect the same site; the rebuild's count of linked pages. */
async function rebuildMatchesCold(args: string[] = []): Promise<number> {
  const rebuilt = await build(false, args);
  const cold = await build(true, args);
  expect(cold.linked).toBe(0);
  expect(await expectSameSite(cold.out, rebuilt.out)).toBeGreaterThan(100);
  return rebuilt.linked;
}

const edit = async (file: string, change: (text: string) => string) => {
  const path = join(root, file);
  const before = await readFile(path, 'utf8');
  const after = change(before);
  expect(after, file).not.toBe(before);
  await writeFile(path, after);
};

describe('a rebuild links the pages whose inputs did not change', () => {
  let keyed: number;

  it('links every keyed page when nothing changed, and writes the same site', { timeout: 60_000 }, async () => {
    const first = await build();
    expect(first.linked).toBe(0);
    const incidents = (await readdir(join(root, 'content/incidents'))).length;
    const postmortems = (await readdir(join(root, 'content/postmortems'))).length;
    const runbooks = (await readdir(join(root, 'content/runbooks'))).length;
    const slos = (await readdir(join(first.out, 'slos'), { withFileTypes: true })).filter((e) => e.isDirectory()).length;
    const services = (await readdir(join(root, 'content/services'))).length;
    // Every page of /reports/ but the index: the period reports and their frozen versions.
    const reports = (await readdir(join(first.out, 'reports'), { recursive: true })).filter((f) => f.endsWith('index.html')).length - 1;
    // The incident history's and the tracker's pages after the first (/outages/ itself is not keyed).
    const later = async (dir: string) => (await readdir(join(first.out, 'outages', dir)).catch(() => [])).length;
    keyed = incidents + postmortems + runbooks + slos + services + reports + (await later('history')) + (await later('services'));
    expect(reports).toBeGreaterThan(3);
    const again = await build();
    expect(again.linked).toBe(keyed);
    expect(await expectSameSite(first.out, again.out)).toBeGreaterThan(100);
  });

  it('renders again what a postmortem\'s body and summary and a runbook\'s body reach, and only that', { timeout: 90_000 }, async () => {
    await edit('content/postmortems/2026-10-27-checkout-db-failover.md', (t) => t.replace('The failover itself\nworked as designed.', 'The failover itself\nworked as designed, twice checked.').replace('## Impact', 'Added at the end of the summary.\n\n## Impact'));
    await edit('content/runbooks/checkout-errors.md', (t) => `${t}\nOne more step, added between two builds.\n`);
    // The postmortem's page, its incident's page (it shows the summary) and the runbook's page.
    expect(await rebuildMatchesCold()).toBe(keyed - 3);
  });

  it('renders again what an SLO\'s description reaches (its page), and what its objective reaches', { timeout: 90_000 }, async () => {
    await edit('content/slos/identity-admin-api.yaml', (t) => t.replace('description: >-', 'description: >-\n  Edited between two builds.'));
    expect(await rebuildMatchesCold()).toBe(keyed - 1);
    await edit('content/slos/identity-admin-api.yaml', (t) => t.replace(/^objective: .*$/m, 'objective: 99.5'));
    const linked = await rebuildMatchesCold();
    expect(linked).toBeGreaterThan(0);
    expect(linked).toBeLessThan(keyed - 1);
  });

  it('renders again what an incident\'s title, a service\'s name and a severity\'s name reach', { timeout: 90_000 }, async () => {
    await edit('content/incidents/2026-11-04-search-cluster-yellow.yaml', (t) => t.replace('title: Search cluster running without replicas', 'title: Search cluster ran without replicas'));
    await edit('content/services/payments.yaml', (t) => t.replace(/^name: .*$/m, 'name: Payments Gateway'));
    await edit('content/severities.yaml', (t) => t.replace('name: Major', 'name: Major (renamed)'));
    const linked = await rebuildMatchesCold();
    expect(linked).toBeGreaterThan(0);
    expect(linked).toBeLessThan(keyed - 3);
  });

  it('renders every page again when what the layout shows changes: the site\'s title, the report time, an open incident', { timeout: 120_000 }, async () => {
    await edit('content/site.yaml', (t) => t.replace('title: Acme Shop Reliability', 'title: Acme Shop Reliability Reports'));
    expect(await rebuildMatchesCold()).toBe(0);
    await build();
    expect(await rebuildMatchesCold(['--as-of', '2026-11-10T00:00:00Z'])).toBe(0);
    await build();
    await edit('content/incidents/2026-11-04-search-cluster-yellow.yaml', (t) => t.replace('status: resolved', 'status: identified').replace(/^resolved_at: .*\n/m, '').replace(/^mitigated_at: .*\n/m, ''));
    expect(await rebuildMatchesCold()).toBe(0);
  });

  it('renders a page again when its kept copy is gone', { timeout: 60_000 }, async () => {
    await build();
    const files = join(cache, 'sitrep-pages', 'files');
    await rm(join(files, (await readdir(files))[0]!));
    expect(await rebuildMatchesCold()).toBe(keyed - 1);
  });
});

/** The keyed pages of a built site (those a rebuild may link), by path: every page under a keyed route, not the sections' indexes. */
async function keyedPages(site: string): Promise<string[]> {
  const pages = (await readdir(site, { recursive: true })).filter((f) => f.endsWith('index.html'));
  return pages.sort().filter((f) => /^(incidents|postmortems|runbooks|slos|services|reports)\/.+\/index\.html$|^outages\/(history|services)\/\d+\/index\.html$/.test(f));
}

describe('a rebuild at a size with pages of the incident history and of the tracker after the first', () => {
  it('links those pages, renders exactly the keyed pages an edit changes, and writes what a cold build writes', { timeout: 120_000 }, async () => {
    const org = await mkdtemp(join(tmpdir(), 'sitrep-kept-org-'));
    const orgCache = await mkdtemp(join(tmpdir(), 'sitrep-kept-org-cache-'));
    made.push(org, orgCache);
    // 60 services and 250 incidents: 2 pages of the tracker, 3 of the history.
    await writeOrg(org, { services: 60, slos: 6, incidents: 250, postmortems: 10, runbooks: 4 }, PROJECT);
    const orgBuild = async (dir: string) => {
      const r = await buildSite(['--root', org], { SITREP_CACHE_DIR: dir });
      made.push(r.out);
      expect(r.code, r.stderr).toBe(0);
      return { out: r.out, linked: Number(/pages: built in [\d.]+ s(?:, (\d+) unchanged)?/.exec(r.stdout)?.[1] ?? 0) };
    };
    const first = await orgBuild(orgCache);
    const keyed = await keyedPages(first.out);
    expect(keyed.filter((f) => f.startsWith('outages/'))).toEqual(['outages/history/2/index.html', 'outages/history/3/index.html', 'outages/services/2/index.html']);
    expect((await orgBuild(orgCache)).linked).toBe(keyed.length);
    // The oldest incident: on the history's last page, on its service's page, its postmortem's.
    const file = join(org, 'content/incidents/inc-00000.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: "Synthetic incident 0:', 'title: "Synthetic incident 0, renamed:'));
    const rebuilt = await orgBuild(orgCache);
    const cold = await orgBuild(await mkdtemp(join(tmpdir(), 'sitrep-kept-org-cold-')));
    expect(await expectSameSite(cold.out, rebuilt.out)).toBeGreaterThan(500);
    const changed: string[] = [];
    for (const f of keyed) if (!(await readFile(join(first.out, f))).equals(await readFile(join(rebuilt.out, f)))) changed.push(f);
    expect(changed).toContain('outages/history/3/index.html');
    expect(changed).toContain('incidents/inc-00000/index.html');
    expect(rebuilt.linked).toBe(keyed.length - changed.length);
  });
});

describe('what a keyed page reads', () => {
  it('the keyed routes, the layout and the components they use read the model only through their inputs', async () => {
    const routes = [
      'src/pages/incidents/[id].astro', 'src/pages/postmortems/[id].astro', 'src/pages/runbooks/[id].astro', 'src/pages/slos/[id].astro', 'src/pages/services/[id].astro',
      'src/pages/reports/[period].astro', 'src/pages/reports/[period]/[version].astro', 'src/pages/outages/history/[page].astro', 'src/pages/outages/services/[page].astro',
    ];
    const components = new Set<string>();
    /** Every .astro file `file` imports, and what those import, by path from the project. */
    const collect = async (file: string) => {
      for (const [, rel] of (await readFile(join(PROJECT, file), 'utf8')).matchAll(/from '(\.{1,2}\/[^']+\.astro)'/g)) {
        const path = join(dirname(file), rel!);
        if (!components.has(path)) {
          components.add(path);
          await collect(path);
        }
      }
    };
    for (const route of routes) {
      const text = await readFile(join(PROJECT, route), 'utf8');
      await collect(route);
      // After getStaticPaths: the model is read once, for the page's inputs.
      const render = text.slice(text.indexOf('\n}\n', text.indexOf('function getStaticPaths')));
      expect(render.match(/getSite\(\)/g), route).toHaveLength(1);
      expect(render, route).toMatch(/= (await )?\w+PageInputs\(await getSite\(\)/);
      expect(render, route).not.toMatch(/\bsite\./);
    }
    expect([...components].sort()).toEqual([
      'BadgeEmbed', 'DayBars', 'Distribution', 'History', 'IncidentHistory', 'PeriodReport', 'ReportSloTable', 'ReportVersions',
      'SeverityBadge', 'SloChart', 'SloTable', 'StatusBadge', 'TrackerPager',
    ].map((c) => `src/components/${c}.astro`).concat('src/layouts/Base.astro'));
    for (const c of components) {
      const text = await readFile(join(PROJECT, c), 'utf8');
      const reads = text.match(/getSite\(\)/g) ?? [];
      if (c.endsWith('Base.astro')) expect(text).toMatch(/= layoutInputs\(await getSite\(\), base\)/);
      expect(reads.length, c).toBe(c.endsWith('Base.astro') ? 1 : 0);
      expect(text, c).not.toMatch(/\bsite\./);
    }
  });
});

describe('the digest of the code the pages are rendered by', () => {
  it('changes with a file of src/ or scripts/, the lockfile (or its absence), and the site\'s URL and base path', async () => {
    const project = await mkdtemp(join(tmpdir(), 'sitrep-code-'));
    made.push(project);
    for (const f of ['astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'src/pages/a.astro', 'scripts/b.ts']) {
      await cp(join(PROJECT, 'README.md'), join(project, f), { recursive: true });
    }
    const first = await codeDigest(project);
    expect(await codeDigest(project)).toBe(first);
    const seen = new Set([first]);
    for (const f of ['src/pages/a.astro', 'scripts/b.ts', 'package-lock.json']) {
      await writeFile(join(project, f), `${await readFile(join(project, f), 'utf8')}.`);
      seen.add(await codeDigest(project));
    }
    await writeFile(join(project, 'src/new.ts'), '');
    seen.add(await codeDigest(project));
    // A copy without the lockfile builds too, under a digest of its own.
    await rm(join(project, 'package-lock.json'));
    seen.add(await codeDigest(project));
    const env = { site: process.env.SITREP_SITE, base: process.env.SITREP_BASE };
    try {
      process.env.SITREP_SITE = 'https://example.com';
      seen.add(await codeDigest(project));
      process.env.SITREP_BASE = '/sub/';
      seen.add(await codeDigest(project));
    } finally {
      if (env.site === undefined) delete process.env.SITREP_SITE;
      else process.env.SITREP_SITE = env.site;
      if (env.base === undefined) delete process.env.SITREP_BASE;
      else process.env.SITREP_BASE = env.base;
    }
    expect(seen.size).toBe(8);
  });
});
