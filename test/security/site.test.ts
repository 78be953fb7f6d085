/**
 * Issue 15, items 1, 3 and 4, end to end: a hostile runbook or postmortem, built as CI builds a
 * pull request, publishes no script, no event handler and no javascript: URL, and runs nothing.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropCredentials } from '../../scripts/lib/cli.ts';
import { buildSite } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';
import { POSTMORTEM, RUNBOOK, runbookWith } from './helpers.ts';

const HOSTILE = [
  '<script>alert("pwned")</script>',
  '<img src=x onerror="alert(1)">',
  '<iframe src="https://evil.example.com"></iframe>',
  '<svg><script>alert(2)</script></svg>',
  '<a href="javascript:alert(3)" onclick="alert(4)">click</a>',
  '<div onmouseover="alert(5)">hover</div>',
].join('\n\n');

/** A build takes about 20 s alone; leave room for a loaded machine. */
const BUILD_TIMEOUT = 180_000;

const outs: string[] = [];
afterAll(async () => {
  await Promise.all(outs.map((o) => rm(o, { recursive: true, force: true })));
});

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

describe('the build holds no credentials', () => {
  it('drops every PROMETHEUS_* variable from its environment, and keeps the rest', () => {
    const env: NodeJS.ProcessEnv = { PROMETHEUS_URL: 'http://u:p@prom:9090', PROMETHEUS_BEARER_TOKEN: 't', PROMETHEUS_HEADERS: 'X-Scope-OrgID=a', SITREP_ROOT: '/r', PATH: '/bin' };
    dropCredentials(env);
    expect(env).toEqual({ SITREP_ROOT: '/r', PATH: '/bin' });
  });
});

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
    for (const page of pages) {
      const html = await readFile(page, 'utf8');
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
