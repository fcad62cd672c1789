import { parentPort } from 'node:worker_threads';
import { InputError } from '../core/errors.ts';
import { parallelism, setParallelism } from '../population/kernel/parallelism.ts';
import type { Scenario } from '../generated/scenario.ts';
import { runPoint, type PointResult } from './runPoint.ts';

/** One job of a point worker: a resolved point to run. */
export interface PointJob {
  scenario: Scenario;
  id: string;
  overrides: Record<string, unknown>;
  file: string;
  /** Threads for the point's exact loss (setParallelism in the worker; 1 = none). */
  threads: number;
}

/** Messages a point worker sends back. */
export type PointMessage =
  | { kind: 'progress'; stage: string; fraction: number; status: string }
  | { kind: 'done'; result: PointResult }
  | { kind: 'error'; name: string; message: string; where?: string; problem?: string };

/** Worker-thread body of the sweep (pointsInWorkers.ts): runs each job posted and answers with progress, then the result or the error. */
const port = parentPort!;
const post = (msg: PointMessage) => port.postMessage(msg);
port.on('message', async (job: PointJob) => {
  let lastPost = 0;
  try {
    if (job.threads !== parallelism()) setParallelism(job.threads);
    const result = await runPoint(job.scenario, job.id, job.overrides, job.file, (stage, fraction, status) => {
      const now = Date.now();
      if (now - lastPost < 200 && fraction < 1) return;
      lastPost = now;
      post({ kind: 'progress', stage, fraction, status });
    });
    post({ kind: 'done', result });
  } catch (e) {
    const err = e as Error;
    post({
      kind: 'error', name: err.name, message: err.message,
      ...(e instanceof InputError ? { where: e.where, problem: e.problem } : {}),
    });
  }
});
