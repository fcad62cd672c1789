import { dot } from '../core/dot.ts';
import { zeros, row, norm, type Mat } from '../core/mat.ts';

/** An orthonormal basis of the span of some directions and their coordinates in it. */
export interface SpanCoordinates {
  /** r x d, orthonormal rows. */
  readonly basis: Mat;
  /** One matrix per input (rows x r): input rows = coords * basis, exactly up to rounding. */
  readonly coords: Mat[];
}

/**
 * Orthonormal basis of the span of all rows of `mats` (modified Gram-Schmidt,
 * twice, dropping rows whose remainder is below `tol` relative to their norm),
 * and the coordinates of every row in it. The model's output depends on x only
 * through projections on this span (dimension r <= total rows), which is why
 * Monte Carlo and gradient flow can work in R^r instead of R^d.
 */
export function spanCoordinates(mats: readonly Mat[], tol = 1e-12): SpanCoordinates {
  const d = mats[0].cols;
  const vecs: Float64Array[] = [];
  for (const m of mats) {
    for (let i = 0; i < m.rows; i++) {
      const r = Float64Array.from(row(m, i));
      const len0 = norm(r);
      for (let pass = 0; pass < 2; pass++) {
        for (const q of vecs) {
          const c = dot(r, q);
          for (let k = 0; k < d; k++) r[k] -= c * q[k];
        }
      }
      const len = norm(r);
      if (len > tol * len0 && vecs.length < d) {
        for (let k = 0; k < d; k++) r[k] /= len;
        vecs.push(r);
      }
    }
  }
  const basis = zeros(vecs.length, d);
  vecs.forEach((v, i) => basis.data.set(v, i * d));
  const coords = mats.map((m) => {
    const c = zeros(m.rows, vecs.length);
    for (let i = 0; i < m.rows; i++) {
      const r = row(m, i);
      for (let j = 0; j < vecs.length; j++) c.data[i * vecs.length + j] = dot(r, vecs[j]);
    }
    return c;
  });
  return { basis, coords };
}
