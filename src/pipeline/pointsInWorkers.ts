import { DivergenceError, InputError } from '../core/errors.ts';
import { runInWorkers } from '../parallel/workerPool.ts';
import type { ResolvedPoint } from '../scenario/expandSweep.ts';
import { overridesOf, pointId } from './pointId.ts';
import type { PointJob, PointMessage } from './pointWorker.ts';
import type { PointResult } from './runPoint.ts';

/**
 * Runs sweep points on `workers` worker threads (src/parallel/workerPool.ts;
 * each point is independent and deterministic given its seed, so the results
 * do not depend on the scheduling). `onDone` gets each result on this thread
 * as soon as its point finishes (to store it); the results also come back in
 * the points' order. An error in a point fails the run with that point's id,
 * an InputError or DivergenceError keeping its kind.
 */
export function runPointsInWorkers(
  points: ResolvedPoint[], scenarioFile: string, workers: number, threads: number,
  onProgress: ((point: string, stage: string, fraction: number, status: string) => void) | undefined,
  onDone: (point: ResolvedPoint, result: PointResult) => void,
): Promise<PointResult[]> {
  const jobs: PointJob[] = points.map((p) => ({ scenario: p.scenario, id: pointId(p), overrides: overridesOf(p), file: scenarioFile, threads }));
  return runInWorkers<PointJob, PointMessage, PointResult>(new URL('./pointWorker.ts', import.meta.url), jobs, workers, (msg, k) => {
    const id = jobs[k].id;
    if (msg.kind === 'progress') {
      onProgress?.(id, msg.stage, msg.fraction, msg.status);
      return undefined;
    }
    if (msg.kind === 'error') throw rebuildError(msg, id);
    onDone(points[k], msg.result);
    return msg.result;
  });
}

function rebuildError(msg: Extract<PointMessage, { kind: 'error' }>, id: string): Error {
  if (msg.name === 'InputError') return new InputError(msg.where ?? id, msg.problem ?? msg.message);
  if (msg.name === 'DivergenceError') return new DivergenceError(`point ${id}: ${msg.message}`);
  return new Error(`point ${id}: ${msg.message}`);
}
