import { parentPort } from 'node:worker_threads';
import type { Scenario } from '../generated/scenario.ts';
import { InputError } from '../core/errors.ts';
import { runPoint } from './runPoint.ts';

/** One job: a resolved point to run (see workerPool.ts). */
interface Job {
  scenario: Scenario;
  id: string;
  overrides: Record<string, unknown>;
  file: string;
}

const port = parentPort!;
port.on('message', async (job: Job) => {
  let lastPost = 0;
  try {
    const result = await runPoint(job.scenario, job.id, job.overrides, job.file, (stage, fraction, status) => {
      const now = Date.now();
      if (now - lastPost < 200 && fraction < 1) return;
      lastPost = now;
      port.postMessage({ kind: 'progress', stage, fraction, status });
    });
    port.postMessage({ kind: 'done', result });
  } catch (e) {
    const err = e as Error;
    port.postMessage({
      kind: 'error', name: err.name, message: err.message,
      ...(e instanceof InputError ? { where: e.where, problem: e.problem } : {}),
    });
  }
});
