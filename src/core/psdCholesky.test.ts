import { describe, expect, it } from 'vitest';
import { SeedStreams } from './streams.ts';
import { psdCholesky } from './psdCholesky.ts';

/** A a^T for an n x r matrix a of normals: positive semi-definite of rank min(n, r). */
function gramOf(n: number, r: number, seed: string): Float64Array {
  const rng = new SeedStreams(seed).stream('data');
  const a = rng.fillNormal(new Float64Array(n * r));
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < r; k++) s[i * n + j] += a[i * r + k] * a[j * r + k];
  return s;
}

function maxResidual(s: Float64Array, l: Float64Array, n: number): number {
  let worst = 0, scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, s[i * n + i]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let v = 0;
      for (let k = 0; k < n; k++) v += l[i * n + k] * l[j * n + k];
      worst = Math.max(worst, Math.abs(v - s[i * n + j]) / scale);
    }
  }
  return worst;
}

describe('psdCholesky', () => {
  it.each([
    [6, 10],
    [8, 3], // rank 3 < 8
    [50, 50],
    [50, 20],
  ])('L L^T = S to 1e-12 of its scale, L lower triangular (n = %d, rank %d)', (n, r) => {
    // Measured: <= 6e-16 at full rank and at n = 8, rank 3; 1.5e-13 at n = 50, rank 20 (the dropped pivots' rounding-level Schur complements).
    const s = gramOf(n, r, `chol-${n}-${r}`);
    const l = psdCholesky(s, n, new Float64Array(n * n).fill(Number.NaN));
    expect(maxResidual(s, l, n)).toBeLessThan(1e-12);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(l[i * n + j]).toBe(0);
  });

  it('gives exactly opposite rows for exactly opposite rows of the factor (a cancelling pair)', () => {
    // Rows 0 and 1 of C are c and -c: S has rank 2 of 3, and the noise of the two rows must stay opposite.
    const c = [[1, 2, -0.5, 3], [-1, -2, 0.5, -3], [0.3, -1, 2, 0.1]];
    const n = 3;
    const s = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = c[i].reduce((t, x, k) => t + x * c[j][k], 0);
    const l = psdCholesky(s, n, new Float64Array(n * n));
    for (let k = 0; k < n; k++) expect(l[n + k]).toBe(-l[k] + 0); // + 0: -0 and 0 are the same coefficient
    expect(l[n + 1]).toBe(0);
  });

  it('is all zero for S = 0 (a student at the teacher: every residual vanishes)', () => {
    const l = psdCholesky(new Float64Array(9), 3, new Float64Array(9).fill(1));
    expect(Array.from(l)).toEqual(new Array(9).fill(0));
  });
});
