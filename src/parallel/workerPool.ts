import type { Worker } from 'node:worker_threads';
import { startTsWorker } from './tsWorker.ts';

/**
 * What the pool does with a worker's message about job `index`: `undefined`
 * while the job is still running (a progress message), else the job's
 * result. Throwing fails the whole run (the pool stops every worker).
 */
export type OnWorkerMessage<M, R> = (message: M, index: number) => R | undefined;

/**
 * Runs `jobs` on up to `workers` worker threads, each running the module at
 * `module` (started by {@link startTsWorker}; it answers every job posted to
 * its parentPort with messages, the last of which `onMessage` turns into the
 * job's result). A free worker takes the next job in order; results come back
 * in the jobs' order. Every job of this project is deterministic given its
 * input, so the results do not depend on the scheduling. The workers are
 * terminated when the run ends, also on failure.
 */
export async function runInWorkers<J, M, R>(module: URL, jobs: readonly J[], workers: number, onMessage: OnWorkerMessage<M, R>): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  let next = 0;
  const runOne = (w: Worker, index: number) =>
    new Promise<void>((resolve, reject) => {
      const finish = (e?: unknown) => {
        w.off('message', onMsg);
        w.off('error', finish);
        if (e === undefined) resolve();
        else reject(e);
      };
      const onMsg = (msg: M) => {
        let r: R | undefined;
        try {
          r = onMessage(msg, index);
        } catch (e) {
          finish(e);
          return;
        }
        if (r === undefined) return;
        results[index] = r;
        finish();
      };
      w.on('message', onMsg);
      w.on('error', finish);
      w.postMessage(jobs[index]);
    });
  const count = Math.max(1, Math.min(workers, jobs.length));
  const pool = Array.from({ length: count }, () => startTsWorker(module));
  try {
    await Promise.all(pool.map(async (w) => {
      while (next < jobs.length) await runOne(w, next++);
    }));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
