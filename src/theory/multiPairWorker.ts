import { parentPort } from 'node:worker_threads';
import { workerInput } from '../parallel/tsWorker.ts';
import { multiPairEvents, type MultiPairOptions } from './multiPairFlow.ts';
import type { MoeParams } from '../model/params.ts';

/**
 * Worker-thread body of multiPairEventsInThread (multiPairThread.ts): the
 * multi-pair model of its input, posted back as one message. What it throws
 * ends the thread with an 'error' event, on which the caller runs the model
 * in place (so the error reaches the run with its own type).
 */
const { teacher, student, opts } = workerInput<{ teacher: MoeParams; student: MoeParams; opts: MultiPairOptions }>();
parentPort!.postMessage(multiPairEvents(teacher, student, opts));
