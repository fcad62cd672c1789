import { parentPort } from 'node:worker_threads';
import { workerInput } from '../src/parallel/tsWorker.ts';

/**
 * A worker for the tests of src/parallel: answers each number n posted with
 * a progress message and then `{ done: n * factor }` (factor from its input,
 * default 1); a negative n gets `{ error }` instead.
 */
const factor = workerInput<{ factor?: number } | undefined>()?.factor ?? 1;
parentPort!.on('message', (n: number) => {
  parentPort!.postMessage({ progress: n });
  parentPort!.postMessage(n < 0 ? { error: `negative ${n}` } : { done: n * factor });
});
