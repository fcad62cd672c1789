/**
 * The one place where test tolerances live. Every comparison in the test
 * suites is either relative, |a - b| <= tol * max(1, |a|, |b|) (so a
 * tolerance means "relative for quantities above 1, absolute below"), or
 * statistical, |a - b| <= k * sqrt(se_a^2 + se_b^2) for Monte-Carlo
 * estimates. Tiers are by quantity and precision; each says why it has the
 * value it has. A tolerance is never loosened to make a failing test pass:
 * a failure is a finding about the engine.
 */

/**
 * Rounding of cancelling sums (src/core/rounding.ts): a quantity that is >= 0
 * exactly (the loss, a group's squared output norm) is, as computed, >= -64 u
 * times the sum of its terms' magnitudes (measured <= 4.4 u: tools/roundingTier.ts).
 * The engines report such values as computed; tests that need ">= 0" use this.
 */
export { CANCELLING_SUM, roundingFloor } from '../src/core/rounding.ts';

/** Arithmetic of an engine: the exact engine is float64, tfjs float32. */
export type Precision = 'float64' | 'float32';

/** Tolerance tiers, by the kind of comparison. */
export interface ToleranceTiers {
  /**
   * A quantity that is exactly zero in exact arithmetic and whose terms
   * cancel term by term (the loss at the teacher, with or without cancelling
   * pairs): only the rounding of a compensated sum of O(10^2) terms of size
   * O(10) remains.
   */
  readonly exactZero: number;
  /**
   * The same quantity computed with the terms in another order (permuted
   * experts, rescaled rows, which change unit vectors in their last bit).
   */
  readonly reorder: number;
  /**
   * A gradient quantity that is zero in exact arithmetic: its component
   * along its own row, or the whole gradient at an exact optimum (the
   * teacher, with or without cancelling pairs).
   */
  readonly orthogonality: number;
  /** Analytic gradient vs central finite differences of the loss. */
  readonly finiteDifference: number;
}

/**
 * Tiers per precision.
 *
 * float64: rounding u = 1.1e-16. exactZero 1e-14 (the exact engine's target:
 * ~100 u with room for ~100 terms); reorder 1e-12 (summation order changes
 * results by ~n u |terms|, n <= 10^3 pair terms of size <= 10^2 at most);
 * orthogonality 1e-13 (one projection (I - u u^T) g, rounding relative to
 * |g|; at an optimum, cancelling sums of derivative terms of size O(10),
 * measured <= 5e-15); finiteDifference 1e-6 (the 5-point central stencil of
 * test-support/finiteDifference.ts with h = 1e-3 has truncation ~h^4 |L^(5)|
 * ~ 1e-11 and rounding ~u |L| / h ~ 1e-13, so 1e-6 leaves a wide margin,
 * while a wrong factor, sign or missing projection is O(1e-2..1)).
 *
 * float32: rounding u = 6e-8; sums over batches and He3's cubic growth
 * amplify it ~100-1000 fold, so 1e-4 (measured ~1e-6, see
 * src/dynamics/sgd/tfLossGrad.test.ts); finite differences in float32 are
 * limited by u / h with the best h ~ u^(1/3): ~1e-3 relative.
 */
export const TOLERANCE: Readonly<Record<Precision, ToleranceTiers>> = {
  float64: { exactZero: 1e-14, reorder: 1e-12, orthogonality: 1e-13, finiteDifference: 1e-6 },
  float32: { exactZero: 1e-4, reorder: 1e-4, orthogonality: 1e-4, finiteDifference: 1e-2 },
};

