/**
 * Rounding tiers of quantities that are >= 0 in exact arithmetic but are
 * computed as sums of terms that cancel: the population loss near an optimum
 * (L = sum of O((m + m*)^2) pair terms of size O(1) that cancel to ~0) and the
 * squared output norm of a cancelling group of experts (pruning, claim C4).
 * Such a value can come out slightly negative, e.g. -4.45e-15 for a student
 * that has converged to the teacher plus cancelling pairs. It is reported as
 * computed, never clamped to 0 (a clamp would also hide a defect far beyond
 * rounding) and never a reason to stop a run: the metrics check
 * (src/report/consistency.ts) accepts a loss down to {@link lossRoundingFloor}
 * and flags anything below it as a defect of the engine that computed it.
 * The test suites' tolerances (test-support/tolerance.ts) restate this tier.
 */

/** Unit roundoff of float64, 2^-53. */
export const UNIT_ROUNDOFF = 2 ** -53;

/**
 * Rounding of a cancelling sum, relative to the sum of the magnitudes of its
 * terms: a value that is >= 0 exactly is >= -CANCELLING_SUM * sum |term_k|
 * as computed. 64 u = 7.1e-15, 14 times the worst measured case, 4.4 u: the
 * exact engine's loss over 1,416 exact optima (teacher plus 0-6 cancelling
 * pairs, pentagon groups; m* 1-5, d 4..10^5) has -L / sum |term| <= 1.9 u,
 * over 2,124 optima moved by 1e-12..1e-9 (true loss <= 1e-18) <= 4.4 u, and
 * over 16 converged flows (m* = 1-3, m = 3-9, d = 16-200, t = 600-800, 20
 * records each) the most negative recorded loss, -4.3e-15, and the others
 * are <= 4.1 u of the final state's terms (7-35). Command:
 * `npx tsx tools/roundingTier.ts [--flows]` (prints these numbers).
 */
export const CANCELLING_SUM = 64 * UNIT_ROUNDOFF;

/**
 * The lowest value rounding can give a quantity that is >= 0 exactly and
 * computed as a cancelling sum whose terms' magnitudes add up to `magnitude`:
 * -{@link CANCELLING_SUM} * magnitude.
 */
export function roundingFloor(magnitude: number): number {
  return -CANCELLING_SUM * magnitude;
}

/**
 * A bound on the magnitudes of the exact engine's loss terms for m students
 * and m* teacher experts: 3 (m + m*)^2. Each pair term is c_pq K(p, q) with
 * |c_pq| <= 1 (halved on the diagonal) and, by Cauchy-Schwarz,
 * |K(p, q)| <= sqrt(K(p, p) K(q, q)) <= E[He3(z)^2] = 6 (the sigmoid is below
 * 1); summed over p <= q that is at most 1/2 (m + m*)^2 6. Lets a reader of
 * metrics.json, which has the loss but not its terms, bound the rounding.
 */
export function lossMagnitudeBound(m: number, mStar: number): number {
  return 3 * (m + mStar) ** 2;
}

/** {@link roundingFloor} of the loss of m students against m* teacher experts, from {@link lossMagnitudeBound}. */
export function lossRoundingFloor(m: number, mStar: number): number {
  return roundingFloor(lossMagnitudeBound(m, mStar));
}
