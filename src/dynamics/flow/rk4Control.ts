import { rk4Step, stepWorkspace, type Rhs } from './integrators.ts';
import { landOn, type StepController } from './stepController.ts';

/**
 * The fixed-step family, the tests' reference: classical RK4 steps of size
 * `step` (shortened to land on record times), every one accepted; after
 * each, f is evaluated at the new state so that the loss describes it.
 */
export function rk4Controller(f: Rhs, n: number, step: number): StepController {
  const ws = stepWorkspace(n, 5);
  const scratch = new Float64Array(n);
  return {
    rejected: 0,
    attempt(t, y, tEnd) {
      const h = Math.min(step, tEnd - t);
      const yNew = rk4Step(f, t, y, h, ws);
      const tNew = landOn(t, h, tEnd);
      f(tNew, yNew, scratch);
      return { accepted: true, t: tNew, y: yNew, dydt: scratch };
    },
  };
}
