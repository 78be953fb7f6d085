import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument, visit, isScalar } from 'yaml';
import type { FetchableSlo } from './plan.ts';

/**
 * The line of each series' query in an SLO's file, so a query that Prometheus rejects is reported
 * where it is written (`content/slos/api.yaml:9`), not where the SLO starts. The query is found as
 * the first YAML string equal to it at or after the SLO's own line, whatever the format (sitrep's
 * `indicator.good`, OpenSLO's `metricSource.spec.query`, Sloth's `error_query`); a latency
 * indicator's queries are both at its `bucket`. A series whose query is not found is left out.
 */
export function locateQueries(text: string, slo: FetchableSlo): Record<string, number> {
  const ind = slo.indicator;
  const written: Record<string, string | undefined> =
    ind.kind === 'latency' ? { good: ind.bucket, total: ind.bucket } : { good: ind.good, bad: ind.bad, total: ind.total };
  const wanted = new Set(Object.values(written).filter((q) => q !== undefined));
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const from = slo.source.line ?? 1;
  const found = new Map<string, number>();
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string' || !wanted.has(node.value) || found.has(node.value) || !node.range) return;
      const line = lines.linePos(node.range[0]).line;
      if (line >= from) found.set(node.value, line);
    },
  });
  const out: Record<string, number> = {};
  for (const [name, query] of Object.entries(written)) {
    const line = query === undefined ? undefined : found.get(query);
    if (line !== undefined) out[name] = line;
  }
  return out;
}

/** The SLOs with `source.queryLines` filled in from their files under `root` (left as they are if a file cannot be read). */
export async function withQueryLines<S extends FetchableSlo>(root: string, slos: S[]): Promise<S[]> {
  const texts = new Map<string, Promise<string | undefined>>();
  return Promise.all(
    slos.map(async (slo) => {
      if (!texts.has(slo.source.file)) texts.set(slo.source.file, readFile(join(root, slo.source.file), 'utf8').catch(() => undefined));
      const text = await texts.get(slo.source.file);
      return text === undefined ? slo : { ...slo, source: { ...slo.source, queryLines: locateQueries(text, slo) } };
    }),
  );
}
