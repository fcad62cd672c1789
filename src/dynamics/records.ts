import type { ThresholdEvent } from '../measure/events.ts';
import type { MoeParams } from '../model/params.ts';

/**
 * One record of a training run on its time grid: time, loss and the
 * alignment matrices. No side effects: the runner decides what to print or write.
 */
export interface TrainingRecord {
  /** Flow time (for SGD: steps x learning rate). */
  t: number;
  /** SGD step count, when the engine is step-based. */
  step?: number;
  /** Population loss (exact engine) or held-out loss (SGD) at this time. */
  loss: number;
  /** The engine's own loss estimate at this time (e.g. a minibatch loss of an external program), beside the exact `loss`. */
  engineLoss?: number;
  /** Router alignment matrix, m x m* (students by teachers). */
  router: number[][];
  /** Expert alignment matrix, m x m*. */
  expert: number[][];
}

/**
 * What every training run returns, whatever trains (the exact flow, a
 * pipeline engine, a user's module): its records, the threshold events, the
 * final student, the final time and loss, and the recovery time.
 */
export interface TrainingRun {
  records: TrainingRecord[];
  events: ThresholdEvent[];
  /** Final student, in the coordinates of the initial one (R^d, or the reduced span). */
  student: MoeParams;
  /** Final time (the horizon, or earlier when a stop condition fired) and the loss there. */
  t: number;
  loss: number;
  /** First time every teacher was recovered at once, or null. */
  recoveryTime: number | null;
}
