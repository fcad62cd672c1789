import { exprb43Step, exprb43Workspace, type ExponentialStepResult } from './exprb43.ts';
import type { Rhs } from './integrators.ts';
import { errorControlled, type ErrorControlledMethod, type StepController } from './stepController.ts';

/**
 * Scaled error reported for a step whose Krylov products did not converge
 * within their dimension limit: under the shared control (order 3) it halves
 * the step, 0.8 * 7^(-1/4) ~ 0.49.
 */
export const KRYLOV_FAILURE_ERROR = 7;

/**
 * The exponential family as an {@link ErrorControlledMethod}: exprb43 steps
 * (order-3 error estimate) with a reused workspace; `onStep` sees every
 * trial's result (the switching controller reads its cost and spectral
 * radius from it).
 */
export function exprb43Method(f: Rhs, n: number, rtol: number, atol: number, onStep?: (r: ExponentialStepResult) => void): ErrorControlledMethod {
  const ws = exprb43Workspace(n);
  return {
    order: 3,
    trial(t, y, h, k, kLast) {
      const r = exprb43Step(f, t, y, h, k, kLast, rtol, atol, ws);
      onStep?.(r);
      return { y: r.y, err: r.krylovConverged ? r.err : Math.max(r.err, KRYLOV_FAILURE_ERROR), h };
    },
  };
}

/**
 * The exponential family under the shared error control: steps bounded by
 * the accuracy of the slow dynamics, not by the stiff modes (src/dynamics/flow/exprb43.ts).
 */
export function exprb43Controller(f: Rhs, k0: Float64Array, rtol: number, atol: number, h0: number, maxStep: number): StepController {
  return errorControlled(exprb43Method(f, k0.length, rtol, atol), k0, h0, maxStep);
}
