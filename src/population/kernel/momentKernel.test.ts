import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbPairDirections } from '../../../test-support/arbitraries/arbPairDirections.ts';
import { EXACT, expectClose } from '../../../test-support/tolerance.ts';
import { cholesky4 } from './cholesky4.ts';
import { gaussHermite } from './gaussHermite.ts';
import { momentKernelFromFactor } from './momentKernel.ts';
import { pairFactor } from './pairFactor.ts';
import { pairKernelFromFactor, Slot } from './pairKernel.ts';

const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));

/** L for four directions (a_p, a_q, b_p, b_q), from the vectors (src/population/kernel/pairFactor.ts). */
function factor(vs: number[][]): Float64Array {
  const d = vs[0].length;
  const units = new Float64Array(4 * d);
  vs.forEach((v, i) => units.set(unit(v), i * d));
  return pairFactor(units, d, 0, 1, 2, 3, new Float64Array(16), new Float64Array(4 * d));
}

/** The 96-node Gauss-Hermite kernel: its own error is ~1e-15 (tools/kernelAccuracy.ts). */
const FINE = gaussHermite(96);
const reference = (L: Float64Array) => pairKernelFromFactor(L, FINE, true, new Float64Array(7));
const tabulated = (L: Float64Array, derivatives = true) => momentKernelFromFactor(L, derivatives, new Float64Array(7));
const SLOTS = [Slot.K, Slot.U1U2, Slot.U1W1, Slot.U1W2, Slot.U2W1, Slot.U2W2, Slot.W1W2];

describe('momentKernelFromFactor', () => {
  it('equals the 96-node quadrature in every slot, on generic, near-collinear, near-teacher, cancelling and opposite-router pairs', () => {
    fc.assert(
      fc.property(arbPairDirections(), ({ kind, vs }) => {
        const L = factor(vs);
        const want = reference(L);
        const got = tabulated(L);
        for (const s of SLOTS) expectClose(got[s], want[s], EXACT.momentKernel, `slot ${s} (${kind}, d = ${vs[0].length})`);
      }),
      { numRuns: 200 },
    );
  });

  it('fills only K without derivatives, with the same K', () => {
    const L = factor([[1, 0.2, -0.3], [0.4, 1, 0.1], [0.3, -0.5, 1], [-0.2, 0.6, 0.7]]);
    expect(tabulated(L, false)[Slot.K]).toBe(tabulated(L)[Slot.K]);
  });

  it('is odd in each expert, exactly: negating w1 (row 2 of L) negates K and the slots odd in it, bit for bit', () => {
    const L = factor([[1, 0.2, -0.3], [-0.4, 1, 0.1], [0.3, -0.5, 1], [-0.2, 0.6, 0.7]]);
    const M = L.slice();
    for (let k = 8; k < 12; k++) M[k] = -L[k];
    const a = tabulated(L), b = tabulated(M);
    // K, dK/dr, dK/d corr(u_k, w2) are odd in w1; dK/d corr(u_k, w1) and dK/de are even.
    for (const s of [Slot.K, Slot.U1U2, Slot.U1W2, Slot.U2W2]) expect(b[s]).toBe(-a[s]);
    for (const s of [Slot.U1W1, Slot.U2W1, Slot.W1W2]) expect(b[s]).toBe(a[s]);
  });

  it('is exact for a degenerate pair (l11 = 0: equal or opposite routers), where it reads the table at a node', () => {
    // Equal routers: corr(u1, u2) = 1; opposite: -1. Cholesky from the correlations gives l11 = 0 exactly.
    for (const r of [1, -1]) {
      const L = cholesky4(r, 0.3, r * -0.2, r * 0.3, -0.2, 0.4, new Float64Array(16));
      expect(L[5]).toBe(0);
      const want = reference(L);
      const got = tabulated(L);
      for (const s of SLOTS) expectClose(got[s], want[s], EXACT.momentKernel, `slot ${s} at r = ${r}`);
    }
  });

  it('equals 6 e^3 E[sig(u1) sig(u2)] when the routers are independent of the experts (orthogonal routers: 1.5 e^3)', () => {
    // r = 0 and no router-expert correlation: K = E[sig]^2 E[He3 He3] = 6 e^3 / 4.
    for (const e of [1, -0.6, 0.25]) {
      const L = cholesky4(0, 0, 0, 0, 0, e, new Float64Array(16));
      expectClose(tabulated(L)[Slot.K], 1.5 * e ** 3, EXACT.momentKernel, `e = ${e}`);
    }
  });
});
