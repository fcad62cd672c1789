import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../parallel/tsWorker.ts';
import type { MoeParams } from '../model/params.ts';
import { multiPairEvents, type MultiPairOptions, type MultiPairPrediction } from './multiPairFlow.ts';

/**
 * {@link multiPairEvents} on a thread of its own (multiPairWorker.ts), so
 * that it runs beside the exact flow on a second core: the same code on
 * structured-cloned copies of its input, so the same numbers. `result`
 * resolves with the prediction; when the thread cannot start or ends
 * without an answer, it runs here instead (the same numbers again, and the
 * same error if the model itself fails; `ranHere` then says so). `cancel`
 * stops the thread (when the run it belongs to has failed); `result` then
 * never settles.
 */
export function multiPairEventsInThread(teacher: MoeParams, student: MoeParams, opts: MultiPairOptions): {
  result: Promise<MultiPairPrediction>; readonly ranHere: boolean; cancel: () => void;
} {
  let settled = false;
  let ranHere = false;
  let worker: Worker | null = null;
  const result = new Promise<MultiPairPrediction>((resolve, reject) => {
    const here = () => {
      if (settled) return;
      settled = true;
      ranHere = true;
      try {
        resolve(multiPairEvents(teacher, student, opts));
      } catch (e) {
        reject(e);
      }
    };
    try {
      worker = startTsWorker(new URL('./multiPairWorker.ts', import.meta.url), { teacher, student, opts });
    } catch {
      here();
      return;
    }
    const w = worker;
    w.once('message', (prediction: MultiPairPrediction) => {
      if (!settled) {
        settled = true;
        resolve(prediction);
      }
      void w.terminate();
    });
    w.once('error', here);
    w.once('exit', here);
  });
  return {
    result,
    get ranHere() {
      return ranHere;
    },
    cancel: () => {
      settled = true;
      void worker?.terminate();
    },
  };
}
