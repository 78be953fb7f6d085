import type { Limits } from '../../schemas/site.ts';

/**
 * Limits that keep one Markdown file from hanging CI. The Markdown parser's time grows with the
 * cube of list nesting (800 nested lists take 12 s, 3,000 over 5 minutes), 20,000 nested `>`
 * overflow its stack, and its time grows with the square of the `*`, `_` and `~` markers of one
 * paragraph (10,000 of them take 12 s). So a body is measured line by line, in linear time,
 * before it is parsed.
 */

/** The most emphasis markers (`*`, `_`, `~`) one paragraph (a run of non-blank lines) may hold. */
export const MAX_EMPHASIS_MARKERS = 1_000;

export interface ShapeProblem {
  /** 1-based line in the body. */
  line: number;
  message: string;
}

/**
 * How deeply a line nests block quotes and lists, at most: its `>` and list markers, plus the
 * indentation before them and after each `>`, in steps of two columns (a nested list item is
 * indented at least two columns more than its parent). Spaces after a list marker add nothing:
 * `- - - x` nests 3 deep. Lines without any marker nest nothing new and count 0.
 * `    - > - x` counts 2 (indentation) + 3 (markers) = 5.
 */
export function lineDepth(line: string): number {
  let i = 0;
  let columns = 0;
  let markers = 0;
  let afterListMarker = false;
  for (;;) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      if (!afterListMarker) columns += c === ' ' ? 1 : 4 - (columns % 4);
      i += 1;
    } else if (c === '>') {
      // `>` and one space after it are the marker.
      markers += 1;
      afterListMarker = false;
      i += line[i + 1] === ' ' ? 2 : 1;
    } else {
      const m = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(i, i + 11));
      if (!m) break;
      markers += 1;
      afterListMarker = true;
      i += m[0].length;
    }
  }
  return markers === 0 ? 0 : Math.floor(columns / 2) + markers;
}

/** Problems that would make the body too costly to parse; empty when it is safe to parse. */
export function shapeProblems(body: string, limits: Limits): ShapeProblem[] {
  const lines = body.split('\n');
  let markers = 0;
  let paragraphStart = 1;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const depth = lineDepth(line);
    if (depth > limits.markdown_depth) {
      return [{ line: n + 1, message: `block quotes and lists nest ${depth} deep here, more than the ${limits.markdown_depth} allowed (limits.markdown_depth in content/site.yaml)` }];
    }
    if (!line.trim()) {
      markers = 0;
      paragraphStart = n + 2;
      continue;
    }
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 42 || c === 95 || c === 126) markers += 1; // * _ ~
    }
    if (markers > MAX_EMPHASIS_MARKERS) {
      return [{ line: paragraphStart, message: `this paragraph holds more than ${MAX_EMPHASIS_MARKERS.toLocaleString('en-US')} emphasis markers (*, _ or ~), which Markdown is too slow to read: split it with blank lines, or put code in a fenced block with blank lines around it` }];
    }
  }
  return [];
}

/** The depth of a tree, without recursion (a deep tree must not overflow the stack here too). */
export function treeDepth(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    max = Math.max(max, depth);
    const children = (node as { children?: unknown[] }).children;
    if (Array.isArray(children)) for (const child of children) stack.push([child, depth + 1]);
  }
  return max;
}
