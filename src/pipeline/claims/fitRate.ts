import type { ConvergenceRate } from '../../generated/metrics.ts';
import type { TrainingRecord } from '../../dynamics/records.ts';
import { linearFit } from './linearFit.ts';

/**
 * Linear convergence rate of fine-tuning (claim C5): least-squares fit of
 * ln loss = ln C - rate t over the tail of the records, the records whose
 * loss is below 1e-2 of the initial loss and above max(target, 1e-14) / 10
 * (below that, rounding dominates). Undefined with fewer than 4 such records.
 */
export function fitRate(records: readonly TrainingRecord[], target: number): ConvergenceRate | undefined {
  if (records.length < 2) return undefined;
  const start = records[0].loss;
  const floor = Math.max(target, 1e-14) / 10;
  const tail = records.filter((r) => r.loss > floor && r.loss <= 1e-2 * start);
  if (tail.length < 4) return undefined;
  const fit = linearFit(tail.map((r) => r.t), tail.map((r) => Math.log(r.loss)));
  return { perTime: -fit.slope, r2: fit.r2, points: tail.length };
}
