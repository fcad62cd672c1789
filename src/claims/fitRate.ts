import type { ConvergenceRate } from '../generated/metrics.ts';
import type { TrainingRecord } from '../dynamics/records.ts';
import { linearFit } from './linearFit.ts';

/**
 * Linear convergence rate of fine-tuning (claim C5): least-squares fit of
 * ln loss = ln C - rate t over the tail of the records, the records whose
 * loss is below 1e-2 of the initial loss and above max(target, 1e-14) / 10
 * (below that, rounding dominates); when fewer than 4 records qualify (a run
 * that starts near its target), every record above that floor. Undefined
 * with fewer than 4 records.
 */
export function fitRate(records: readonly TrainingRecord[], target: number): ConvergenceRate | undefined {
  if (records.length < 2) return undefined;
  const start = records[0].loss;
  const floor = Math.max(target, 1e-14) / 10;
  let tail = records.filter((r) => r.loss > floor && r.loss <= 1e-2 * start);
  // A run that starts close to its target (pruning kept a near-optimum, e.g. loss 1e-10) has no
  // transient to skip and only a record or two below 1e-2 of its start: fit every record above the
  // floor instead (C5 still needs the fit to explain them, r^2 >= 0.9).
  if (tail.length < 4) tail = records.filter((r) => r.loss > floor);
  if (tail.length < 4) return undefined;
  const fit = linearFit(tail.map((r) => r.t), tail.map((r) => Math.log(r.loss)));
  return { perTime: -fit.slope, r2: fit.r2, points: tail.length };
}
