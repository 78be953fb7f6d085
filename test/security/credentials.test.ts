/**
 * Issue 15, item 3: the build holds no credentials. The built-site tests of hostile content are in
 * test/site/site.test.ts, beside the other builds, because builds of one project must not run in parallel.
 */
import { describe, expect, it } from 'vitest';
import { dropCredentials } from '../../scripts/lib/cli.ts';

describe('the build holds no credentials', () => {
  it('drops every PROMETHEUS_* variable from its environment, and keeps the rest', () => {
    const env: NodeJS.ProcessEnv = { PROMETHEUS_URL: 'http://u:p@prom:9090', PROMETHEUS_BEARER_TOKEN: 't', PROMETHEUS_HEADERS: 'X-Scope-OrgID=a', SITREP_ROOT: '/r', PATH: '/bin' };
    dropCredentials(env);
    expect(env).toEqual({ SITREP_ROOT: '/r', PATH: '/bin' });
  });
});
