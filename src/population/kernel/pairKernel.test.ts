import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeedStreams, type Rng } from '../../core/streams.ts';
import { atOverlap } from '../../../test-support/problems.ts';
import { EXACT, expectClose } from '../../../test-support/tolerance.ts';
import { gaussHermite } from './gaussHermite.ts';
import { pairKernel, Slot } from './pairKernel.ts';

type Corr = [r: number, s1: number, c12: number, c21: number, s2: number, e: number];

/** A rule fine enough that the kernel's own quadrature error (~1e-15) is far below every tolerance here. */
const FINE = gaussHermite(64);
const kernel = (c: Corr, derivatives = false) => pairKernel(...c, FINE, derivatives, new Float64Array(7));

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const he3 = (z: number) => z * (z * z - 3);
const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/** Trapezoid nodes on [-10, 10], step 0.1, with weights h phi(g): exact to ~1e-15 for these analytic integrands. */
const GRID = Array.from({ length: 201 }, (_, i) => -10 + 0.1 * i);
const GRID_W = GRID.map((g) => 0.1 * phi(g));
/** 4-point probabilists' Gauss-Hermite, written out (exact for degree <= 7). */
const Z4 = [-Math.sqrt(3 + Math.sqrt(6)), -Math.sqrt(3 - Math.sqrt(6)), Math.sqrt(3 - Math.sqrt(6)), Math.sqrt(3 + Math.sqrt(6))];
const W4 = [(3 - Math.sqrt(6)) / 12, (3 + Math.sqrt(6)) / 12, (3 + Math.sqrt(6)) / 12, (3 - Math.sqrt(6)) / 12];

/**
 * Independent route to K = E[sig(u1) He3(w1) sig(u2) He3(w2)] for |r| < 1:
 * a trapezoid rule over (u1, u2) = (g0, r g0 + sqrt(1 - r^2) g1), and for
 * each grid point the conditional law of (w1, w2) given u by regression
 * (mean B u, covariance Sigma_ww - B Sigma_uw, B = Sigma_wu Sigma_uu^-1),
 * whose He3 product is integrated exactly by a 4x4 Gauss-Hermite rule.
 * Shares no code with pairKernel (no 4x4 Cholesky, no Isserlis
 * polynomials, no Gauss-Hermite in the router integral).
 */
function trapezoidKernel([r, s1, c12, c21, s2, e]: Corr): number {
  const q = 1 - r * r;
  // B = [[s1, c21], [c12, s2]] [[1, -r], [-r, 1]] / q: rows w1, w2; columns u1, u2.
  const b11 = (s1 - r * c21) / q, b12 = (c21 - r * s1) / q;
  const b21 = (c12 - r * s2) / q, b22 = (s2 - r * c12) / q;
  const v11 = 1 - (b11 * s1 + b12 * c21);
  const v12 = e - (b11 * c12 + b12 * s2);
  const v22 = 1 - (b21 * c12 + b22 * s2);
  const k11 = Math.sqrt(Math.max(v11, 0));
  const k21 = k11 > 0 ? v12 / k11 : 0;
  const k22 = Math.sqrt(Math.max(v22 - k21 * k21, 0));
  const sq = Math.sqrt(q);
  let sum = 0;
  for (let i = 0; i < GRID.length; i++) {
    const u1 = GRID[i];
    for (let j = 0; j < GRID.length; j++) {
      const u2 = r * u1 + sq * GRID[j];
      const m1 = b11 * u1 + b12 * u2;
      const m2 = b21 * u1 + b22 * u2;
      let inner = 0;
      for (let a = 0; a < 4; a++) {
        const w1 = m1 + k11 * Z4[a];
        const h1 = he3(w1);
        for (let b = 0; b < 4; b++) inner += W4[a] * W4[b] * h1 * he3(m2 + k21 * Z4[a] + k22 * Z4[b]);
      }
      sum += GRID_W[i] * GRID_W[j] * sigmoid(u1) * sigmoid(u2) * inner;
    }
  }
  return sum;
}

/** Correlations of four random unit vectors in R^6 with router overlap r (well inside the PSD cone). */
function randomCorr(rng: Rng, r: number): Corr {
  const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
  const g = () => unit(Array.from(rng.fillNormal(new Float64Array(6))));
  const ap = g();
  const aq = atOverlap(ap, r, rng);
  const bp = g();
  const bq = g();
  const dot = (x: number[], y: number[]) => x.reduce((s, v, k) => s + v * y[k], 0);
  return [dot(ap, aq), dot(ap, bp), dot(ap, bq), dot(bp, aq), dot(aq, bq), dot(bp, bq)];
}

