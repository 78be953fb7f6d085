/**
 * Issue 15, items 3 (MDX), 4 (one sanitising pipeline), 5 (URLs in Markdown), 12 (size and depth)
 * and 14 (one frontmatter splitter).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPostmortem, readRunbook } from '../../src/adapters/content/documents.ts';
import type { ContentError } from '../../src/adapters/content/errors.ts';
import { keepParsedBodies, takeTree } from '../../src/adapters/content/parsed-bodies.ts';
import { renderMarkdown, splitFrontmatter } from '../../src/adapters/content/markdown.ts';
import { HOSTILE_HTML, POSTMORTEM, RUNBOOK, errorsOf, runbookWith } from './helpers.ts';

const MDX = 'content/runbooks/api-latency.mdx';
/** The runbook's frontmatter takes lines 1-9, so its body starts on line 10. */
const BODY_LINE = 10;

/** Nothing that runs: no script element, no event handler attribute, no javascript:/vbscript:/data: URL. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<iframe/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*"?\s*(javascript|vbscript|data):/i);
}

describe('one sanitising pipeline for every Markdown body', () => {
  it('raw HTML is dropped: <script>, <img onerror>, <iframe>, <svg><script>', async () => {
    const html = await renderMarkdown(`Some text.\n\n${HOSTILE_HTML}\n`);
    expect(html).toContain('<p>Some text.</p>');
    expectInert(html);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg');
  });

  it.each([
    ['an inline link', '[x](JaVaScRiPt:alert(1))'],
    ['an autolink', '<javascript:alert(1)>'],
    ['a reference link', '[x][r]\n\n[r]: javascript:alert(1)'],
    ['a vbscript: link', '[x](vbscript:msgbox(1))'],
    ['a data:text/html link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a data:image/svg+xml image', '![i](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['an entity-encoded scheme', '[x](javascript&#58;alert(1))'],
  ])('%s renders without its URL', async (_, md) => {
    expectInert(await renderMarkdown(`${md}\n`));
  });

  it('external links get rel="noopener noreferrer"; relative and mailto links stay', async () => {
    const html = await renderMarkdown('[a](https://example.com/x) [b](../services/api/) [c](mailto:oncall@example.com)\n');
    expect(html).toContain('<a href="https://example.com/x" rel="noopener noreferrer">a</a>');
    expect(html).toContain('<a href="../services/api/">b</a>');
    expect(html).toContain('<a href="mailto:oncall@example.com" rel="noopener noreferrer">c</a>');
  });

  it('dates and hyphenated names in table cells stay on one line; outside tables, and any other class, nothing changes', async () => {
    const html = await renderMarkdown(['| Due | Time | Note |', '| --- | --- | --- |', '| 2026-11-13 | 2026-10-27 18:41 UTC | moved from 2026-11-06 to **2026-11-13** |', '| CHK-412 | in-progress | a-very-long-hyphenated-name-that-may-break |', '', 'Due 2026-11-13.', ''].join('\n'));
    expect(html).toContain('<td><span class="nowrap">CHK-412</span></td>');
    expect(html).toContain('<td><span class="nowrap">in-progress</span></td>');
    // Longer than 24 characters: left to break.
    expect(html).toContain('<td>a-very-long-hyphenated-name-that-may-break</td>');
    expect(html).toContain('<td><span class="nowrap">2026-11-13</span></td>');
    expect(html).toContain('<td><span class="nowrap">2026-10-27 18:41 UTC</span></td>');
    expect(html).toContain('<td>moved from <span class="nowrap">2026-11-06</span> to <strong><span class="nowrap">2026-11-13</span></strong></td>');
    expect(html).toContain('<p>Due 2026-11-13.</p>');
    // A slug that starts with a date is one name, too long to keep whole; a 50,000-letter word is left as it is (in one pass).
    const long = 'x'.repeat(50_000);
    const odd = await renderMarkdown(`| a | b |\n| --- | --- |\n| 2026-10-27-checkout-db-failover | ${long} |\n`);
    expect(odd).toContain('<td>2026-10-27-checkout-db-failover</td>');
    expect(odd).toContain(`<td>${long}</td>`);
  });

  it('an MDX body renders only sitrep components, whatever it holds', async () => {
    const html = await renderMarkdown(
      [
        "import { execSync } from 'node:child_process'",
        'export const x = 1',
        '{execSync("id")}',
        '<script>{"alert(1)"}</script>',
        '<Callout kind="warning" title="<script>alert(5)</script>">Take care.</Callout>',
        '<Details summary="Why">Because.</Details>',
        '<Custom onClick="alert(6)">x</Custom>',
      ].join('\n\n'),
      'mdx',
    );
    expectInert(html);
    expect(html).not.toContain('execSync');
    expect(html).toContain('<aside class="callout callout-warning"><p class="callout-title">&#x3C;script>alert(5)&#x3C;/script></p>Take care.</aside>');
    expect(html).toContain('<details><summary>Why</summary>Because.</details>');
  });
});

describe('check reports unsafe URLs in Markdown at their line', () => {
  it('links, autolinks, reference definitions and images in a runbook', async () => {
    const body = '\n[x](JaVaScRiPt:alert(1))\n\n<vbscript:msgbox(1)>\n\n[r]: data:text/html,hi\n\n![i](data:image/svg+xml;base64,PHN2Zz4=)\n';
    const { lines } = await errorsOf({ [RUNBOOK]: await runbookWith(body) });
    const url = (u: string) => `may only point to an http, https or mailto URL, or a relative one, not ${JSON.stringify(u)}: it could run code in the reader's browser`;
    expect(lines).toEqual([
      `${RUNBOOK}:${BODY_LINE + 1}:1 a link ${url('JaVaScRiPt:alert(1)')}`,
      `${RUNBOOK}:${BODY_LINE + 3}:1 a link ${url('vbscript:msgbox(1)')}`,
      `${RUNBOOK}:${BODY_LINE + 5}:1 a link ${url('data:text/html,hi')}`,
      `${RUNBOOK}:${BODY_LINE + 7}:1 an image ${url('data:image/svg+xml;base64,PHN2Zz4=')}`,
    ]);
  });

  it('a javascript: link in a postmortem', async () => {
    const { lines } = await errorsOf({ [POSTMORTEM]: (t) => t.replace('## Summary\n', '## Summary\n\nSee [the logs](javascript:alert(1)).\n') });
    expect(lines).toEqual([expect.stringMatching(/^content\/postmortems\/2026-10-03-api-outage\.md:\d+:5 a link may only point to/)]);
  });
});

describe('MDX runbooks may use only sitrep components, with literal props', () => {
  const mdx = async (body: string) => (await errorsOf({ [MDX]: await runbookWith(body) })).lines;
  const at = (line: number, column: number, message: string) => `${MDX}:${BODY_LINE + line}:${column} ${message}`;

  it('an import of node:child_process is an error at its line', async () => {
    expect(await mdx("\nimport { execSync } from 'node:child_process'\n\n1. Step.\n")).toEqual([
      at(1, 1, 'import and export are not allowed in runbooks: MDX here is Markdown plus <Callout> and <Details>, which need no import'),
    ]);
  });

  it('an export and an expression reading process.env are errors at their lines', async () => {
    expect(await mdx('\nexport const x = 1\n\nToken: {process.env.PROMETHEUS_BEARER_TOKEN}\n')).toEqual([
      at(1, 1, 'import and export are not allowed in runbooks: MDX here is Markdown plus <Callout> and <Details>, which need no import'),
      at(3, 8, 'JavaScript expressions in braces are not allowed in runbooks: write the value itself (or escape the brace as \\{)'),
    ]);
  });

  it('HTML elements, unknown components, expression and spread props are errors', async () => {
    const body = '\n<script>alert(1)</script>\n\n<Shell cmd="rm -rf /" />\n\n<Callout kind={"warning"}>x</Callout>\n\n<Callout {...props}>x</Callout>\n\n<Callout kind="loud">x</Callout>\n\n<Details>x</Details>\n';
    expect(await mdx(body)).toEqual([
      at(1, 1, 'HTML elements such as <script> are not allowed in runbooks: write Markdown, or use <Callout> and <Details>'),
      at(3, 1, 'unknown component <Shell>: runbooks may use <Callout> and <Details>, without importing them'),
      at(5, 1, '<Callout kind> must be a literal string, e.g. kind="…", not an expression'),
      at(7, 1, '<Callout> takes literal props only, not {...spread}'),
      at(9, 1, '<Callout kind> must be one of note, tip, warning, danger'),
      at(11, 1, '<Details> needs the prop summary="…"'),
    ]);
  });

  it('an MDX syntax error is one error at its line', async () => {
    expect(await mdx('\n<Unclosed\n\n1. step\n')).toEqual([expect.stringMatching(new RegExp(`^${MDX}:${BODY_LINE + 3}:1 MDX: Unexpected character`))]);
  });

  it('the documented components with literal props are accepted', async () => {
    expect(await mdx('\n<Callout kind="danger" title="Stop">\nDo **not** restart the primary.\n</Callout>\n\n<Details summary="Why">\nBecause.\n</Details>\n')).toEqual([]);
  });
});

describe('Markdown size and depth limits', () => {
  const pm = async (body: string, site?: string) =>
    (await errorsOf({ [POSTMORTEM]: (t) => t.replace('## Summary\n', `## Summary\n\n${body}\n`), ...(site ? { 'content/site.yaml': site } : {}) })).lines;
  const SUMMARY_LINE = 11;

  it('20,000 nested > fail fast with one clear error, not a stack overflow', async () => {
    expect(await pm(`${'>'.repeat(20_000)} deep`)).toEqual([
      `${POSTMORTEM}:${SUMMARY_LINE}:1 block quotes and lists nest 20000 deep here, more than the 16 allowed (limits.markdown_depth in content/site.yaml)`,
    ]);
  });

  it('a 3,000-level nested list (9 MB of indentation) fails fast on its size', async () => {
    const list = Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    expect(await pm(list)).toEqual([`${POSTMORTEM}:1:1 is 8.6 MiB, more than the 128 KiB a content file may have (limits.file_kb in content/site.yaml)`]);
  });

  it('a 1,000-level nested list within the largest size allowed fails fast on its depth', async () => {
    const list = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- ${i}`).join('\n');
    expect(await pm(list, 'title: T\nlimits: { file_kb: 1024 }\n')).toEqual([
      `${POSTMORTEM}:${SUMMARY_LINE + 16}:1 block quotes and lists nest 17 deep here, more than the 16 allowed (limits.markdown_depth in content/site.yaml)`,
    ]);
  });

  it('a nested list inside a block quote is measured too', async () => {
    const list = Array.from({ length: 40 }, (_, i) => `> ${'  '.repeat(i)}- level ${i}`).join('\n');
    expect((await pm(list))[0]).toMatch(/nest 17 deep here, more than the 16 allowed/);
  });

  it('3,000 list markers on one line, and a runbook, are refused the same way', async () => {
    expect((await pm(`${'- '.repeat(3000)}x`))[0]).toMatch(/:11:1 block quotes and lists nest 3000 deep here/);
    const { lines } = await errorsOf({ [RUNBOOK]: await runbookWith(`\n${'> '.repeat(5000)}x\n`) });
    expect(lines).toEqual([`${RUNBOOK}:${BODY_LINE + 1}:1 block quotes and lists nest 5000 deep here, more than the 16 allowed (limits.markdown_depth in content/site.yaml)`]);
  });

  it('20,000 emphasis markers in one paragraph are refused before the parser spends minutes on them', async () => {
    expect(await pm('*a'.repeat(20_000))).toEqual([
      `${POSTMORTEM}:${SUMMARY_LINE}:1 this paragraph holds more than 1,000 emphasis markers (*, _ or ~), which Markdown is too slow to read: split it with blank lines, or put code in a fenced block with blank lines around it`,
    ]);
  });

  it('the depth limit is set in content/site.yaml', async () => {
    const list = Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    expect((await pm(list))[0]).toMatch(/nest 17 deep here, more than the 16 allowed/);
    expect(await pm(list, 'title: T\nlimits:\n  markdown_depth: 24\n')).toEqual([]);
  });
});

describe('frontmatter is split one way, for check and the build', () => {
  it('"#---" at the end of a line does not end the frontmatter', () => {
    const split = splitFrontmatter('---\nlast_reviewed: 2026-11-03 #---\nslug: ../../../etc\n---\nbody\n');
    expect(split).toEqual({ frontmatter: 'last_reviewed: 2026-11-03 #---\nslug: ../../../etc', body: 'body\n', bodyLineOffset: 4 });
  });

  it('a slug hidden after "#---" is checked, and refused as an unknown field', async () => {
    const text = (await runbookWith('\n1. Step.\n')).replace('last_reviewed: 2026-10-10', 'last_reviewed: 2026-10-10 #---\nslug: ../../../../tmp/owned');
    const { lines } = await errorsOf({ [RUNBOOK]: text });
    expect(lines).toEqual([`${RUNBOOK}:9:1 slug: unknown field (check its spelling and indentation)`]);
  });
});

describe('the build renders the tree check parsed (one parse per body)', () => {
  it.each([
    ['a postmortem', 'content/postmortems/2026-10-27-checkout-db-failover.md'],
    ['an MDX runbook', 'content/runbooks/checkout-latency.mdx'],
  ])('%s renders the same from the kept tree as from its text, and the tree is handed out once', async (_, file) => {
    keepParsedBodies();
    const text = await readFile(file, 'utf8');
    const errors: ContentError[] = [];
    const id = basename(file).replace(/\.mdx?$/, '');
    const doc = (file.includes('postmortems') ? readPostmortem(file, id, text, errors) : readRunbook(file, id, text, errors))!.value;
    expect(errors).toEqual([]);
    const format = 'format' in doc ? doc.format : 'md';
    const tree = takeTree(doc);
    expect(tree?.type).toBe('root');
    expect(takeTree(doc)).toBeUndefined();
    expect(await renderMarkdown(doc.body, format, tree)).toBe(await renderMarkdown(doc.body, format));
  });
});
