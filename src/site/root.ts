import { resolve } from 'node:path';

/**
 * Where content/ and data/ are read from: SITREP_ROOT (set by `--root`), default the current
 * directory. The Astro project (src/, astro.config.mjs) stays where it is, so one installation
 * can build several organisations' content, and tests can build fixtures.
 */
export function contentRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.SITREP_ROOT || process.cwd());
}
