import type { Rhs } from './integrators.ts';
import { rkcStages, rkcStep, rkcWorkspace, spectralRadius } from './rkc.ts';
import { errorControlled, type StepController } from './stepController.ts';

/** Largest RKC stage count per step (round-off grows with it). */
export const MAX_RKC_STAGES = 200;

/** Accepted steps between two estimates of the spectral radius (it changes slowly along the flow). */
const RADIUS_REFRESH = 25;

/**
 * The stabilised family: second-order Runge-Kutta-Chebyshev steps (order 2
 * error estimate) under the shared error control. The stage count follows
 * the Jacobian's spectral radius rho, estimated by power iteration at the
 * first step and every {@link RADIUS_REFRESH} accepted steps (starting from
 * the previous estimate's vector, at first from k0); a step is shortened so
 * that it needs at most {@link MAX_RKC_STAGES} stages (stability needs
 * h rho <= 0.653 s^2 / 1.54 with the margin of rkcStages).
 */
export function rkcController(f: Rhs, k0: Float64Array, rtol: number, atol: number, h0: number, maxStep: number): StepController {
  const ws = rkcWorkspace(k0.length);
  let rho = 0;
  let rhoVec = k0;
  let age = Infinity;
  return errorControlled(
    {
      order: 2,
      trial(t, y, hTry, k, kLast) {
        if (age >= RADIUS_REFRESH) {
          const est = spectralRadius(f, t, y, k, rhoVec);
          rho = est.rho;
          rhoVec = est.v;
          age = 0;
        }
        const h = Math.min(hTry, (0.653 * MAX_RKC_STAGES * MAX_RKC_STAGES) / (1.54 * rho));
        return { ...rkcStep(f, t, y, h, rkcStages(h, rho), k, kLast, rtol, atol, ws), h };
      },
      accepted() {
        age++;
      },
    },
    k0, h0, maxStep,
  );
}
