import { exprb43Method } from './exprb43Control.ts';
import type { ExponentialStepResult } from './exprb43.ts';
import { dopri5Step, stepWorkspace, type Rhs } from './integrators.ts';
import { errorControlled, type ErrorControlledMethod, type StepController } from './stepController.ts';

/**
 * Half-length of dopri5's stability interval on the negative real axis:
 * |R(z)| <= 1 for z in [-3.3, 0] (R the method's stability polynomial;
 * autoControl.test.ts measures it). A step with h rho above it is unstable.
 */
export const DOPRI5_STABILITY = 3.3;

/**
 * Tolerances of the exponential steps, as multiples of the flow's. Its
 * estimate is that of the embedded order-3 solution, while the step keeps the
 * order-4 one: where the solution moves that overestimates the error 8-70
 * fold (exprb43.test.ts) and 60-280 fold on this flow (m* = 2, m = 8,
 * d = 10^6, seed 1, steps of 0.2-2 at t = 54 and 150: `npx tsx
 * tools/flowSteps.ts --at 54 --h 0.2,0.4,1 --share 0.01`), while on its
 * plateaus (t = 1000, h = 80) it is 3x the error. With factor 10 the events
 * of that run moved by <= 2e-6 relative at rtol 1e-8 against dopri5 at rtol
 * 1e-11; with 30 and 100 by 2.2e-5 and 1.4e-4, for 7% and 14% fewer
 * evaluations (tools/flowTolerance.ts).
 */
export const EXPONENTIAL_TOLERANCE_FACTOR = 10;

/** Consecutive stability-bound explicit steps (h rho >= 0.8 of the interval) before trying the exponential family. */
const STIFF_STEPS = 3;
/** Consecutive exponential steps costlier per unit time than stability-bound dopri5 before going back. */
const COSTLY_STEPS = 2;
/** Explicit steps to wait before another try after an exponential episode that did not pay; doubles up to MAX_BACKOFF. */
const MIN_BACKOFF = 10;
const MAX_BACKOFF = 640;

/** Counters of the automatic switch (reported by the flow). */
export interface AutoStats {
  explicitEvaluations: number;
  explicitTime: number;
  exponentialEvaluations: number;
  exponentialTime: number;
  switches: number;
}

/**
 * The flow's default family: dopri5 while its steps are bounded by
 * accuracy, exprb43 (src/dynamics/flow/exprb43.ts) where the flow is stiff
 * and slow, switched automatically by cost.
 *
 * Why: the flow alternates fast phases (escapes, alignments: dopri5's 5th
 * order is the cheapest there, ~6 evaluations per step) and plateaus where
 * it moves on a time scale ~sqrt(d) while its Jacobian keeps a spectral
 * radius rho ~ 10-20; there dopri5 is held at h <= 3.3 / rho, so its cost
 * grows like sqrt(d), while an exponential step is limited only by accuracy
 * (its cost per step grows like sqrt(h rho) Krylov products, or the number
 * of eigenvalue clusters, whichever is smaller).
 *
 * Rule: on dopri5, rho is its free stiffness estimate |k7 - k6| / |Y7 - Y6|
 * (dopri5Step); after STIFF_STEPS consecutive accepted steps with
 * h rho >= 0.8 x DOPRI5_STABILITY (the step held near its stability limit)
 * the exponential family takes over. On exprb43, each accepted step's cost per unit time
 * (evaluations since the last accepted step / h) is compared with that of
 * dopri5 at min(h, 0.9 x 3.3 / rho) with 6 evaluations a step (rho from the
 * Lanczos spectrum, never below half the previous estimate); after
 * COSTLY_STEPS consecutive steps 1.2x costlier, dopri5 takes over with its
 * first step capped at the stability bound. An exponential episode that cost
 * more than dopri5 would have doubles the wait before the next try
 * (MIN_BACKOFF to MAX_BACKOFF explicit steps), one that paid resets it.
 */
export function autoController(f: Rhs, k0: Float64Array, rtol: number, atol: number, h0: number, maxStep: number): StepController & { readonly stats: AutoStats } {
  let evaluations = 0;
  const counted: Rhs = (t, y, out) => {
    evaluations++;
    f(t, y, out);
  };
  const ws = stepWorkspace(k0.length, 5);
  let lastExponential: ExponentialStepResult | null = null;
  const exponential = exprb43Method(
    counted, k0.length, EXPONENTIAL_TOLERANCE_FACTOR * rtol, EXPONENTIAL_TOLERANCE_FACTOR * atol, (r) => (lastExponential = r),
  );
  const stats: AutoStats = { explicitEvaluations: 0, explicitTime: 0, exponentialEvaluations: 0, exponentialTime: 0, switches: 0 };
  let family: 'explicit' | 'exponential' = 'explicit';
  let rho = 0;
  let hCap = Infinity;
  let stiffRun = 0, costlyRun = 0, wait = 0, backoff = MIN_BACKOFF;
  let evaluationsAtAccept = 0;
  let stiffness = 0;
  let episode = { time: 0, evaluations: 0, explicitCost: 0 };

  const toExponential = () => {
    family = 'exponential';
    stats.switches++;
    costlyRun = 0;
    episode = { time: 0, evaluations: 0, explicitCost: 0 };
  };
  const toExplicit = () => {
    family = 'explicit';
    stats.switches++;
    stiffRun = 0;
    hCap = (0.9 * DOPRI5_STABILITY) / rho;
    // An episode that cost more than dopri5 would have makes the next try wait twice as long.
    backoff = episode.evaluations <= episode.explicitCost ? MIN_BACKOFF : Math.min(2 * backoff, MAX_BACKOFF);
    wait = backoff;
  };

  const method: ErrorControlledMethod = {
    get order() {
      return family === 'explicit' ? 4 : 3;
    },
    trial(t, y, hTry, k, kLast) {
      if (family === 'exponential') return exponential.trial(t, y, hTry, k, kLast);
      const h = Math.min(hTry, hCap);
      hCap = Infinity;
      const r = dopri5Step(counted, t, y, h, k, kLast, rtol, atol, ws, true);
      stiffness = r.stiffness ?? 0;
      return { y: r.y, err: r.err, h };
    },
    accepted(h) {
      const cost = evaluations - evaluationsAtAccept;
      evaluationsAtAccept = evaluations;
      if (family === 'explicit') {
        stats.explicitEvaluations += cost;
        stats.explicitTime += h;
        rho = stiffness;
        wait--;
        stiffRun = h * rho >= 0.8 * DOPRI5_STABILITY ? stiffRun + 1 : 0;
        if (stiffRun >= STIFF_STEPS && wait <= 0) toExponential();
        return;
      }
      stats.exponentialEvaluations += cost;
      stats.exponentialTime += h;
      rho = Math.max(lastExponential?.rho ?? 0, 0.5 * rho);
      const hExplicit = Math.min(h, (0.9 * DOPRI5_STABILITY) / rho);
      const explicitPerTime = 6 / hExplicit;
      episode.time += h;
      episode.evaluations += cost;
      episode.explicitCost += explicitPerTime * h;
      costlyRun = cost / h > 1.2 * explicitPerTime ? costlyRun + 1 : 0;
      if (costlyRun >= COSTLY_STEPS) toExplicit();
    },
  };
  const controller = errorControlled(method, k0, h0, maxStep);
  return {
    attempt: (t, y, tEnd) => controller.attempt(t, y, tEnd),
    get rejected() {
      return controller.rejected;
    },
    stats,
  };
}
