/**
 * How the build hands the pages a model computed on another thread, and hears when the pages have
 * it. On globalThis because the pages use Vite's bundled copy of model.ts; in a module of their
 * own so the build script can set them without loading the model's code.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Digested } from './digested.ts';
import type { SiteModel } from './model.ts';

/**
 * Set by `npm run build` (scripts/lib/prefetch-charts.ts): given each chart of the SLO pages this build
 * renders, as their route lists them, to draw it ahead on other cores while the other pages render.
 */
export const DRAW_AHEAD = Symbol.for('sitrep.draw-ahead');

/** The model computed elsewhere, when the build set it: `npm run build` computes it on another thread (scripts/lib/model-thread.ts). */
export const SITE_MODEL = Symbol.for('sitrep.site-model');

/** Set by `npm run build`, which writes the data files itself (src/site/data-files.ts): their routes list no paths. */
export const DATA_FILES_BY_BUILD = Symbol.for('sitrep.data-files-by-build');

/** Set by `npm run build` (scripts/lib/page-store.ts): the pages the last build rendered, which this one links instead of rendering when nothing they show changed (page-keys.ts). */
export const PAGE_STORE = Symbol.for('sitrep.page-store');

export interface PageStore {
  /**
   * Record a keyed page of this build, by the file it is written to (relative to the site) and the
   * digest of what it shows; true when the store holds that file as the last build rendered it from
   * the same digest and the same code, so the page is linked from there and not rendered.
   */
  take(file: string, key: string): boolean;
  /** A route has listed every page it has (the store may start linking those it gives). */
  listed(): void;
}

export type ModelHooks = { [DRAW_AHEAD]?: (chart: Digested<TopLevelSpec>) => void; [SITE_MODEL]?: Promise<SiteModel>; [DATA_FILES_BY_BUILD]?: boolean; [PAGE_STORE]?: PageStore };
