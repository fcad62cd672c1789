import { describe, expect, it } from 'vitest';
import { SeedStreams } from '../../core/streams.ts';
import { tridiagonalEigen } from './tridiagonalEigen.ts';

/** max |T Q - Q Lambda| and max |Q^T Q - I| for the decomposition of (a, b). */
function residuals(a: Float64Array, b: Float64Array): { residual: number; orthogonality: number; lambda: Float64Array } {
  const m = a.length;
  const lambda = new Float64Array(m), q = new Float64Array(m * m);
  tridiagonalEigen(a.slice(), b.slice(), m, lambda, q);
  let residual = 0, orthogonality = 0;
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      let tq = a[i] * q[i * m + j];
      if (i > 0) tq += b[i - 1] * q[(i - 1) * m + j];
      if (i < m - 1) tq += b[i] * q[(i + 1) * m + j];
      residual = Math.max(residual, Math.abs(tq - lambda[j] * q[i * m + j]));
    }
    for (let k = 0; k < m; k++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += q[i * m + j] * q[i * m + k];
      orthogonality = Math.max(orthogonality, Math.abs(s - (j === k ? 1 : 0)));
    }
  }
  return { residual, orthogonality, lambda };
}

describe('tridiagonalEigen', () => {
  it('decomposes random symmetric tridiagonal matrices, split ones (zero couplings) included, to rounding', () => {
    const rng = new SeedStreams('tridiagonal').stream('t');
    for (const m of [1, 2, 3, 7, 20, 45]) {
      const a = Float64Array.from({ length: m }, () => 20 * rng.normal());
      const b = Float64Array.from({ length: m }, (_, k) => (k % 6 === 5 ? 0 : 5 * rng.normal()));
      const r = residuals(a, b);
      expect(r.residual, `m = ${m}`).toBeLessThan(1e-12 * 60);
      expect(r.orthogonality, `m = ${m}`).toBeLessThan(1e-13);
    }
  });

  it('finds clustered and repeated eigenvalues (the Lanczos matrices of this flow have clusters)', () => {
    // diag(1, 1, 1, 5, 5) in a rotated tridiagonal form is hard to build; use the Laplacian-like
    // matrix with couplings 1e-9 between equal diagonal entries: eigenvalues 1 +- 1e-9 and 5 +- 1e-9.
    const a = Float64Array.from([1, 1, 1, 5, 5]);
    const b = Float64Array.from([1e-9, 1e-9, 0, 1e-9]);
    const r = residuals(a, b);
    expect(r.residual).toBeLessThan(1e-14);
    const sorted = Array.from(r.lambda).sort((x, y) => x - y);
    expect(sorted[0]).toBeCloseTo(1, 8);
    expect(sorted[4]).toBeCloseTo(5, 8);
  });
});
