import { DivergenceError } from '../../core/errors.ts';

/** The outcome of one attempt of a {@link StepController}. */
export type StepAttempt =
  | { readonly accepted: true; readonly t: number; readonly y: Float64Array; readonly dydt: Float64Array }
  | { readonly accepted: false };

/**
 * How one integrator family advances the flow: an attempt from (t, y) that
 * never passes `tEnd` (the next record time or the horizon) and lands on it
 * exactly when it reaches it. An accepted attempt returns the new time and
 * state and the right-hand side there (`dydt`, valid until the next
 * attempt), and its last evaluation of the right-hand side was at that state,
 * so what the right-hand side also computes (the loss) describes it. A
 * rejected attempt leaves (t, y) as they were and shortens the next one. The
 * driver (integrateFlow.ts) records, observes and stops; controllers only step.
 */
export interface StepController {
  attempt(t: number, y: Float64Array, tEnd: number): StepAttempt;
  /** Attempts rejected so far. */
  readonly rejected: number;
}

/** t + h, or exactly `tEnd` when the step was cut to reach it (so record times are hit without rounding). */
export function landOn(t: number, h: number, tEnd: number): number {
  return h === tEnd - t ? tEnd : t + h;
}

/** One trial step of an error-controlled method (see {@link errorControlled}). */
export interface TrialStep {
  /** Proposed new state. */
  readonly y: Float64Array;
  /** Scaled error norm: <= 1 means accept. */
  readonly err: number;
  /** The step size really tried (a method may shorten the one proposed). */
  readonly h: number;
}

/** What an error-controlled family supplies to {@link errorControlled}. */
export interface ErrorControlledMethod {
  /**
   * Order p of the error estimate's lower-order solution: the error scales
   * like h^(p + 1). Read at every attempt (a method that switches between
   * families changes it).
   */
  readonly order: number;
  /**
   * A trial step of at most `h` from (t, y), given k0 = f(t, y); writes
   * f(t + h, y_new) into `kLast` (first-same-as-last).
   */
  trial(t: number, y: Float64Array, h: number, k0: Float64Array, kLast: Float64Array): TrialStep;
  /** Called once per accepted step, with the step size taken and its error. */
  accepted?(h: number, err: number): void;
}

/**
 * The step-size control of the adaptive families (dopri5, rkc): accept when
 * the scaled error is <= 1; the next step is h (0.8 err^(-1/(p+1))), the
 * factor kept in [0.2, 5] after an accepted step (err floored at 1e-10) and
 * >= 0.1 after a rejected one, and never above `maxStep`. `k0` is f(t0, y0)
 * at the start; f(t, y) of each accepted step is reused as the next k0, in
 * two alternating buffers so a step never overwrites the k0 it started from.
 * A non-finite error, or a step below 1e-14 max(1, t), is a divergence.
 */
export function errorControlled(method: ErrorControlledMethod, k0: Float64Array, h0: number, maxStep: number): StepController {
  const buffers = [new Float64Array(k0.length), new Float64Array(k0.length)];
  let k = k0;
  let h = h0;
  let rejected = 0;
  return {
    get rejected() {
      return rejected;
    },
    attempt(t, y, tEnd) {
      const kLast = buffers[0] === k ? buffers[1] : buffers[0];
      const res = method.trial(t, y, Math.min(h, tEnd - t), k, kLast);
      const exponent = -1 / (method.order + 1);
      if (!Number.isFinite(res.err)) {
        throw new DivergenceError(`gradient flow: non-finite state at t = ${t} (step ${res.h}); the vector field produced NaN or Infinity`);
      }
      if (res.err > 1) {
        rejected++;
        h = res.h * Math.max(0.1, 0.8 * Math.pow(res.err, exponent));
        if (h < 1e-14 * Math.max(1, t)) throw new DivergenceError(`gradient flow: step size underflow at t = ${t}`);
        return { accepted: false };
      }
      h = Math.min(maxStep, res.h * Math.min(5, Math.max(0.2, 0.8 * Math.pow(Math.max(res.err, 1e-10), exponent))));
      k = kLast;
      method.accepted?.(res.h, res.err);
      return { accepted: true, t: landOn(t, res.h, tEnd), y: res.y, dydt: kLast };
    },
  };
}
