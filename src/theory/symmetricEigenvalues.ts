/**
 * Eigenvalues of a real symmetric n x n matrix (row-major), ascending, by
 * cyclic Jacobi rotations until the off-diagonal mass is below 1e-15 of the
 * matrix's Frobenius norm. The input is not modified. Cost O(n^3) per sweep,
 * a few sweeps: for the Hessians here (n <= ~200) well under a second.
 */
export function symmetricEigenvalues(matrix: ArrayLike<number>, n: number): Float64Array {
  if (matrix.length !== n * n) throw new RangeError(`symmetricEigenvalues: expected ${n * n} entries, found ${matrix.length}`);
  const a = Float64Array.from(matrix);
  let frob = 0;
  for (let i = 0; i < n * n; i++) frob += a[i] * a[i];
  const tol = 1e-30 * Math.max(frob, 1e-300);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * a[p * n + q] ** 2;
    if (off <= tol) break;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) rotate(a, n, p, q);
  }
  return Float64Array.from({ length: n }, (_, i) => a[i * n + i]).sort();
}

/** One Jacobi rotation zeroing a[p][q] (Numerical Recipes' stable form). */
function rotate(a: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q];
  if (apq === 0) return;
  const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p], akq = a[k * n + q];
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k], aqk = a[q * n + k];
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
}
