/**
 * The pages a rebuild links from the last build instead of rendering them: the incident, postmortem,
 * runbook, SLO and service pages, the incident history's and the tracker's pages after the first, and
 * the period reports with their frozen versions, 14,113 of the 14,126 at the large size. Each such route lists its pages
 * through `keyedPaths`, with the page's inputs: one plain object holding every value the page
 * shows that comes from the site model, which the page then renders from, and nothing else. A
 * page's key is the digest of its inputs and of the layout's (title, report time, build facts,
 * the "Affected now" banner, the time zone: every page shows them). `npm run build` keeps each
 * keyed page it writes under that key and the digest of sitrep's code (scripts/lib/page-store.ts);
 * the next build leaves out of `getStaticPaths()` every page whose key and code are unchanged and
 * links the kept file instead. A page that read the model beside its inputs could go stale without
 * an error, so keyed pages read only these; the tests rebuild the sample after an edit of each
 * kind of file and compare every file with a cold build's.
 */
import { createHash } from 'node:crypto';
import type { HistoryStatus, FileHistory } from '../adapters/git/history.ts';
import { timeZone, utc } from './format.ts';
import type { SiteModel } from './model.ts';
import { PAGE_STORE, type ModelHooks } from './model-hooks.ts';
import { perBuild } from './per-build.ts';
import { builtFromLabel } from './reports.ts';
import { bannerView, type BannerView } from './tracker.ts';

/**
 * The digest of a page's inputs. Throws on a value JSON would not write out in full (a Map, a Set,
 * a typed array, a function, undefined in a list, a number that is not finite), so an input cannot
 * drop out of its key unseen.
 */
export function pageKey(inputs: unknown): string {
  const json = JSON.stringify(inputs, (key, value: unknown) => {
    if (value instanceof Map || value instanceof Set || ArrayBuffer.isView(value) || typeof value === 'function' || typeof value === 'bigint' || typeof value === 'symbol') {
      throw new TypeError(`pageKey: the input "${key}" is not plain data (${Object.prototype.toString.call(value)})`);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`pageKey: the input "${key}" is ${value}`);
    return value;
  });
  return createHash('sha256').update(json ?? 'undefined').digest('base64url');
}

/** What the layout (src/layouts/Base.astro) shows around every page. */
export interface LayoutInputs {
  base: string;
  title: SiteSettings['title'];
  description: SiteSettings['description'];
  organisation: SiteSettings['organisation'];
  /** "commit 1a2b3c4 (…)": what the site is built from. */
  built: string;
  asOfLabel: string;
  /** The report time, formatted, and as ISO for `<time datetime>`. */
  asOf: string;
  asOfIso: string;
  zone: string;
  banner: BannerView;
}

type SiteSettings = SiteModel['content']['site'];

const layouts = perBuild<LayoutInputs>();

export function layoutInputs(site: SiteModel, base: string): LayoutInputs {
  return layouts(site, base, () => ({
    base,
    title: site.content.site.title,
    description: site.content.site.description,
    organisation: site.content.site.organisation,
    built: builtFromLabel(site.builtFrom),
    asOfLabel: site.asOfSource === 'option' ? 'report as of' : site.asOfSource === 'data' ? 'data as of' : 'as of',
    asOf: utc(site.asOf),
    asOfIso: new Date(site.asOf * 1000).toISOString(),
    zone: timeZone(),
    banner: bannerView(site, base),
  }));
}

const layoutKeys = perBuild<string>();

/** The layout's key, computed once per build and folded into every page's. */
const layoutKey = (site: SiteModel, base: string): string => layoutKeys(site, base, () => pageKey(layoutInputs(site, base)));

/** A keyed page for `keyedPaths`: its params, the file it is written to (relative to the site) and its inputs. */
export interface KeyedPage<P, I> {
  params: P;
  file: string;
  inputs: () => I | Promise<I>;
}

/**
 * What a keyed route's getStaticPaths() returns: every page, or under `npm run build` those its
 * page store cannot give (the store links the others into the site while Astro renders these).
 * `toRender` is given the inputs of each page that will be rendered (under `npm run build`).
 */
export async function keyedPaths<P, I>(site: SiteModel, base: string, pages: readonly KeyedPage<P, I>[], toRender?: (inputs: I) => void): Promise<{ params: P }[]> {
  const store = (globalThis as ModelHooks)[PAGE_STORE];
  if (!store) return pages.map(({ params }) => ({ params }));
  const layout = layoutKey(site, base);
  const render: { params: P }[] = [];
  for (const page of pages) {
    const inputs = await page.inputs();
    if (store.take(page.file, pageKey([layout, inputs]))) continue;
    render.push({ params: page.params });
    toRender?.(inputs);
  }
  store.listed();
  return render;
}

/** What the history section of a page (src/components/History.astro) shows for one content file. */
export interface HistoryInputs {
  file: string;
  status: HistoryStatus;
  /** null when the file is not committed yet (or history is unavailable). */
  history: FileHistory | null;
  /** The "Edit this page" link, when the site names its repository. */
  edit: string | null;
}

export function historyInputs(site: SiteModel, file: string): HistoryInputs {
  const repo = site.content.site.repository;
  return {
    file,
    status: site.history.status,
    history: site.history.files.get(file) ?? null,
    edit: repo ? `${repo.url}/edit/${repo.branch}/${file}` : null,
  };
}
