/**
 * Issue 15, item 2: an error quotes at most a short, redacted prefix of a value, on one line, so a
 * value cannot flood CI, leak a credential or forge another `file:line` line or annotation.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUOTE_CHARS, formatError, githubAnnotation, quote } from '../../src/adapters/content/errors.ts';
import { fixture } from '../helpers/fixture.ts';
import { SERVICE, errorsOf, original, runCheck } from './helpers.ts';

describe('quote', () => {
  it('shows at most 60 characters of a value, and its length', () => {
    expect(QUOTE_CHARS).toBe(60);
    expect(quote('x'.repeat(100_000))).toBe(`"${'x'.repeat(60)}"… (100,000 characters)`);
    expect(quote('short')).toBe('"short"');
  });

  it('escapes line breaks', () => {
    expect(quote('a\nb\rc')).toBe('"a\\nb\\rc"');
  });
});

describe('error messages', () => {
  it('a 100,000-character value of the wrong type is quoted by a 60-character prefix, on one short line', async () => {
    const { lines } = await errorsOf({ 'content/site.yaml': 'title: T\nlimits: { field_chars: 200000 }\n', [SERVICE]: (t) => t.replace('tier: 1', `tier: ${'z'.repeat(100_000)}`) });
    expect(lines).toEqual([`${SERVICE}:5:7 tier: must be a number, got string "${'z'.repeat(60)}"… (100,000 characters)`]);
  });

  it('a file name holding a line break cannot forge a file:line line or a GitHub annotation', async () => {
    const fx = await fixture();
    const forged = 'db.yaml:1:1 all good';
    const name = `x\n${forged}\n::error file=db.yaml::forged.yaml`;
    const shown = 'content/services/x\\ndb.yaml:1:1 all good\\n::error file=db.yaml::forged.yaml';
    try {
      await writeFile(join(fx.root, 'content/services', name), await original(SERVICE));
      const r = await runCheck(fx.root, { GITHUB_ACTIONS: 'true' });
      expect(r.code).toBe(1);
      const lines = r.stderr.split('\n');
      expect(lines).not.toContain(forged);
      expect(lines.filter((l) => l.startsWith('content/'))).toEqual([
        `${shown}:1:5 id: duplicate service id "api": already used in content/services/api.yaml:1`,
        `${shown}:1:5 id: is "api" but the file is named x\\ndb.yaml:1:1 all good\\n::error file=db.yaml::forged.yaml: rename one so they match`,
      ]);
      const annotations = r.stdout.split('\n').filter((l) => l.includes('::'));
      expect(annotations).toHaveLength(2);
      for (const a of annotations) expect(a).toMatch(/^::error file=content\/services\/x\\ndb\.yaml%3A1%3A1 all good\\n%3A%3Aerror file=db\.yaml%3A%3Aforged\.yaml,line=1,col=5,title=sitrep%3A id::/);
    } finally {
      await fx.cleanup();
    }
  });

  it('a YAML key holding a line break is printed escaped', async () => {
    const { errors } = await errorsOf({ [SERVICE]: (t) => `${t}"x\\ncontent/services/db.yaml:1:1 fine": 1\n` });
    expect(errors.map(formatError)).toEqual([`${SERVICE}:10:1 x\\ncontent/services/db.yaml:1:1 fine: unknown field (check its spelling and indentation)`]);
    expect(githubAnnotation(errors[0]!)).not.toMatch(/\n/);
  });

  it('a credential of the environment is redacted wherever a value quotes it', async () => {
    const token = 'tok-2b7e1516-28ae-d2a6';
    const fx = await fixture({ [SERVICE]: (t) => t.replace('tier: 1', `tier: ${token}`) });
    try {
      const r = await runCheck(fx.root, { PROMETHEUS_BEARER_TOKEN: token, GITHUB_ACTIONS: 'true' });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${SERVICE}:5:7 tier: must be a number, got string "[REDACTED]"`);
      expect(r.stderr + r.stdout).not.toContain(token);
    } finally {
      await fx.cleanup();
    }
  });
});
