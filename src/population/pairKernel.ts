import { cholesky4 } from './cholesky4.ts';
import type { GaussHermiteRule } from './gaussHermite.ts';

/**
 * Output slots of {@link pairKernel}: the kernel
 *   K = E[sig(u1) He3(w1) sig(u2) He3(w2)]
 * for jointly Gaussian unit-variance (u1, u2, w1, w2) = (<a_p,x>, <a_q,x>,
 * <b_p,x>, <b_q,x>), and its derivatives with respect to the six
 * correlations (Price's theorem: dE[F]/dSigma_kl = E[d_k d_l F], k != l).
 */
export const enum Slot {
  K = 0,
  U1U2 = 1,
  U1W1 = 2,
  U1W2 = 3,
  U2W1 = 4,
  U2W2 = 5,
  W1W2 = 6,
}

/** Scratch space, reused between calls to avoid allocation in the hot loop. */
const L = new Float64Array(16);

/**
 * The 4-variate Gaussian expectation of one pair of experts, deterministic.
 *
 * Method: write (u1, u2, w1, w2) = L g with g ~ N(0, I_4) and L the
 * semidefinite Cholesky factor of the correlation matrix. Given (g0, g1) the
 * routers are fixed and (w1, w2) are Gaussian with mean mu = L[2:4, 0:2] g and
 * covariance C = L[2:4, 2:4] L[2:4, 2:4]^T; E[P(w1) Q(w2) | g0, g1] is then a
 * closed-form polynomial in mu and C (Isserlis). The remaining 2-D integral
 * over (g0, g1) is smooth and done by tensor Gauss-Hermite with `rule`.
 * With `derivatives` false only slot K is filled.
 *
 * Arguments are the correlations r = <a_p,a_q>, s1 = <a_p,b_p>,
 * c12 = <a_p,b_q>, c21 = <b_p,a_q>, s2 = <a_q,b_q>, e = <b_p,b_q>.
 */
export function pairKernel(
  r: number, s1: number, c12: number, c21: number, s2: number, e: number,
  rule: GaussHermiteRule, derivatives: boolean, out: Float64Array,
): Float64Array {
  cholesky4(r, s1, c12, c21, s2, e, L);
  const l10 = L[4], l11 = L[5], l20 = L[8], l21 = L[9], l22 = L[10], l30 = L[12], l31 = L[13], l32 = L[14], l33 = L[15];
  // Conditional covariance of (w1, w2) and its Isserlis moments M_kl = E[z1^k z2^l].
  const c11 = l22 * l22, cc12 = l22 * l32, c22 = l32 * l32 + l33 * l33;
  const m22 = c11 * c22 + 2 * cc12 * cc12, m31 = 3 * c11 * cc12, m13 = 3 * c22 * cc12;
  const m33 = 9 * c11 * c22 * cc12 + 6 * cc12 * cc12 * cc12;
  const { nodes, weights } = rule;
  const n = nodes.length;
  // A degenerate u2 (l11 = 0) does not depend on g1: one node of weight 1 is exact.
  const inner = l11 === 0 && l21 === 0 && l31 === 0 ? 1 : n;
  let K = 0, dUU = 0, dU1W1 = 0, dU1W2 = 0, dU2W1 = 0, dU2W2 = 0, dWW = 0;
  for (let i = 0; i < n; i++) {
    const x0 = nodes[i];
    const s0 = sig(x0);
    const sp0 = s0 * (1 - s0);
    let k = 0, uu = 0, u1w1 = 0, u1w2 = 0, u2w1 = 0, u2w2 = 0, ww = 0;
    for (let j = 0; j < inner; j++) {
      const x1 = inner === 1 ? 0 : nodes[j];
      const wj = inner === 1 ? 1 : weights[j];
      const s2v = sig(l10 * x0 + l11 * x1);
      const mu1 = l20 * x0 + l21 * x1;
      const mu2 = l30 * x0 + l31 * x1;
      // He3(mu + z) = z^3 + 3 mu z^2 + 3(mu^2 - 1) z + He3(mu); He3' = 3 z^2 + 6 mu z + 3(mu^2 - 1).
      const a1 = 3 * (mu1 * mu1 - 1), a0 = mu1 * (mu1 * mu1 - 3), a2 = 3 * mu1;
      const b1 = 3 * (mu2 * mu2 - 1), b0 = mu2 * (mu2 * mu2 - 3), b2 = 3 * mu2;
      const hh = a0 * b0 + a0 * b2 * c22 + a2 * b0 * c11 + a1 * b1 * cc12 + a1 * m13 + m31 * b1 + a2 * b2 * m22 + m33;
      const ws = wj * s2v;
      k += ws * hh;
      if (!derivatives) continue;
      // P = He3 (a), Q = He3' (d): d0 = a1, d1 = 2 a2, d2 = 3, d3 = 0.
      const hd = a0 * b1 + a0 * 3 * c22 + a2 * b1 * c11 + a1 * 2 * b2 * cc12 + m31 * 2 * b2 + a2 * 3 * m22;
      const dh = a1 * b0 + a1 * b2 * c22 + 3 * b0 * c11 + 2 * a2 * b1 * cc12 + 2 * a2 * m13 + 3 * b2 * m22;
      const dd = a1 * b1 + a1 * 3 * c22 + 3 * b1 * c11 + 4 * a2 * b2 * cc12 + 9 * m22;
      const wsp = wj * s2v * (1 - s2v);
      uu += wsp * hh;
      u1w1 += ws * dh;
      u1w2 += ws * hd;
      u2w1 += wsp * dh;
      u2w2 += wsp * hd;
      ww += ws * dd;
    }
    const w0 = weights[i];
    K += w0 * s0 * k;
    if (!derivatives) continue;
    dUU += w0 * sp0 * uu;
    dU1W1 += w0 * sp0 * u1w1;
    dU1W2 += w0 * sp0 * u1w2;
    dU2W1 += w0 * s0 * u2w1;
    dU2W2 += w0 * s0 * u2w2;
    dWW += w0 * s0 * ww;
  }
  out[Slot.K] = K;
  if (derivatives) {
    out[Slot.U1U2] = dUU;
    out[Slot.U1W1] = dU1W1;
    out[Slot.U1W2] = dU1W2;
    out[Slot.U2W1] = dU2W1;
    out[Slot.U2W2] = dU2W2;
    out[Slot.W1W2] = dWW;
  }
  return out;
}

function sig(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : 1 - 1 / (1 + Math.exp(z));
}
