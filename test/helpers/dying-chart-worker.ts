/** A chart worker (src/adapters/charts/prefetch-worker.ts) that dies at its first chart, drawing nothing: for the tests of prefetch.ts. */
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', () => process.exit(3));
