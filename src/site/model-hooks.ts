/**
 * How the build hands the pages a model computed on another thread, and hears when the pages have
 * it. On globalThis because the pages use Vite's bundled copy of model.ts; in a module of their
 * own so the build script can set them without loading the model's code.
 */
import type { SiteModel } from './model.ts';

/** Called with the model once it is built, when the build set it (to draw the charts ahead: scripts/lib/prefetch-charts.ts). */
export const ON_SITE_MODEL = Symbol.for('sitrep.on-site-model');

/** The model computed elsewhere, when the build set it: `npm run build` computes it on another thread (scripts/lib/model-thread.ts). */
export const SITE_MODEL = Symbol.for('sitrep.site-model');

/** Set by `npm run build`, which writes the data files itself (src/site/data-files.ts): their routes list no paths. */
export const DATA_FILES_BY_BUILD = Symbol.for('sitrep.data-files-by-build');

export type ModelHooks = { [ON_SITE_MODEL]?: (site: SiteModel) => void; [SITE_MODEL]?: Promise<SiteModel>; [DATA_FILES_BY_BUILD]?: boolean };
