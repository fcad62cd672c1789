import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeedStreams } from '../../core/streams.ts';
import { EXACT } from '../../../test-support/tolerance.ts';
import { cholesky4 } from './cholesky4.ts';

type Corr = [r: number, s1: number, c12: number, c21: number, s2: number, e: number];

/** max |L L^T - C| over the 4x4 correlation matrix C of `c` (unit diagonal). */
function residual(c: Corr): { L: Float64Array; err: number } {
  const [r, s1, c12, c21, s2, e] = c;
  const C = [[1, r, s1, c12], [r, 1, c21, s2], [s1, c21, 1, e], [c12, s2, e, 1]];
  const L = cholesky4(...c, new Float64Array(16));
  let err = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += L[i * 4 + k] * L[j * 4 + k];
      err = Math.max(err, Math.abs(s - C[i][j]));
    }
  }
  return { L, err };
}

/** Correlations of (a_p, a_q, b_p, b_q) given as exact combinations of an orthonormal basis. */
function corrOf(a: number[], b: number[], c: number[], d: number[]): Corr {
  const dot = (x: number[], y: number[]) => x.reduce((s, v, k) => s + v * y[k], 0);
  return [dot(a, b), dot(a, c), dot(a, d), dot(c, b), dot(b, d), dot(c, d)];
}

describe('cholesky4', () => {
  it('factors generic correlation matrices: lower triangular, L L^T = C to 1e-14', () => {
    // Random directions in R^6 (well conditioned almost surely). Rounding-inconsistent
    // near-singular inputs are not within this contract: see pairFactor.ts and its tests.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const rng = new SeedStreams(seed).stream('vectors');
        const [a, b, c, d] = [0, 1, 2, 3].map(() => {
          const v = Array.from(rng.fillNormal(new Float64Array(6)));
          return v.map((x) => x / Math.hypot(...v));
        });
        const { L, err } = residual(corrOf(a, b, c, d));
        expect(err).toBeLessThanOrEqual(EXACT.cholesky);
        for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) expect(L[i * 4 + j]).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('handles identical routers (r = 1 exactly) with opposite experts: a zero pivot, finite, exact', () => {
    for (const s of [0, 0.3, -0.7]) {
      // u2 = u1, w2 = -w1, corr(u, w1) = s: a cancelling pair.
      const { L, err } = residual([1, s, -s, s, -s, -1]);
      expect(Array.from(L).every(Number.isFinite)).toBe(true);
      expect(L[5]).toBe(0);
      expect(err).toBeLessThanOrEqual(EXACT.cholesky);
    }
  });

  it('handles r = -1 exactly (opposite routers)', () => {
    const { L, err } = residual([-1, 0.2, 0.5, -0.2, -0.5, 0.1]);
    expect(Array.from(L).every(Number.isFinite)).toBe(true);
    expect(err).toBeLessThanOrEqual(EXACT.cholesky);
  });

  it('handles r = 1 - 1e-15 with experts orthogonal to the routers, equal or opposite', () => {
    // Routers e0 and cos(t) e0 + sin(t) e1 with cos(t) = 1 - 1e-15: every other entry is exactly 0 or +-1.
    const r = 1 - 1e-15;
    for (const e of [1, -1, 0.25]) {
      const { L, err } = residual([r, 0, 0, 0, 0, e]);
      expect(Array.from(L).every(Number.isFinite)).toBe(true);
      expect(L[5]).toBeGreaterThan(0);
      expect(err).toBeLessThanOrEqual(EXACT.cholesky);
    }
  });

  it('handles r = 1 - 1e-15 with experts correlated to the routers, when the entries are consistent', () => {
    // u1 = e0, u2 = c e0 + s e1, w1 = x e0 + y e2, w2 = -w1: entries computed from these exact coordinates.
    const c = 1 - 1e-15;
    const s = Math.sqrt((1 - c) * (1 + c));
    const x = 0.6;
    const y = 0.8;
    const { L, err } = residual([c, x, -x, c * x, -c * x, -1]);
    expect(Array.from(L).every(Number.isFinite)).toBe(true);
    expect(s).toBeGreaterThan(0);
    expect(err).toBeLessThanOrEqual(EXACT.cholesky);
    expect(y).toBeCloseTo(L[10], 12);
  });
});
