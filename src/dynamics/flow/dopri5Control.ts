import { dopri5Step, stepWorkspace, type Rhs } from './integrators.ts';
import { errorControlled, type StepController } from './stepController.ts';

/**
 * The explicit embedded family: Dormand-Prince 5(4) steps (order 4 error
 * estimate) under the shared error control, with a reused workspace.
 */
export function dopri5Controller(f: Rhs, k0: Float64Array, rtol: number, atol: number, h0: number, maxStep: number): StepController {
  const ws = stepWorkspace(k0.length, 5);
  return errorControlled(
    { order: 4, trial: (t, y, h, k, kLast) => ({ ...dopri5Step(f, t, y, h, k, kLast, rtol, atol, ws), h }) },
    k0, h0, maxStep,
  );
}
