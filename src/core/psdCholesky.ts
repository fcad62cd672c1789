/**
 * A lower-triangular L with L L^T = S for a symmetric positive
 * *semi*-definite n x n matrix S (row-major, lower triangle read), written
 * into `out` (n x n, upper triangle zeroed).
 *
 * Where S is singular (its rank below n: fewer samples than rows, rows of
 * the SGD coefficients that are exact multiples of each other, e.g. the two
 * students of a cancelling pair), a pivot falls to rounding level; it is set
 * to zero with its column below it, which is the exact factor of the
 * singular S (the column's residuals vanish with the pivot) up to rounding.
 * A pivot counts as zero when it is at most `tol` x the largest diagonal
 * entry (default 1e-13: rounding in a pivot is ~n x 1e-16 of the diagonal).
 */
export function psdCholesky(s: Float64Array, n: number, out: Float64Array, tol = 1e-13): Float64Array {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, s[i * n + i]);
  const floor = tol * scale;
  out.fill(0, 0, n * n);
  for (let j = 0; j < n; j++) {
    const jo = j * n;
    let pivot = s[jo + j];
    for (let k = 0; k < j; k++) pivot -= out[jo + k] * out[jo + k];
    if (!(pivot > floor)) continue; // a dependent column: zero (a NaN in S reaches the caller through its other uses)
    const ljj = Math.sqrt(pivot);
    out[jo + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const io = i * n;
      let v = s[io + j];
      for (let k = 0; k < j; k++) v -= out[io + k] * out[jo + k];
      out[io + j] = v / ljj;
    }
  }
  return out;
}
