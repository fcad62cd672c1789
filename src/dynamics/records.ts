/**
 * What a training engine (exact flow, online SGD, a user's) returns: a list of
 * records on its time grid and the threshold events. No side effects: the
 * runner decides what to print or write.
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

/** The first time a teacher's matched student passed a threshold. */
export interface ThresholdEvent {
  teacher: number;
  student: number;
  kind: 'expert' | 'router';
  threshold: number;
  t: number;
}
