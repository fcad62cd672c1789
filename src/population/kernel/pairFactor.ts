import { dotAt } from '../../core/dot.ts';

/**
 * Lower factor L (row-major 4x4) of the correlation matrix of four unit
 * directions (a_p, a_q, b_p, b_q), computed from the vectors themselves by
 * modified Gram-Schmidt: column j of L^T holds the coordinates of direction j
 * on the orthonormal directions found before it.
 *
 * Why not Cholesky of the Gram entries ({@link cholesky4})? Gram entries of
 * rounded unit vectors carry absolute errors ~1e-16, so when two routers are
 * nearly collinear (1 - r ~ 1e-14, a student converging to a teacher, the
 * two members of a cancelling pair) the pivot 1 - r^2 has a relative error
 * of percents, later pivots turn negative and are clamped, and L L^T misses
 * the input by up to 1e-2. Gram-Schmidt on the vectors is backward stable
 * (Bjorck and Paige 1992): L is the exact factor of directions within a few
 * ulps of the given ones, so it is consistent (positive semidefinite) by
 * construction and the expectation, Lipschitz in the directions, inherits
 * rounding-level accuracy. A remainder below {@link RANK_TOL} (a direction
 * in the span of the previous ones up to rounding, e.g. identical routers)
 * is set to exactly zero, which moves the direction by at most that much.
 *
 * `units` holds unit rows of length `dim`; i0..i3 are the rows of a_p, a_q,
 * b_p, b_q. `work` needs 4 * dim entries.
 */
export function pairFactor(
  units: Float64Array, dim: number, i0: number, i1: number, i2: number, i3: number, out: Float64Array, work: Float64Array,
): Float64Array {
  out.fill(0);
  const rows = [i0, i1, i2, i3];
  for (let j = 0; j < 4; j++) {
    const v = j * dim;
    const src = rows[j] * dim;
    for (let k = 0; k < dim; k++) work[v + k] = units[src + k];
    // Project out the previous orthonormal directions (stored in work rows 0..j-1; zero rows skipped).
    for (let i = 0; i < j; i++) {
      if (out[i * 4 + i] === 0) continue;
      const q = i * dim;
      const c = dotAt(work, q, work, v, dim);
      out[j * 4 + i] = c;
      for (let k = 0; k < dim; k++) work[v + k] -= c * work[q + k];
    }
    const len = Math.sqrt(dotAt(work, v, work, v, dim));
    if (len > RANK_TOL) {
      out[j * 4 + j] = len;
      for (let k = 0; k < dim; k++) work[v + k] /= len;
    }
    // Unit rows: the correlation matrix has an exact unit diagonal.
    const n = Math.sqrt(dotAt(out, j * 4, out, j * 4, j + 1));
    for (let i = 0; i <= j; i++) out[j * 4 + i] /= n;
  }
  return out;
}

/** Remainders (relative to a unit direction) treated as exact zeros: a few hundred ulps. */
export const RANK_TOL = 1e-13;
