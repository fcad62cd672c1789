import { describe, expect, it } from 'vitest';
import { SeedStreams, type Rng } from '../../core/streams.ts';
import { krylovPhi, krylovWorkspace, type MatVec } from './krylovPhi.ts';
import { phiFunctions } from './phiFunctions.ts';

/** A random orthonormal basis of R^n (Gram-Schmidt of Gaussian rows), row-major. */
function orthonormal(n: number, rng: Rng): Float64Array {
  const q = rng.fillNormal(new Float64Array(n * n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      let c = 0;
      for (let k = 0; k < n; k++) c += q[i * n + k] * q[j * n + k];
      for (let k = 0; k < n; k++) q[i * n + k] -= c * q[j * n + k];
    }
    let s = 0;
    for (let k = 0; k < n; k++) s += q[i * n + k] ** 2;
    for (let k = 0; k < n; k++) q[i * n + k] /= Math.sqrt(s);
  }
  return q;
}

/** A = sum_i lambda_i q_i q_i^T with eigenvectors the rows q_i: its product and its exact phi_k(h A) v. */
function symmetric(lambda: number[], rng: Rng): { matvec: MatVec; phi: (h: number, k: number, v: Float64Array) => Float64Array; q: Float64Array } {
  const n = lambda.length;
  const q = orthonormal(n, rng);
  const apply = (g: (l: number) => number, v: Float64Array, out: Float64Array) => {
    out.fill(0);
    for (let i = 0; i < n; i++) {
      let c = 0;
      for (let k = 0; k < n; k++) c += q[i * n + k] * v[k];
      c *= g(lambda[i]);
      for (let k = 0; k < n; k++) out[k] += c * q[i * n + k];
    }
    return out;
  };
  const phi = new Float64Array(6);
  return {
    matvec: (v, out) => void apply((l) => l, v, out),
    phi: (h, k, v) => apply((l) => phiFunctions(h * l, k, phi)[k], v, new Float64Array(n)),
    q,
  };
}

const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

describe('krylovPhi', () => {
  it('approximates phi_1 and phi_3 of a stiff clustered spectrum (h rho = 4000) to the tolerance, several requests from one space', () => {
    const rng = new SeedStreams('krylov').stream('a');
    // Eigenvalues like this flow's on a plateau: clusters near -18, -15, -10, -6, a spread near 0, one small positive.
    const lambda = Array.from({ length: 80 }, (_, i) => [-18, -15.01, -10.56, -6.11, -0.54][i % 5] - 1e-4 * i * (i % 5 === 4 ? 100 : 1));
    lambda[79] = 0.004;
    const A = symmetric(lambda, rng);
    const v = rng.fillNormal(new Float64Array(80));
    const ws = krylovWorkspace(80, 60);
    const h = 4000 / 18;
    const out1 = new Float64Array(80), out3 = new Float64Array(80);
    const r = krylovPhi(A.matvec, v, [{ h, k: 1, tol: 1e-9, out: out1 }, { h, k: 3, tol: 1e-9, out: out3 }], ws);
    expect(r.converged).toBe(true);
    expect(r.dim).toBeLessThan(60);
    expect(maxDiff(out1, A.phi(h, 1, v))).toBeLessThan(1e-8);
    expect(maxDiff(out3, A.phi(h, 3, v))).toBeLessThan(1e-8);
    expect(r.rho).toBeGreaterThan(17);
    expect(r.rho).toBeLessThanOrEqual(18.01);
  });

  it('stops at an invariant subspace: a vector in one eigenspace is exact at dimension 1', () => {
    const rng = new SeedStreams('krylov').stream('b');
    const A = symmetric([-3, -1, 2, -7], rng);
    const v = A.q.slice(4, 8).map((x) => 2 * x); // 2 q_1, eigenvalue -1
    const out = new Float64Array(4);
    const r = krylovPhi(A.matvec, v, [{ h: 0.5, k: 1, tol: 1e-14, out }], krylovWorkspace(4, 4));
    expect(r.dim).toBe(1);
    expect(maxDiff(out, A.phi(0.5, 1, v))).toBeLessThan(1e-15);
  });

  it('gives zero for a zero vector without any product', () => {
    let products = 0;
    const out = new Float64Array(3).fill(7);
    const r = krylovPhi((_v, o) => { products++; o.fill(0); }, new Float64Array(3), [{ h: 1, k: 1, tol: 1, out }], krylovWorkspace(3, 3));
    expect(r).toMatchObject({ dim: 0, converged: true });
    expect(products).toBe(0);
    expect(Array.from(out)).toEqual([0, 0, 0]);
  });

  it('reports no convergence when the dimension limit is too small for the tolerance', () => {
    const rng = new SeedStreams('krylov').stream('c');
    const A = symmetric(Array.from({ length: 40 }, (_, i) => -400 * (i / 39) ** 2), rng);
    const out = new Float64Array(40);
    const r = krylovPhi(A.matvec, rng.fillNormal(new Float64Array(40)), [{ h: 10, k: 1, tol: 1e-12, out }], krylovWorkspace(40, 6));
    expect(r.converged).toBe(false);
    expect(r.dim).toBe(6);
  });
});