/** Hermite coefficients c_k = E[sig(Z) He_k(Z)] / k! of the sigmoid, by a 1-D trapezoid rule (step 0.05 on [-14, 14]). */
function sigmoidHermite(kMax: number): number[] {
  const c = new Array<number>(kMax + 1).fill(0);
  const h = 0.05;
  for (let z = -14; z <= 14 + 1e-9; z += h) {
    const w = h * phi(z) * sigmoid(z);
    let hPrev = 1;
    let hCur = z;
    c[0] += w;
    if (kMax >= 1) c[1] += w * z;
    for (let k = 1; k < kMax; k++) {
      const hNext = z * hCur - k * hPrev;
      hPrev = hCur;
      hCur = hNext;
      c[k + 1] += w * hCur;
    }
  }
  let fact = 1;
  return c.map((v, k) => {
    if (k > 0) fact *= k;
    return v / fact;
  });
}

describe('pairKernel', () => {
  it('agrees with an independent trapezoid-and-regression route (relative 1e-11)', () => {
    const rng = new SeedStreams('kernel-independent').stream('corr');
    for (const r of [-0.9, -0.4, 0, 0.3, 0.7, 0.95]) {
      const c = randomCorr(rng, r);
      expectClose(kernel(c)[Slot.K], trapezoidKernel(c), EXACT.kernelIndependent, `K at ${c.map((x) => x.toFixed(3))}`);
    }
  });

  it('gives the Hermite coefficients of the sigmoid: c_0 = 1/2, c_1 = 0.2066, c_3 = -0.0104, c_5 = 5.4e-4, the even ones 0', () => {
    const c = sigmoidHermite(6);
    expect(c[0]).toBeCloseTo(0.5, 14);
    expect(c[1]).toBeCloseTo(0.2066, 4);
    expect(c[3]).toBeCloseTo(-0.0104, 4);
    expect(c[5]).toBeCloseTo(5.4e-4, 5);
    for (const k of [2, 4, 6]) expect(Math.abs(c[k])).toBeLessThan(1e-15);
  });

  it('equals E[sig(u1) sig(u2)] * 6 e^3 = 6 e^3 sum_k k! c_k^2 r^k when the routers are independent of the experts', () => {
    // With s1 = s2 = c12 = c21 = 0, (u1, u2) is independent of (w1, w2) and E[He3 He3] = 6 e^3.
    const c = sigmoidHermite(40);
    let fact = 1;
    const series = (r: number) =>
      c.reduce((s, ck, k) => {
        if (k > 0) fact *= k;
        return s + fact * ck * ck * r ** k;
      }, ((fact = 1), 0));
    for (const r of [-0.9, -0.3, 0, 0.5, 0.99, 1]) {
      for (const e of [1, -1, 0.3]) {
        const want = series(r) * 6 * e ** 3;
        expectClose(kernel([r, 0, 0, 0, 0, e])[Slot.K], want, EXACT.kernelIndependent, `r = ${r}, e = ${e}`);
      }
    }
  });

  it('has derivative slots equal to central differences of K in each correlation (relative 1e-7)', () => {
    const slots = [Slot.U1U2, Slot.U1W1, Slot.U1W2, Slot.U2W1, Slot.U2W2, Slot.W1W2];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.double({ min: -0.8, max: 0.8, noNaN: true }), (seed, r) => {
        const c = randomCorr(new SeedStreams(seed).stream('corr'), r);
        const d = kernel(c, true);
        const h = 1e-5;
        slots.forEach((slot, k) => {
          const plus = c.slice() as Corr;
          const minus = c.slice() as Corr;
          plus[k] += h;
          minus[k] -= h;
          const fd = (kernel(plus)[Slot.K] - kernel(minus)[Slot.K]) / (2 * h);
          expectClose(d[slot], fd, EXACT.kernelDerivative, `slot ${slot} at ${c.map((x) => x.toFixed(3))}`);
        });
        expect(d[Slot.K]).toBe(kernel(c)[Slot.K]);
      }),
      { numRuns: 12 },
    );
  });

  it('is odd in each expert, exactly: flipping w1 negates K bit for bit', () => {
    const rng = new SeedStreams('odd').stream('corr');
    for (const r of [-0.5, 0.2, 1]) {
      const [rr, s1, c12, c21, s2, e] = r === 1 ? ([1, 0.3, -0.2, 0.3, -0.2, 0.4] as Corr) : randomCorr(rng, r);
      expect(kernel([rr, -s1, c12, -c21, s2, -e])[Slot.K]).toBe(-kernel([rr, s1, c12, c21, s2, e])[Slot.K]);
    }
  });

  it('is symmetric in the two experts up to its quadrature error', () => {
    const rng = new SeedStreams('swap').stream('corr');
    for (const r of [-0.7, 0.1, 0.8]) {
      const [rr, s1, c12, c21, s2, e] = randomCorr(rng, r);
      expectClose(kernel([rr, s2, c21, c12, s1, e])[Slot.K], kernel([rr, s1, c12, c21, s2, e])[Slot.K], 1e-13, 'K(q, p) vs K(p, q)');
    }
  });
});
