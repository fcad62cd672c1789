import { chiVariate } from './gamma.ts';
import type { Rng } from './streams.ts';

/**
 * The Bartlett factor of a rows x n matrix N of i.i.d. standard normals:
 * the lower-trapezoidal T (rows x q, q = min(rows, n)) of N = T H, where H
 * (q x n, orthonormal rows) is Haar-distributed and independent of T.
 *
 *   T_ii ~ chi_{n - i}   (i = 0 .. q - 1, zero-based: chi_n, chi_{n-1}, ...),
 *   T_ij ~ N(0, 1)       (j < i, j < q),     T_ij = 0 (j > i),
 *
 * all independent. Why: Gram-Schmidt on the rows of N; row i has i.i.d.
 * N(0, 1) coordinates on the i orthonormal directions found before it, and
 * its remainder, in the (n - i)-dimensional rest, has length chi_{n - i} and
 * a uniform direction independent of everything else (for i >= n there is
 * no rest: the whole row is n normal coordinates). Bartlett, "On the theory
 * of statistical regression" (1933); see Muirhead, "Aspects of Multivariate
 * Statistical Theory", Thm 3.2.14. T T^T is then Wishart(I, n), and n can be
 * any size: the chi variates are exact at 10^9 degrees of freedom
 * (gamma.ts).
 *
 * Drawn row by row, each row's normals before its chi, from `rng`; written
 * row-major into `out` (length >= rows x q, entries above the diagonal set
 * to zero). Returns q.
 */
export function bartlettFactor(rows: number, n: number, rng: Rng, out: Float64Array): number {
  const q = Math.min(rows, n);
  for (let i = 0; i < rows; i++) {
    const o = i * q;
    const below = Math.min(i, q);
    for (let j = 0; j < below; j++) out[o + j] = rng.normal();
    if (i < q) out[o + i] = chiVariate(n - i, rng);
    for (let j = i + 1; j < q; j++) out[o + j] = 0;
  }
  return q;
}