/** float64-only tiers of the exact engine, each tied to one requirement. */
export const EXACT = {
  /**
   * Loss at the default node count against 96 nodes. Gauss-Hermite
   * converges geometrically but slowly where overlaps are large (low d): over
   * 1,800 configurations with d = 2..10, 40 nodes gave at most 2e-11, 32
   * nodes 1e-9 (9% of them above 1e-10), 48 nodes 5e-13.
   */
  quadratureNodes: 1e-10,
  /**
   * L L^T against the 4x4 correlation matrix it factors: Cholesky is
   * backward stable, so the residual is a few ulps of entries <= 1.
   */
  cholesky: 1e-14,
  /**
   * A pair-kernel derivative slot against a central difference of K in that
   * correlation (h = 1e-5 on correlations <= 0.6 in size, kernel at 64 nodes
   * so that its own quadrature error, ~1e-15, is far below h^2 |K'''| ~ 1e-9).
   */
  kernelDerivative: 1e-7,
  /**
   * The pair kernel against the independent trapezoid route (both converge
   * geometrically; the trapezoid on a 0.1 grid is accurate to ~1e-13).
   */
  kernelIndependent: 1e-11,
  /**
   * Loss and gradient of the exact engine against the golden values of
   * tools/golden/golden.json (an independent mpmath computation; its own
   * error, measured against a 60-digit run, <= 5e-29 for the losses and
   * <= 2.6e-16 for the gradients): with the default pair kernel
   * (tabulated router moments) measured at most 2.1e-15 relative for the
   * loss (pentagon-group, where the terms cancel to 0) and 4.3e-15 for a
   * gradient entry over its 13 configurations (src/population/golden.test.ts
   * prints them); with 40-node Gauss-Hermite, earlier, 7.4e-12 and 1.8e-11:
   * both within the 1e-10 of quadratureNodes. A different model (a sigmoid of slope 1.1, He3
   * with another coefficient) is off by 1e-2 or more.
   */
  golden: 1e-10,
  /**
   * Router moments (src/population/kernel/routerMoments.ts) against another
   * route to them, absolute (moments are <= ~4 in size): the table against
   * the direct sums, measured <= 3.1e-15 at 400 angles in [0, pi/2]
   * (16 pieces of degree 8); the direct sums against 1-D Gauss-Hermite at
   * theta = 0 and pi/2 and against their own symmetry, rounding only. A
   * degree or piece too few shows at 1e-13..1e-11 (degree 7: 1.5e-13,
   * degree 6: 7e-12), a wrong coefficient at O(1e-3). Measured by
   * `npx tsx tools/kernelAccuracy.ts`.
   */
  momentTable: 1e-13,
  /**
   * Loss and gradient with the tabulated-moment kernel against the 96-node
   * Gauss-Hermite quadrature, relative: measured <= 3.6e-15 (loss) and
   * <= 2.6e-15 (gradient, relative to its largest entry) over 1,800
   * configurations of arbProblemSpec (m* <= 3, m <= 5, d = 2..14, generic,
   * near-collinear and cancelling), where 24 nodes give 7.3e-8 and 2.3e-7
   * and 40 nodes 1.8e-11 and 7.5e-11 (`npx tsx tools/kernelAccuracy.ts`).
   * The requirement is 1e-10; 1e-12 leaves room for sums of more terms.
   */
  momentKernel: 1e-12,
  /**
   * Alignments of the adaptive flow at rtol 1e-8, atol 1e-10 (the default
   * before the tolerance study of tools/flowTolerance.ts) against rk4 with step 4e-3, at the record times of a T = 1.5
   * run (m* = 1, m = 2, d = 8, seeds 1-3; measured over T = 2, which bounds
   * T = 1.5). The reference's own error is <= 2.7e-10 there (against step
   * 2e-3; order 4, so step 8e-3 would not do: 1.3e-7 on another problem).
   * dopri5 is 5th order and its global error stays near its tolerance:
   * measured <= 4e-10.
   */
  integratorDopri5: 1e-7,
  /**
   * The same for rkc: second order, so its global error is the sum of
   * ~1,500 local errors of size ~rtol: measured 5e-8..4.2e-7 (4e-6 on an
   * m* = 2 problem at T = 3). A wrong coefficient or stage count gives
   * errors O(h) ~ 1e-2.
   */
  integratorRkc: 2e-5,
  /**
   * The same for exprb43 alone (and 'auto', which on this small,
   * non-stiff problem runs dopri5 throughout): order 4, measured
   * <= 7.9e-10 (auto <= 3.9e-10) over T = 1.5 and 2, seeds 1-3, against rk4
   * with step 2e-3. A wrong phi-function coefficient gives errors O(h^2).
   */
  integratorExprb43: 1e-7,
  /**
   * Reduced-span flow vs the full-d flow from the same start: the same ODE
   * in other coordinates, integrated with tolerances 1e-11; only the step
   * sequences differ (measured 3.5e-13 at d = 30, m* = 2, m = 4).
   */
  reducedFlow: 1e-9,
  /**
   * Row-norm drift of the flow over T = 1.5 at default tolerances (the field
   * is tangent, so drift is integration error): measured over T = 2, dopri5
   * <= 2.4e-9, rkc <= 5.8e-7 (6.7e-7 with m = 3; rkc's drift grows with T,
   * longer runs need a looser bound).
   */
  normDrift: 1e-6,
} as const;

/** Monte-Carlo agreement is judged at this many combined standard errors (false alarm 6e-5 per comparison). */
export const SIGMAS = 4;

/** Scale of a relative comparison: max(1, |a|, |b|). */
export function scaleOf(a: number, b: number): number {
  return Math.max(1, Math.abs(a), Math.abs(b));
}

/** |a - b| / max(1, |a|, |b|); NaN when either is NaN. */
export function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / scaleOf(a, b);
}

/** Throws unless |actual - expected| <= tol * max(1, |actual|, |expected|). */
export function expectClose(actual: number, expected: number, tol: number, what = 'value'): void {
  const err = relativeError(actual, expected);
  if (!(err <= tol)) {
    throw new Error(`${what}: ${actual} vs ${expected}, relative error ${err.toExponential(2)} > ${tol}`);
  }
}

/** Element-wise {@link expectClose} over two equal-length arrays. */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what = 'array'): void {
  if (actual.length !== expected.length) throw new Error(`${what}: length ${actual.length} vs ${expected.length}`);
  for (let k = 0; k < actual.length; k++) expectClose(actual[k], expected[k], tol, `${what}[${k}]`);
}

/** Largest |a_k - b_k| over two equal-length arrays (for reports and messages). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDiff: length ${a.length} vs ${b.length}`);
  let e = 0;
  for (let k = 0; k < a.length; k++) e = Math.max(e, Math.abs(a[k] - b[k]));
  return e;
}

/**
 * Throws unless two estimates with standard errors agree within
 * `sigmas` * sqrt(se_a^2 + se_b^2) (plus `floor`, for the rounding of
 * estimates whose standard error is 0).
 */
export function expectWithinStderr(
  a: { value: number; stderr: number },
  b: { value: number; stderr: number },
  what = 'estimate',
  sigmas = SIGMAS,
  floor = TOLERANCE.float64.reorder,
): void {
  const se = Math.hypot(a.stderr, b.stderr);
  const bound = sigmas * se + floor * scaleOf(a.value, b.value);
  const diff = Math.abs(a.value - b.value);
  if (!(diff <= bound)) {
    throw new Error(`${what}: ${a.value} (se ${a.stderr}) vs ${b.value} (se ${b.stderr}): |diff| ${diff.toExponential(3)} = ${(diff / se).toFixed(2)} standard errors > ${sigmas}`);
  }
}
