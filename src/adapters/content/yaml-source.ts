import { LineCounter, isMap, isNode, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { DEFAULT_LIMITS } from '../../schemas/site.ts';
import { contentError, type ContentError } from './errors.ts';

export type PathKey = string | number;

/**
 * A parsed YAML text that can say where any field is. `lineOffset` shifts positions for YAML
 * that is embedded in a larger file (Markdown frontmatter starts on line 2).
 */
export class YamlSource {
  readonly file: string;
  readonly doc: Document;
  readonly errors: ContentError[] = [];
  private readonly lines: LineCounter;
  private readonly lineOffset: number;
  private readonly js: unknown;

  /** `maxFieldChars`: the longest string value allowed (limits.field_chars); longer ones are errors at their field. */
  constructor(file: string, text: string, lineOffset = 0, maxFieldChars = DEFAULT_LIMITS.field_chars) {
    this.file = file;
    this.lineOffset = lineOffset;
    this.lines = new LineCounter();
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false, strict: true });
    // After a syntax error the parser's later complaints (duplicate keys included) are mostly
    // knock-on effects: report the first one. Without one, report every duplicate key.
    const syntax = this.doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    const reported = syntax.length ? syntax.slice(0, 1) : this.doc.errors;
    for (const err of [...reported, ...this.doc.warnings]) {
      const pos = this.at(err.pos[0]);
      const text = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      const message =
        err.code === 'DUPLICATE_KEY'
          ? 'duplicate key: a key may appear only once in a mapping'
          : /call stack/i.test(text)
            ? 'YAML: lists and mappings nest too deeply to be read: flatten them'
            : `YAML: ${text}`;
      const field = err.code === 'DUPLICATE_KEY' ? this.keyAt(err.pos[0]) : '';
      this.errors.push(contentError(file, pos.line, pos.column, field, message));
    }
    this.js = this.errors.length ? undefined : this.toJS();
    if (!this.errors.length) this.checkLengths(maxFieldChars);
  }

  /**
   * The document as plain JavaScript. Aliases are expanded, and a "billion laughs" alias bomb
   * (aliases of aliases that would expand to millions of nodes) is an error at the file.
   */
  private toJS(): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      const bomb = e instanceof ReferenceError && /alias/i.test(e.message);
      const message = bomb ? 'YAML: too many aliases (*name): they would expand to a huge document; write the values out' : `YAML: cannot be read: ${(e as Error).message}`;
      this.errors.push(contentError(this.file, 1 + this.lineOffset, 1, '', message));
      return undefined;
    }
  }

  /** Every string longer than `max` characters is an error at its field (a 50 MB impact must not become a 50 MB page). */
  private checkLengths(max: number): void {
    const stack: [unknown, PathKey[]][] = [[this.js, []]];
    while (stack.length) {
      const [v, path] = stack.pop()!;
      if (typeof v === 'string' && v.length > max) {
        const pos = this.locate(path);
        this.errors.push(contentError(this.file, pos.line, pos.column, path.join('.'), `is ${v.length.toLocaleString('en-US')} characters long, more than the ${max.toLocaleString('en-US')} a value may have (limits.field_chars in content/site.yaml)`));
      } else if (Array.isArray(v)) v.forEach((item, i) => stack.push([item, [...path, i]]));
      else if (v && typeof v === 'object' && !(v instanceof Date)) for (const [k, item] of Object.entries(v)) stack.push([item, [...path, k]]);
    }
  }

  /** The plain JavaScript value, or undefined when the text did not parse. */
  value(): unknown {
    return this.errors.length ? undefined : this.js;
  }

  /** 1-based line and column of a character offset. */
  at(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line: line + this.lineOffset, column: col };
  }

  /** Position of the node at `path` (its value), or of the nearest ancestor that exists. */
  locate(path: readonly PathKey[], preferKey = false): { line: number; column: number } {
    let node: unknown = this.doc.contents;
    let best: { line: number; column: number } = this.at(0);
    if (isNode(node) && node.range) best = this.at(node.range[0]);
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
        if (!pair) return best;
        const keyNode = pair.key as Node;
        const valueNode = pair.value as Node | null;
        if (preferKey && key === path[path.length - 1] && keyNode.range) return this.at(keyNode.range[0]);
        if (valueNode && isNode(valueNode) && valueNode.range) best = this.at(valueNode.range[0]);
        else if (keyNode.range) best = this.at(keyNode.range[0]);
        node = valueNode;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key];
        if (!item || !isNode(item) || !item.range) return best;
        best = this.at(item.range[0]);
        node = item;
      } else {
        return best;
      }
    }
    return best;
  }

  /** Dotted path of the mapping key that starts at `offset` (for duplicate-key errors). */
  private keyAt(offset: number): string {
    const walk = (node: unknown, path: PathKey[]): string | undefined => {
      if (isMap(node)) {
        for (const p of node.items) {
          const k = isScalar(p.key) ? String(p.key.value) : '?';
          if (isNode(p.key) && p.key.range?.[0] === offset) return [...path, k].join('.');
          const found = walk(p.value, [...path, k]);
          if (found) return found;
        }
      } else if (isSeq(node)) {
        for (let i = 0; i < node.items.length; i++) {
          const found = walk(node.items[i], [...path, i]);
          if (found) return found;
        }
      }
      return undefined;
    };
    return walk(this.doc.contents, []) ?? '';
  }
}
