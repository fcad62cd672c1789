import { Worker } from 'node:worker_threads';
import type { ResolvedPoint } from '../scenario/expandSweep.ts';
import type { PointResult } from '../pipeline/runPoint.ts';
import { overridesOf, pointId } from '../pipeline/runScenario.ts';
import { DivergenceError, InputError } from '../core/errors.ts';

/** Messages a point worker sends back. */
type WorkerMessage =
  | { kind: 'progress'; stage: string; fraction: number; status: string }
  | { kind: 'done'; result: PointResult }
  | { kind: 'error'; name: string; message: string; where?: string; problem?: string };

/**
 * Runs sweep points on `workers` worker threads (each point is independent
 * and deterministic given its seed, so the results do not depend on the
 * scheduling). Results come back in the points' order.
 */
export async function runPointsInWorkers(
  points: ResolvedPoint[], scenarioFile: string, workers: number,
  onProgress: ((point: string, stage: string, fraction: number, status: string) => void) | undefined,
  onDone: (point: string) => void,
): Promise<PointResult[]> {
  const results = new Array<PointResult>(points.length);
  let next = 0;
  const runOne = (w: Worker, k: number) =>
    new Promise<void>((resolve, reject) => {
      const p = points[k];
      const id = pointId(p);
      const onMessage = (msg: WorkerMessage) => {
        if (msg.kind === 'progress') onProgress?.(id, msg.stage, msg.fraction, msg.status);
        else {
          w.off('message', onMessage);
          w.off('error', onError);
          if (msg.kind === 'done') {
            results[k] = msg.result;
            onDone(id);
            resolve();
          } else reject(rebuildError(msg, id));
        }
      };
      const onError = (e: Error) => reject(e);
      w.on('message', onMessage);
      w.on('error', onError);
      w.postMessage({ scenario: p.scenario, id, overrides: overridesOf(p), file: scenarioFile });
    });
  const pool = Array.from({ length: workers }, () => new Worker(new URL('../pipeline/pointWorker.mjs', import.meta.url)));
  try {
    await Promise.all(
      pool.map(async (w) => {
        while (next < points.length) await runOne(w, next++);
      }),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}

function rebuildError(msg: Extract<WorkerMessage, { kind: 'error' }>, id: string): Error {
  if (msg.name === 'InputError') return new InputError(msg.where ?? id, msg.problem ?? msg.message);
  if (msg.name === 'DivergenceError') return new DivergenceError(`point ${id}: ${msg.message}`);
  return new Error(`point ${id}: ${msg.message}`);
}
