/**
 * The page header and footer of a printed page, as CSS `@page` margin boxes (Chromium 131+, and
 * other engines with CSS Paged Media): the site and what is printed at the top left, the report
 * time at the top right, the page's URL at the bottom left and "page n of m" at the bottom right.
 */

/** A CSS string literal: quotes and backslashes escaped, newlines as spaces. */
export const cssString = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;

export function printCss(opts: { title: string; asOf: string; url: string }): string {
  return [
    '@media print { @page {',
    ` @top-left { content: ${cssString(opts.title)}; font: 9pt system-ui, sans-serif; color: #57606a; }`,
    ` @top-right { content: ${cssString(opts.asOf)}; font: 9pt system-ui, sans-serif; color: #57606a; }`,
    ` @bottom-left { content: ${cssString(opts.url)}; font: 9pt system-ui, sans-serif; color: #57606a; }`,
    ' @bottom-right { content: "page " counter(page) " of " counter(pages); font: 9pt system-ui, sans-serif; color: #57606a; }',
    '} }',
  ].join('\n');
}
