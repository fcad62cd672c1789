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
 * the Gram route loses digits. Measured on 20,000 random pairs (dim 4..63):
 * with every pivot >= 0.1 the two routes' factors differ by <= 1.8e-15 and the
 * kernel outputs by <= 2.2e-15 max(1, |K|); the Gram route costs ~1/4 of the
 * other. Both routes negate the expert entries exactly when an expert is
 * negated, and take the same branch, so cancelling pairs still cancel to
 * the bit.
 */
export function pairFactorOf(
  units: Float64Array, dim: number, i0: number, i1: number, i2: number, i3: number, out: Float64Array, work: Float64Array,
): Float64Array {
  const r = dot(units, dim, i0, i1), s1 = dot(units, dim, i0, i2), c12 = dot(units, dim, i0, i3);
  const c21 = dot(units, dim, i2, i1), s2 = dot(units, dim, i1, i3), e = dot(units, dim, i2, i3);
  cholesky4(r, s1, c12, c21, s2, e, out);
  const p = GRAM_ROUTE_MIN_PIVOT;
  if (out[5] * out[5] >= p && out[10] * out[10] >= p && out[15] * out[15] >= p) return out;
  return pairFactor(units, dim, i0, i1, i2, i3, out, work);
}

/** <units[i], units[j]> with four partial sums (a fixed order: the same on every thread). */
function dot(units: Float64Array, dim: number, i: number, j: number): number {
  const a = i * dim, b = j * dim;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k = 0;
  for (; k + 3 < dim; k += 4) {
    s0 += units[a + k] * units[b + k];
    s1 += units[a + k + 1] * units[b + k + 1];
    s2 += units[a + k + 2] * units[b + k + 2];
    s3 += units[a + k + 3] * units[b + k + 3];
  }
  for (; k < dim; k++) s0 += units[a + k] * units[b + k];
  return s0 + s1 + (s2 + s3);
}
