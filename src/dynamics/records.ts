/**
 * What a training engine (exact flow, online SGD, a user's) returns: a list of
 * records on its time grid, beside the threshold events (ThresholdEvent,
 * src/measure/events.ts).
 * No side effects: the runner decides what to print or write.
 */
export interface TrainingRecord {
  /** Flow time (for SGD: steps x learning rate). */
  t: number;
  /** SGD step count, when the engine is step-based. */
  step?: number;
  /** Population loss (exact engine) or held-out loss (SGD) at this time. */
  loss: number;
  /** Router alignment matrix, m x m* (students by teachers). */
  router: number[][];
  /** Expert alignment matrix, m x m*. */
  expert: number[][];
}
