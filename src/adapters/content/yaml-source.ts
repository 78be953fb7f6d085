import { LineCounter, isMap, isNode, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
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

  constructor(file: string, text: string, lineOffset = 0) {
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
      const message = err.code === 'DUPLICATE_KEY' ? 'duplicate key: a key may appear only once in a mapping' : `YAML: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
      const field = err.code === 'DUPLICATE_KEY' ? this.keyAt(err.pos[0]) : '';
      this.errors.push(contentError(file, pos.line, pos.column, field, message));
    }
  }

  /** The plain JavaScript value, or undefined when the text did not parse. */
  value(): unknown {
    return this.errors.length ? undefined : this.doc.toJS({ maxAliasCount: 100 });
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
