import { dotAt } from '../../core/dot.ts';
import { cholesky4 } from './cholesky4.ts';
import { pairFactor } from './pairFactor.ts';

/**
 * Every Cholesky pivot of a pair (1 - r^2 and the two after it) at least this
 * large: the Gram route is used.
 */
export const GRAM_ROUTE_MIN_PIVOT = 0.1;

/**
 * The lower factor of the correlation matrix of the directions in rows
 * i0..i3 (a_p, a_q, b_p, b_q). Well-conditioned pairs (every pivot >=
 * {@link GRAM_ROUTE_MIN_PIVOT}, most pairs of a generic configuration) take
 * the cheap route: six dot products and {@link cholesky4}, whose forward error
 * there is a few ulps (pivot >= 0.1 bounds the amplification of the Gram
 * entries' rounding by 10). The rest, near-collinear geometry included, take
 * Gram-Schmidt on the vectors ({@link pairFactor}), which stays accurate where
 * the Gram route loses digits. Measured by `npx tsx tools/pairRoutes.ts` on
 * 20,000 random pairs (dim 4..63) with every pivot >= 0.1: the two routes'
 * factors differ by <= 4.7e-15 and the kernel outputs by <= 2.0e-15
 * max(1, |K|); at dim 60 the Gram route costs about 1/5 of the other. The six
 * dot products are the core one (src/core/dot.ts), in the same order as
 * everywhere else. Both routes negate the expert entries exactly when an expert is
 * negated, and take the same branch, so cancelling pairs still cancel to
 * the bit.
 *
 * With `gram` (units units^T, n x n for n rows, computed once for all pairs
 * of a gradient: the six dot products per pair were ~40% of a gradient at
 * (m*, m) = (5, 25) with the tabulated kernel) the entries are read from it
 * instead; the Gram-Schmidt fallback still works on the vectors. A
 * diagonal pair (one expert with itself: i0 = i1, i2 = i3) then stays on the
 * Gram route although its first pivot is 0: with r = e = 1 exactly and
 * s1 = c12 = c21 = s2 read from one entry, Cholesky's semidefinite branch
 * gives the exact factor up to rounding (the near-collinear danger, a pivot
 * computed from inexact entries, does not arise).
 */
export function pairFactorOf(
  units: Float64Array, dim: number, i0: number, i1: number, i2: number, i3: number, out: Float64Array, work: Float64Array,
  gram?: Float64Array,
): Float64Array {
  if (gram) {
    const n = units.length / dim;
    cholesky4(gram[i0 * n + i1], gram[i0 * n + i2], gram[i0 * n + i3], gram[i2 * n + i1], gram[i1 * n + i3], gram[i2 * n + i3], out);
    if (i0 === i1 && i2 === i3) return out;
  } else {
    const a = i0 * dim, b = i1 * dim, c = i2 * dim, d = i3 * dim;
    const r = dotAt(units, a, units, b, dim), s1 = dotAt(units, a, units, c, dim), c12 = dotAt(units, a, units, d, dim);
    const c21 = dotAt(units, c, units, b, dim), s2 = dotAt(units, b, units, d, dim), e = dotAt(units, c, units, d, dim);
    cholesky4(r, s1, c12, c21, s2, e, out);
  }
  const p = GRAM_ROUTE_MIN_PIVOT;
  if (out[5] * out[5] >= p && out[10] * out[10] >= p && out[15] * out[15] >= p) return out;
  return pairFactor(units, dim, i0, i1, i2, i3, out, work);
}
