/**
 * `npm run build` computes the site model on a worker thread: the content check, the snapshots,
 * the engine and the Markdown bodies (model-worker.ts), while the main thread starts Astro and
 * bundles the pages, which needs none of it. The pages then take the finished model (getSite,
 * through SITE_MODEL) instead of computing it. The series move between threads without a copy.
 */
import { Worker } from 'node:worker_threads';
import type { ContentError } from '../../src/adapters/content/errors.ts';
import type { SiteModel } from '../../src/site/model.ts';
import { serviceNames } from '../../src/site/service-names.ts';

export interface ModelTask {
  root: string;
}

/** Content files taken from the cache as the last build parsed them, and files looked up in it but parsed again. */
export interface ContentCacheUse {
  reused: number;
  parsed: number;
}

export type ModelMessage =
  /** `contentCache`: how the build's content cache served it (absent without a cache). */
  | { kind: 'model'; model: Omit<SiteModel, 'serviceName'>; contentCache?: ContentCacheUse }
  /** The content is invalid: every error, as `npm run check` reports them. */
  | { kind: 'errors'; errors: ContentError[] }
  /** The content is valid but the model could not be made (a bad --as-of, an unreadable data file). */
  | { kind: 'failure'; message: string };

export type ModelOutcome = { kind: 'model'; model: SiteModel; contentCache?: ContentCacheUse } | Exclude<ModelMessage, { kind: 'model' }>;

/** Compute the model of `root` on a worker thread, whose environment is a copy of this one's now (SITREP_AS_OF, SOURCE_DATE_EPOCH). */
export function modelOffThread(root: string): Promise<ModelOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./model-worker.ts', import.meta.url), { workerData: { root } satisfies ModelTask });
    let settled = false;
    const settle = (outcome: ModelOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    // The thread ends by itself once it has saved its content cache (model-worker.ts).
    worker.once('message', (m: ModelMessage) => {
      settle(m.kind === 'model' ? { ...m, model: { ...m.model, serviceName: serviceNames(m.model.content.services) } } : m);
    });
    worker.once('error', (e) => settle({ kind: 'failure', message: `the model thread failed: ${e.message}` }));
    worker.once('exit', (code) => settle({ kind: 'failure', message: `the model thread ended (exit code ${code}) before sending the model` }));
  });
}
