/**
 * Eigen-decomposition T = Q diag(lambda) Q^T of a symmetric tridiagonal m x m
 * matrix (diagonal `a`, off-diagonal `b`, b[k] between k and k + 1), by the
 * implicit symmetric QR iteration with Wilkinson shifts (Golub and Van Loan,
 * Matrix Computations, section 8.3): each sweep chases the bulge of one
 * shifted Givens rotation down the active block; an off-diagonal entry below
 * eps (|a_k| + |a_{k+1}|) splits the matrix. Converges cubically, so a few
 * sweeps per eigenvalue; O(m^2) rotations each updating m entries of Q.
 *
 * Writes the eigenvalues into `lambda` (unordered) and Q row-major into `q`
 * (column j is the eigenvector of lambda[j]); `a` and `b` are overwritten.
 * Used on the small Lanczos matrices of the exponential integrator
 * (src/dynamics/flow/lanczos.ts), m <= ~60.
 */
export function tridiagonalEigen(a: Float64Array, b: Float64Array, m: number, lambda: Float64Array, q: Float64Array): void {
  q.fill(0, 0, m * m);
  for (let i = 0; i < m; i++) q[i * m + i] = 1;
  let hi = m - 1;
  let sweeps = 0;
  while (hi > 0) {
    // Deflate: drop negligible couplings, then find the unreduced block [lo, hi].
    for (let k = 0; k < hi; k++) if (Math.abs(b[k]) <= EPS * (Math.abs(a[k]) + Math.abs(a[k + 1]))) b[k] = 0;
    while (hi > 0 && b[hi - 1] === 0) hi--;
    if (hi === 0) break;
    let lo = hi - 1;
    while (lo > 0 && b[lo - 1] !== 0) lo--;
    if (++sweeps > 60 * m) throw new Error(`tridiagonalEigen: no convergence after ${sweeps} sweeps (m = ${m})`);
    qrSweep(a, b, lo, hi, q, m);
  }
  for (let i = 0; i < m; i++) lambda[i] = a[i];
}

const EPS = 2.220446049250313e-16;

/** One implicit shifted QR sweep on the block [lo, hi] (Wilkinson shift from its trailing 2 x 2). */
function qrSweep(a: Float64Array, b: Float64Array, lo: number, hi: number, q: Float64Array, m: number): void {
  const d = 0.5 * (a[hi - 1] - a[hi]);
  const bb = b[hi - 1] * b[hi - 1];
  const mu = a[hi] - bb / (d + (d >= 0 ? 1 : -1) * Math.hypot(d, b[hi - 1]));
  let x = a[lo] - mu;
  let z = b[lo];
  for (let k = lo; k < hi; k++) {
    // Rotation in the plane (k, k+1) that zeroes z against x: the shifted first column, then the bulge.
    const r = Math.hypot(x, z);
    const c = r === 0 ? 1 : x / r, s = r === 0 ? 0 : -z / r;
    if (k > lo) b[k - 1] = r;
    const ak = a[k], ak1 = a[k + 1], bk = b[k];
    a[k] = c * c * ak - 2 * c * s * bk + s * s * ak1;
    a[k + 1] = s * s * ak + 2 * c * s * bk + c * c * ak1;
    b[k] = c * s * (ak - ak1) + (c * c - s * s) * bk;
    if (k + 1 < hi) {
      // The rotation couples k to k + 2: the bulge below the band, chased next.
      x = b[k];
      z = -s * b[k + 1];
      b[k + 1] = c * b[k + 1];
    }
    for (let i = 0; i < m; i++) {
      const qk = q[i * m + k], qk1 = q[i * m + k + 1];
      q[i * m + k] = c * qk - s * qk1;
      q[i * m + k + 1] = s * qk + c * qk1;
    }
  }
}
