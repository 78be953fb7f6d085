/**
 * Parsing on several threads (src/adapters/content/parse-pool.ts) must change nothing but the
 * time: the same entries in the same order, the same errors at the same file, line and column
 * (cross-file errors too, whose positions a helper's values find by reading their file again),
 * and the same rendered Markdown.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent, type LoadResult } from '../../src/adapters/content/load.ts';
import { openParsePool, type ParsePool } from '../../src/adapters/content/parse-pool.ts';
import { keepParsedBodies } from '../../src/adapters/content/parsed-bodies.ts';
import { renderBodies } from '../../src/site/bodies.ts';
import { BROKEN_CONTENT } from '../helpers/broken-content.ts';
import { fixture } from '../helpers/fixture.ts';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

/** What a parse decides: every value, invalid id and error (the SLOs are not parsed by the pool). */
const decided = ({ content, errors }: LoadResult) => ({ incidents: content.incidents, postmortems: content.postmortems, runbooks: content.runbooks, errors });

let pool: ParsePool;
beforeAll(() => {
  // Two helpers and no minimum: every folder is split in three, even the sample's.
  pool = openParsePool(2, 0);
});
afterAll(() => pool.close());

describe('parsing content on several threads', () => {
  it('loads the sample exactly as one thread does, bodies rendered alike', async () => {
    keepParsedBodies();
    const one = await loadContent(PROJECT);
    const oneHtml = await renderBodies(one.content);
    const many = await loadContent(PROJECT, { pool });
    const manyHtml = await renderBodies(many.content);
    expect(many.content.incidents.length).toBeGreaterThan(3);
    expect(decided(many)).toEqual(decided(one));
    expect([...manyHtml]).toEqual([...oneHtml]);
    expect([...manyHtml.values()].every((h) => h.length > 0)).toBe(true);
  });

  it('reports the same errors at the same places, cross-file ones included, in the same order', async () => {
    // Cross-file errors among them: an unknown service, located on its line by reading the file again.
    const fx = await fixture(BROKEN_CONTENT);
    try {
      const one = await loadContent(fx.root);
      const many = await loadContent(fx.root, { pool });
      expect(one.errors.map((e) => e.file)).toEqual(
        expect.arrayContaining(['content/incidents/a-unknown-service.yaml', 'content/incidents/b-bad-severity.yaml', 'content/incidents/c-broken-yaml.yaml', 'content/incidents/d-unknown-postmortem.yaml', 'content/postmortems/2026-10-03-api-outage.md']),
      );
      const unknown = one.errors.find((e) => e.file === 'content/incidents/a-unknown-service.yaml')!;
      expect([unknown.line, unknown.column]).toEqual([6, 5]);
      expect(decided(many)).toEqual(decided(one));
    } finally {
      await fx.cleanup();
    }
  });

  it('parses on this thread what a helper that died was given, and gives it nothing more', async () => {
    const dying = openParsePool(2, 0, { script: new URL('../helpers/dying-parse-worker.ts', import.meta.url) });
    try {
      const one = await loadContent(PROJECT);
      // Three folders in a row: the first finds the helpers dying, the others find them dead.
      const many = await loadContent(PROJECT, { pool: dying });
      expect(decided(many)).toEqual(decided(one));
    } finally {
      await dying.close();
    }
  });
});
