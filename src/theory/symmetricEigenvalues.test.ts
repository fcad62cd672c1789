import { describe, expect, it } from 'vitest';
import { SeedStreams } from '../core/streams.ts';
import { symmetricEigenvalues } from './symmetricEigenvalues.ts';

describe('symmetricEigenvalues', () => {
  it('finds the eigenvalues of Q diag(l) Q^T for a random orthogonal Q', () => {
    const n = 7;
    const rng = new SeedStreams('eig').stream('q');
    // Gram-Schmidt on Gaussian columns.
    const q: number[][] = [];
    while (q.length < n) {
      const v = Array.from({ length: n }, () => rng.normal());
      for (const u of q) {
        const c = u.reduce((s, x, i) => s + x * v[i], 0);
        u.forEach((x, i) => (v[i] -= c * x));
      }
      const len = Math.hypot(...v);
      q.push(v.map((x) => x / len));
    }
    const l = [-2, 0, 0.5, 1e-6, 3, 3, 10];
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = q.reduce((s, u, k) => s + u[i] * l[k] * u[j], 0);
    const got = Array.from(symmetricEigenvalues(a, n));
    [...l].sort((x, y) => x - y).forEach((x, k) => expect(Math.abs(got[k] - x)).toBeLessThan(1e-12));
  });

  it('rejects a matrix of the wrong size', () => {
    expect(() => symmetricEigenvalues([1, 2, 3], 2)).toThrow(/expected 4 entries/);
  });
});
