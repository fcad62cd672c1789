import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeedStreams, type Rng } from '../../core/streams.ts';
import { cholesky4 } from './cholesky4.ts';
import { foldedRule } from './foldedRule.ts';
import { gaussHermite, type GaussHermiteRule } from './gaussHermite.ts';
import { pairKernel } from './pairKernel.ts';

/**
 * The pair kernel folds its tensor Gauss-Hermite sum twice (node pairs +-x in
 * the inner sums; outer nodes +-x0 through sig(-y) = 1 - sig(y)) and expands
 * the conditional Hermite products as polynomials. Both are reorderings of
 * one finite sum, so with the same rule the kernel must equal the plain
 * n x n sum below to rounding. The plain sum integrates the two expert
 * variables with a 4-point Gauss-Hermite rule per Gaussian (exact: the
 * integrand has degree <= 6 in them), so it shares neither the folding nor
 * the Isserlis polynomials with the kernel; only the Cholesky factor.
 */

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const dsig = (z: number) => sig(z) * (1 - sig(z));
const he3 = (z: number) => z * (z * z - 3);
const dhe3 = (z: number) => 3 * (z * z - 1);
const Z4 = [-Math.sqrt(3 + Math.sqrt(6)), -Math.sqrt(3 - Math.sqrt(6)), Math.sqrt(3 - Math.sqrt(6)), Math.sqrt(3 + Math.sqrt(6))];
const W4 = [(3 - Math.sqrt(6)) / 12, (3 + Math.sqrt(6)) / 12, (3 + Math.sqrt(6)) / 12, (3 - Math.sqrt(6)) / 12];

type Corr = [r: number, s1: number, c12: number, c21: number, s2: number, e: number];

/** Slots of pairKernel by the plain n x n tensor sum with `rule`. */
function plainKernel(c: Corr, rule: GaussHermiteRule): number[] {
  const L = cholesky4(...c, new Float64Array(16));
  const { nodes, weights } = rule;
  const out = new Array<number>(7).fill(0);
  for (let i = 0; i < nodes.length; i++) {
    for (let j = 0; j < nodes.length; j++) {
      const g0 = nodes[i], g1 = nodes[j], w = weights[i] * weights[j];
      const u1 = g0, u2 = L[4] * g0 + L[5] * g1;
      const mu1 = L[8] * g0 + L[9] * g1, mu2 = L[12] * g0 + L[13] * g1;
      // E over (w1, w2) = (mu1 + L22 z2, mu2 + L32 z2 + L33 z3) of He3/He3' products.
      let hh = 0, hd = 0, dh = 0, dd = 0;
      for (let a = 0; a < 4; a++) {
        const w1 = mu1 + L[10] * Z4[a];
        for (let b = 0; b < 4; b++) {
          const w2 = mu2 + L[14] * Z4[a] + L[15] * Z4[b];
          const q = W4[a] * W4[b];
          hh += q * he3(w1) * he3(w2);
          hd += q * he3(w1) * dhe3(w2);
          dh += q * dhe3(w1) * he3(w2);
          dd += q * dhe3(w1) * dhe3(w2);
        }
      }
      out[0] += w * sig(u1) * sig(u2) * hh;
      out[1] += w * dsig(u1) * dsig(u2) * hh;
      out[2] += w * dsig(u1) * sig(u2) * dh;
      out[3] += w * dsig(u1) * sig(u2) * hd;
      out[4] += w * sig(u1) * dsig(u2) * dh;
      out[5] += w * sig(u1) * dsig(u2) * hd;
      out[6] += w * sig(u1) * sig(u2) * dd;
    }
  }
  return out;
}

/** Correlations of four unit vectors in R^k (k < 4 gives singular, k = 1 fully collinear geometry). */
function corrOf(rng: Rng, k: number, kind: number): Corr {
  const unit = () => {
    const v = Array.from({ length: 4 }, (_, i) => (i < k ? rng.normal() : 0));
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const ap = unit(), bp = unit();
  let aq = unit(), bq = unit();
  if (kind === 1) aq = ap.slice(); // identical routers
  if (kind === 2) aq = ap.map((x) => -x); // opposite routers
  if (kind === 3) bq = bp.map((x) => -x); // opposite experts
  const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
  return [dot(ap, aq), dot(ap, bp), dot(ap, bq), dot(bp, aq), dot(aq, bq), dot(bp, bq)];
}

describe('pairKernel folding', () => {
  it('equals the plain tensor sum with the same rule to rounding (1e-13), odd and even rules, singular geometry', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom(1, 2, 3, 5, 8, 13, 24, 31),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (seed, n, k, kind) => {
          const c = corrOf(new SeedStreams(seed).stream('corr'), k, kind);
          const rule = gaussHermite(n);
          const want = plainKernel(c, rule);
          const got = pairKernel(...c, rule, true, new Float64Array(7));
          const scale = Math.max(1, ...want.map(Math.abs));
          want.forEach((v, s) => {
            const err = Math.abs(got[s] - v) / scale;
            if (!(err <= 1e-13)) throw new Error(`slot ${s}, n = ${n}, corr ${c}: ${got[s]} vs ${v} (error ${err.toExponential(2)})`);
          });
          expect(pairKernel(...c, rule, false, new Float64Array(7))[0]).toBe(got[0]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('foldedRule', () => {
  it('keeps the positive nodes, their weights and the even moments of the whole rule', () => {
    for (const n of [1, 2, 7, 24, 40]) {
      const rule = gaussHermite(n);
      const f = foldedRule(rule);
      expect(f.half).toBe(Math.floor(n / 2));
      expect(f.w0 > 0).toBe(n % 2 === 1);
      let total = f.w0;
      for (let j = 0; j < f.half; j++) {
        expect(f.x[j]).toBe(rule.nodes[n - f.half + j]);
        expect(f.x[j]).toBeGreaterThan(0);
        total += 2 * f.w[j];
      }
      expect(total).toBeCloseTo(1, 14);
      // E[Z^2k] = 1, 3, 15 are exact for the rule when 2k <= 2n - 1.
      if (n >= 4) {
        expect(f.m2).toBeCloseTo(1, 13);
        expect(f.m4).toBeCloseTo(3, 12);
        expect(f.m6).toBeCloseTo(15, 11);
      }
    }
  });

  it('rejects a rule that is not symmetric', () => {
    const skew = { nodes: new Float64Array([-1, 0.5]), weights: new Float64Array([0.5, 0.5]) };
    expect(() => foldedRule(skew)).toThrow(/not symmetric/);
    const offCentre = { nodes: new Float64Array([-1, 0.1, 1]), weights: new Float64Array([0.25, 0.5, 0.25]) };
    expect(() => foldedRule(offCentre)).toThrow(/middle node/);
  });
});
