/**
 * Parse a large organisation's content files on several threads. `loadContent` hands each big
 * folder (incidents, postmortems, runbooks) to the pool, which splits its files into contiguous
 * chunks: one per helper thread, and one parsed here meanwhile. The results are joined in file
 * order, so the content, its errors and their order are the same as parsed on one thread. A
 * folder smaller than `minFiles` is parsed here alone (starting a thread costs more). A helper
 * that fails leaves its chunk to this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseChunk, type ParallelKind, type ParsedChunk, type ParseJob } from './parse-files.ts';

export interface ParsePool {
  /** Folders with fewer files are parsed on the calling thread alone. */
  readonly minFiles: number;
  parse<K extends ParallelKind>(job: ParseJob & { kind: K }): Promise<ParsedChunk<K>>;
  /** End the helper threads. */
  close(): Promise<void>;
}

/** Helper threads beside the caller: the other cores, at most three. */
export const PARSE_HELPERS = Math.min(3, Math.max(1, availableParallelism() - 1));

type Reply = { id: number; chunk?: ParsedChunk; error?: string };

/**
 * `eager`: start the helpers now, so they load their code while the caller lists and reads the
 * files (for a caller that knows the content is big, such as the build's model thread).
 * `script`: the helpers' code (tests give one that dies).
 */
export function openParsePool(helpers = PARSE_HELPERS, minFiles = 400, { eager = false, script = new URL('./parse-worker.ts', import.meta.url) } = {}): ParsePool {
  let workers: Worker[] | undefined;
  const alive = new Set<Worker>();
  let next = 0;
  const waiting = new Map<number, { worker: Worker; resolve: (c: ParsedChunk) => void; reject: (e: Error) => void }>();
  // A helper that dies (an error, running out of memory, exiting) fails what it was given and is
  // given nothing more: the caller parses those chunks itself.
  const bury = (w: Worker, e: Error) => {
    alive.delete(w);
    for (const [id, p] of waiting) {
      if (p.worker !== w) continue;
      waiting.delete(id);
      p.reject(e);
    }
  };
  const start = () =>
    (workers ??= Array.from({ length: helpers }, () => {
      const w = new Worker(script);
      alive.add(w);
      w.on('message', (m: Reply) => {
        const p = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.chunk) p?.resolve(m.chunk);
        else p?.reject(new Error(m.error ?? 'no result'));
      });
      w.on('error', (e) => bury(w, e));
      w.on('exit', (code) => bury(w, new Error(`the parse helper exited (code ${code})`)));
      return w;
    }));
  if (eager && helpers > 0) start();
  const onHelper = (w: Worker, job: ParseJob): Promise<ParsedChunk> =>
    new Promise((resolve, reject) => {
      if (!alive.has(w)) return reject(new Error('the parse helper has died'));
      const id = next++;
      waiting.set(id, { worker: w, resolve, reject });
      w.postMessage({ id, job });
    });

  return {
    minFiles,
    async parse<K extends ParallelKind>(job: ParseJob & { kind: K }): Promise<ParsedChunk<K>> {
      if (job.pairs.length < minFiles || helpers < 1) return parseChunk(job);
      const pool = start().filter((w) => alive.has(w));
      if (!pool.length) return parseChunk(job);
      const size = Math.ceil(job.pairs.length / (pool.length + 1));
      const chunks = Array.from({ length: pool.length + 1 }, (_, i) => ({ ...job, pairs: job.pairs.slice(i * size, (i + 1) * size) }));
      const mine = chunks.pop()!;
      const theirs = chunks.map((c, i) => onHelper(pool[i]!, c).catch(() => parseChunk(c)) as Promise<ParsedChunk<K>>);
      const last = await parseChunk(mine);
      const parts = [...(await Promise.all(theirs)), last];
      return { results: parts.flatMap((p) => p.results), errors: parts.flatMap((p) => p.errors) };
    },
    async close() {
      const pool = workers;
      workers = undefined;
      await Promise.all((pool ?? []).map((w) => w.terminate()));
    },
  };
}
