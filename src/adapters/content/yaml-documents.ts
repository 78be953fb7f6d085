import { parseAllDocuments } from 'yaml';
import { YamlSource } from './yaml-source.ts';

/**
 * The documents of a YAML file that may hold several, separated by `---` lines (as OpenSLO and
 * Sloth files often do), each as its own YamlSource whose positions are lines of the whole file.
 * A file with one document gives one source, exactly as `new YamlSource(file, text)` would.
 * Example: `a: 1\n---\nb: 2\n` gives two sources; the second reports `b` at line 3.
 */
export function yamlDocuments(file: string, text: string, maxFieldChars?: number): YamlSource[] {
  const docs = parseAllDocuments(text);
  const ranges = Array.isArray(docs) ? docs.map((d) => d.range) : [];
  if (ranges.length <= 1) return [new YamlSource(file, text, 0, maxFieldChars)];
  const out: YamlSource[] = [];
  let from = 0;
  ranges.forEach((range, i) => {
    const to = i === ranges.length - 1 ? text.length : range[2];
    const lineOffset = countLines(text, from);
    out.push(new YamlSource(file, text.slice(from, to), lineOffset, maxFieldChars));
    from = to;
  });
  return out;
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
