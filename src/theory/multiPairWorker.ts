import { parentPort } from 'node:worker_threads';
import { workerInput } from '../parallel/tsWorker.ts';
import { multiPairEvents, type MultiPairOptions } from './multiPairFlow.ts';
import type { MoeParams } from '../model/params.ts';

/**
 * Worker-thread body of multiPairEventsInThread (multiPairThread.ts):
 * the multi-pair model of its input, posted back as `{ done }`, or
 * `{ error }` with the message of what it threw.
 */
const { teacher, student, opts } = workerInput<{ teacher: MoeParams; student: MoeParams; opts: MultiPairOptions }>();
try {
  parentPort!.postMessage({ done: multiPairEvents(teacher, student, opts) });
} catch (e) {
  parentPort!.postMessage({ error: (e as Error).message });
}
