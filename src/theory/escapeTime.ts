import { leadingOrder } from './leadingOrder.ts';

/**
 * The leading-order escape time: the first passage of the expert overlap r
 * of dr/dt = kappa r^2 (1 - r^2), kappa = 18 c0^2 (src/theory/leadingOrder.ts),
 * from r0 to the threshold th:
 *   T(r0) = (1/kappa) [1/r0 - 1/th + atanh(th) - atanh(r0)]
 * (partial fractions: 1/(r^2 (1 - r^2)) = 1/r^2 + 1/(1 - r^2)). With
 * r0 = z / sqrt(d), T = sqrt(d) / (kappa z) + O(1): the sqrt(d) time scale of
 * the feature-learning phase, and its constant. Needs 0 < r0 < th < 1: a
 * student whose overlap starts at or below zero never escapes at this order
 * (its overlap drifts up to 0 and stays there; He3 is odd).
 */
export function escapeTime(r0: number, threshold: number, kappa = leadingOrder().kappa): number {
  if (!(threshold > 0 && threshold < 1)) throw new RangeError(`escapeTime: threshold must be in (0, 1), found ${threshold}`);
  if (!(r0 > 0 && r0 < threshold)) throw new RangeError(`escapeTime: r0 must be in (0, threshold = ${threshold}), found ${r0}`);
  if (!(kappa > 0)) throw new RangeError(`escapeTime: kappa must be > 0, found ${kappa}`);
  return (1 / r0 - 1 / threshold + Math.atanh(threshold) - Math.atanh(r0)) / kappa;
}
