/**
 * Re-expresses `rows` row vectors in an orthonormal basis of their span,
 * keeping the first `lead` coordinates as they are: the block of columns
 * [lead, lead + n) of `a` (row-major, row stride `stride`) is replaced, in
 * place, by L of its LQ factorisation M = L Q (Householder reflections from
 * the right; Q, q x n with orthonormal rows, is not formed), and the columns
 * beyond lead + q zeroed. Returns q = min(rows, n).
 *
 * In span-SGD (spanSgdStep.ts) the first `lead` coordinates are the
 * teacher's span, which never moves, and the block holds the students'
 * coordinates outside it on a basis that has just grown by the step's fresh
 * directions; L holds them on a new basis (the rows of Q) of at most `rows`
 * directions, so the basis never grows beyond 2m + (teacher rank). Only
 * inner products matter (the data law is rotation invariant), so the new
 * basis need never be known. L is lower trapezoidal: row i has no
 * coordinates beyond lead + i + 1, which the next step's projections use.
 *
 * Householder LQ is backward stable with Q orthonormal to rounding even when
 * the block is rank deficient (a zero row remainder gives a zero pivot and
 * an arbitrary, still orthonormal, basis direction), so inner products
 * between rows are kept to ~1e-16.
 */
export function compressRows(a: Float64Array, rows: number, stride: number, lead: number, n: number): number {
  const q = Math.min(rows, n);
  for (let i = 0; i < q; i++) {
    const pivotAt = i * stride + lead + i;
    const len = n - i;
    let sq = 0;
    for (let k = 0; k < len; k++) sq += a[pivotAt + k] * a[pivotAt + k];
    if (sq === 0) continue;
    const x0 = a[pivotAt];
    const alpha = x0 > 0 ? -Math.sqrt(sq) : Math.sqrt(sq);
    // Reflector v = x - alpha e_0, stored in row i itself (its old values are not needed again), v.v = 2 (sq - alpha x0).
    a[pivotAt] = x0 - alpha;
    const beta = 1 / (sq - alpha * x0);
    for (let r = i + 1; r < rows; r++) {
      const ro = r * stride + lead + i;
      let s = 0;
      for (let k = 0; k < len; k++) s += a[ro + k] * a[pivotAt + k];
      s *= beta;
      if (s === 0) continue;
      for (let k = 0; k < len; k++) a[ro + k] -= s * a[pivotAt + k];
    }
    a[pivotAt] = alpha;
    for (let k = 1; k < len; k++) a[pivotAt + k] = 0;
  }
  for (let r = 0; r < rows; r++) a.fill(0, r * stride + lead + q, r * stride + lead + n);
  return q;
}
