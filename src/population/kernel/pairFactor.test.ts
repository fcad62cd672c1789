import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeedStreams, type Rng } from '../../core/streams.ts';
import { atOverlap } from '../../../test-support/problems.ts';
import { arbPairDirections } from '../../../test-support/arbitraries/arbPairDirections.ts';
import { EXACT } from '../../../test-support/tolerance.ts';
import { gaussHermite } from './gaussHermite.ts';
import { pairFactor } from './pairFactor.ts';
import { pairKernelFromFactor, Slot } from './pairKernel.ts';

const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
const gaussian = (d: number, rng: Rng) => unit(Array.from(rng.fillNormal(new Float64Array(d))));

/** L for the four directions (a_p, a_q, b_p, b_q), normalised first. */
function factor(vs: number[][]): Float64Array {
  const d = vs[0].length;
  const units = new Float64Array(4 * d);
  vs.forEach((v, i) => units.set(unit(v), i * d));
  return pairFactor(units, d, 0, 1, 2, 3, new Float64Array(16), new Float64Array(4 * d));
}

/** max |L L^T - G| with G the Gram matrix of the normalised vectors. */
function residual(vs: number[][], L: Float64Array): number {
  const u = vs.map(unit);
  let err = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      let ll = 0;
      for (let k = 0; k < 4; k++) ll += L[i * 4 + k] * L[j * 4 + k];
      const g = i === j ? 1 : u[i].reduce((s, x, k) => s + x * u[j][k], 0);
      err = Math.max(err, Math.abs(ll - g));
    }
  }
  return err;
}

/** Four directions as they occur in training (test-support/arbitraries/arbPairDirections.ts). */
const arbQuad = arbPairDirections();

describe('pairFactor', () => {
  it('is lower triangular with unit rows and reproduces the Gram matrix of the directions to 1e-14, even when singular', () => {
    fc.assert(
      fc.property(arbQuad, ({ vs }) => {
        const L = factor(vs);
        expect(Array.from(L).every(Number.isFinite)).toBe(true);
        for (let i = 0; i < 4; i++) {
          for (let j = i + 1; j < 4; j++) expect(L[i * 4 + j]).toBe(0);
          expect(L[i * 4 + i]).toBeGreaterThanOrEqual(0);
          expect(Math.hypot(L[i * 4], L[i * 4 + 1], L[i * 4 + 2], L[i * 4 + 3])).toBeCloseTo(1, 15);
        }
        expect(residual(vs, L)).toBeLessThanOrEqual(EXACT.cholesky);
      }),
      { numRuns: 300 },
    );
  });

  it('gives identical routers an exactly zero pivot and opposite experts opposite rows (to rounding)', () => {
    const rng = new SeedStreams('cancel').stream('v');
    const a = gaussian(5, rng);
    const b = gaussian(5, rng);
    const L = factor([a, a.slice(), b, b.map((x) => -x)]);
    expect(L[5]).toBe(0);
    expect(L[15]).toBe(0);
    for (let k = 0; k < 4; k++) expect(Math.abs(L[12 + k] + L[8 + k])).toBeLessThanOrEqual(1e-15);
  });

  it('makes the pair kernel continuous at collinear routers in d = 2 (no jump from inconsistent rounding)', () => {
    // In d = 2 every covariance of four directions is singular; the Gram-entry Cholesky turned
    // rounding of 1 - r ~ 1e-15 into errors of 1e-2 in K (pairFactor.ts says why).
    const rule = gaussHermite(48);
    const out = new Float64Array(7);
    const rng = new SeedStreams('continuity').stream('v');
    for (let trial = 0; trial < 20; trial++) {
      const a = gaussian(2, rng);
      const b = gaussian(2, rng);
      const k0 = pairKernelFromFactor(factor([a, a.slice(), b, b.slice()]), rule, false, out)[Slot.K];
      for (const gap of [1e-9, 1e-12, 1e-14]) {
        const near = [a, atOverlap(a, 1 - gap, rng), b, b.slice()];
        const k = pairKernelFromFactor(factor(near), rule, false, out)[Slot.K];
        // K is Lipschitz in the directions: |dK| <= C |a_q - a_p| = C sqrt(2 gap), C ~ 10 here.
        expect(Math.abs(k - k0), `gap ${gap}`).toBeLessThanOrEqual(100 * Math.sqrt(2 * gap) + 1e-13);
      }
    }
  });
});
