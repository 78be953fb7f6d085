/**
 * The README is long (setup, formats, every figure's definition, performance, security): its
 * contents list must name every section, and every link to a heading (`[x](#anchor)`) must reach
 * one, with anchors made as GitHub makes them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/build.ts';

const readme = await readFile(join(PROJECT, 'README.md'), 'utf8');

/** The README's lines outside fenced code blocks (a postmortem template's `## Summary` is no section). */
const prose = (() => {
  let fenced = false;
  return readme.split('\n').filter((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
})();

/** GitHub's anchor for a heading: lower case, punctuation dropped (hyphens and underscores kept), spaces as hyphens. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');

const headings = prose.filter((l) => /^#{1,6} /.test(l)).map((l) => ({ level: /^#+/.exec(l)![0].length, text: l.replace(/^#+ /, '') }));
const anchors = new Set<string>();
for (const h of headings) {
  const base = slug(h.text);
  let anchor = base;
  for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
  anchors.add(anchor);
}

describe('README', () => {
  it('links only to headings it has', () => {
    const links = [...prose.join('\n').matchAll(/\]\(#([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(30);
    expect(links.filter((a) => !anchors.has(a))).toEqual([]);
  });

  it('lists every section in its contents, in order', () => {
    const start = prose.indexOf('## Contents');
    expect(start).toBeGreaterThan(0);
    const list = [];
    for (const line of prose.slice(start + 1)) {
      if (line.startsWith('#')) break;
      const m = /^- \[.+?\]\(#([^)]+)\)/.exec(line);
      if (m) list.push(m[1]);
    }
    const sections = headings.filter((h) => h.level === 2 && h.text !== 'Contents').map((h) => slug(h.text));
    expect(list).toEqual(sections);
  });
});
