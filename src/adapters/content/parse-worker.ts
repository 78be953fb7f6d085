/** A helper thread of parse-pool.ts: parses the chunks of files it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { parseChunk, type ParseJob } from './parse-files.ts';
import { keepParsedBodies } from './parsed-bodies.ts';

// The trees this thread parses are rendered here when the job asks for HTML.
keepParsedBodies();
parentPort!.on('message', ({ id, job }: { id: number; job: ParseJob }) => {
  parseChunk(job).then(
    (chunk) => parentPort!.postMessage({ id, chunk }),
    (e: Error) => parentPort!.postMessage({ id, error: e.message }),
  );
});
