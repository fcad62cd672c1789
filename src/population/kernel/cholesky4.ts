/**
 * Lower Cholesky factor L (row-major 4x4) of a covariance matrix of four
 * unit-variance Gaussians (u1, u2, w1, w2), semidefinite-safe.
 *
 * Near-degenerate geometry is the normal case in this model (identical
 * routers of a cancelling pair give corr(u1, u2) = 1 exactly), so a pivot
 * that is <= 0 after rounding is treated as exactly zero: that variable is a
 * linear function of the previous ones and its column is zero. A positive
 * pivot, however small, is kept: Cholesky is backward stable, so L L^T equals
 * the input to O(machine epsilon) and the Gaussian expectation, which is
 * Lipschitz in the covariance, inherits that accuracy. Clamping a rounding-
 * negative pivot changes the covariance by O(epsilon) only.
 *
 * The six correlations: r = corr(u1, u2), s1 = corr(u1, w1), c12 = corr(u1, w2),
 * c21 = corr(u2, w1), s2 = corr(u2, w2), e = corr(w1, w2).
 */
export function cholesky4(
  r: number, s1: number, c12: number, c21: number, s2: number, e: number, out: Float64Array,
): Float64Array {
  // Row 0: u1 = g0.
  out.fill(0);
  out[0] = 1;
  // Row 1: u2. 1 - r^2 as (1 - r)(1 + r) keeps relative accuracy near |r| = 1.
  out[4] = r;
  const p1 = (1 - r) * (1 + r);
  const l11 = p1 > 0 ? Math.sqrt(p1) : 0;
  out[5] = l11;
  // Row 2: w1.
  out[8] = s1;
  const l21 = l11 > 0 ? (c21 - s1 * r) / l11 : 0;
  out[9] = l21;
  const p2 = 1 - s1 * s1 - l21 * l21;
  const l22 = p2 > 0 ? Math.sqrt(p2) : 0;
  out[10] = l22;
  // Row 3: w2.
  out[12] = c12;
  const l31 = l11 > 0 ? (s2 - c12 * r) / l11 : 0;
  out[13] = l31;
  const l32 = l22 > 0 ? (e - c12 * s1 - l31 * l21) / l22 : 0;
  out[14] = l32;
  const p3 = 1 - c12 * c12 - l31 * l31 - l32 * l32;
  out[15] = p3 > 0 ? Math.sqrt(p3) : 0;
  return out;
}
