import { cholesky4 } from './cholesky4.ts';
import { foldedRule, type FoldedRule } from './foldedRule.ts';
import type { GaussHermiteRule } from './gaussHermite.ts';
import { hermiteParts, productDD, productHD, productHH } from './hermiteProducts.ts';

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

// Scratch space, reused between calls (the kernel runs ~10^5 times per gradient).
const L = new Float64Array(16);
const S = new Float64Array(7); // sum_j w_j sig(A + B x_j) x_j^k
const SP = new Float64Array(7); // sum_j w_j sig'(A + B x_j) x_j^k
const HH = new Float64Array(7);
const HD = new Float64Array(7);
const DH = new Float64Array(7);
const DD = new Float64Array(7);
const PA = new Float64Array(9);
const PB = new Float64Array(9);
const ONE_NODE = foldedRule({ nodes: new Float64Array([0]), weights: new Float64Array([1]) });
let EM = new Float64Array(80); // e^{-B x_j} for the positive inner nodes of the current pair
let EP = new Float64Array(80); // e^{+B x_j}

/**
 * The 4-variate Gaussian expectation of one pair of experts, deterministic.
 *
 * Method: write (u1, u2, w1, w2) = L g with g ~ N(0, I_4) and L the
 * semidefinite Cholesky factor of the correlation matrix. Given (g0, g1) the
 * routers are fixed and (w1, w2) are Gaussian with mean mu = L[2:4, 0:2] g and
 * covariance C = L[2:4, 2:4] L[2:4, 2:4]^T; E[P(w1) Q(w2) | g0, g1] is then a
 * closed-form polynomial in g1 of degree <= 6 (src/population/kernel/hermiteProducts.ts).
 * The remaining 2-D integral over (g0, g1) is smooth and done by tensor
 * Gauss-Hermite with `rule` (which must be symmetric, as Gauss-Hermite rules
 * are): per outer node the inner sums are taken as sigmoid-weighted moments
 * S_k = sum_j w_j sig(A + B x_j) x_j^k, k <= 6, against the polynomial's
 * coefficients. With `derivatives` false only slot K is filled.
 *
 * The symmetry of the rule halves the work twice over. Inner nodes come in
 * pairs +-x_j: even moments take sig(A + B x_j) + sig(A - B x_j), odd ones
 * the difference. Outer nodes come in pairs +-x0: since sig(-y) = 1 - sig(y),
 * S_k(-A) = (-1)^k (m_k - S_k(A)) and S'_k(-A) = (-1)^k S'_k(A) with m_k the
 * rule's moments, while the polynomials at -x0 are those at x0 reflected in
 * g1 (times -1 when one He3 is differentiated); so each pair of outer nodes
 * needs the inner sums and the polynomials once. Both only reorder the
 * same quadrature sum: results agree with the unfolded loops to rounding.
 *
 * Arguments are the correlations r = <a_p,a_q>, s1 = <a_p,b_p>,
 * c12 = <a_p,b_q>, c21 = <b_p,a_q>, s2 = <a_q,b_q>, e = <b_p,b_q>.
 */
export function pairKernel(
  r: number, s1: number, c12: number, c21: number, s2: number, e: number,
  rule: GaussHermiteRule, derivatives: boolean, out: Float64Array,
): Float64Array {
  cholesky4(r, s1, c12, c21, s2, e, L);
  return pairKernelFromFactor(L, rule, derivatives, out);
}

/**
 * {@link pairKernel} given the lower factor `L` (row-major 4x4, unit rows) of
 * the correlation matrix of (u1, u2, w1, w2) instead of the correlations; see
 * src/population/kernel/pairFactor.ts for a factor computed from the directions.
 */
export function pairKernelFromFactor(L: Float64Array, rule: GaussHermiteRule, derivatives: boolean, out: Float64Array): Float64Array {
  const l10 = L[4], l11 = L[5], l20 = L[8], l21 = L[9], l22 = L[10], l30 = L[12], l31 = L[13], l32 = L[14], l33 = L[15];
  // Conditional covariance of (w1, w2) and its Isserlis moments M_kl = E[z1^k z2^l].
  const c11 = l22 * l22, cc12 = l22 * l32, c22 = l32 * l32 + l33 * l33;
  const m22 = c11 * c22 + 2 * cc12 * cc12, m31 = 3 * c11 * cc12, m13 = 3 * c22 * cc12;
  const m33 = 9 * c11 * c22 * cc12 + 6 * cc12 * cc12 * cc12;
  const outer = foldedRule(rule);
  // A degenerate u2 (l11 = 0, hence l21 = l31 = 0) does not depend on g1: one node of weight 1 is exact.
  const inner = l11 === 0 ? ONE_NODE : outer;
  // sig(A + B x) = 1 / (1 + e^{-A} e^{-B x}): the exponentials factor over the tensor grid, so a
  // pair needs ~1.5 n of them instead of n^2 (each factor <= e^{|x|max}, far from overflow).
  if (EM.length < inner.half) {
    EM = new Float64Array(inner.half);
    EP = new Float64Array(inner.half);
  }
  for (let j = 0; j < inner.half; j++) {
    EM[j] = Math.exp(-l11 * inner.x[j]);
    EP[j] = Math.exp(l11 * inner.x[j]);
  }
  const im0 = inner.m0, im2 = inner.m2, im4 = inner.m4, im6 = inner.m6;
  let K = 0, dUU = 0, dU1W1 = 0, dU1W2 = 0, dU2W1 = 0, dU2W2 = 0, dWW = 0;
  const nOuter = outer.half + (outer.w0 > 0 ? 1 : 0);
  for (let i = 0; i < nOuter; i++) {
    // The middle node x0 = 0 of an odd rule is its own mirror: it is taken alone, after the pairs.
    const middle = i === outer.half;
    const x0 = middle ? 0 : outer.x[i];
    sigmoidMoments(Math.exp(-l10 * x0), inner, derivatives);
    // mu1 = l20 x0 + l21 g1, mu2 = l30 x0 + l31 g1, as polynomials in g1.
    hermiteParts(l20 * x0, l21, PA);
    hermiteParts(l30 * x0, l31, PB);
    productHH(PA, PB, c11, cc12, c22, m22, m13, m31, m33, HH);
    const dHH = dot7(HH, S);
    if (middle) {
      const w0 = outer.w0;
      K += w0 * 0.5 * dHH;
      if (!derivatives) continue;
      productHD(PA, PB, c11, cc12, c22, m22, m31, HD);
      productHD(PB, PA, c22, cc12, c11, m22, m13, DH);
      productDD(PA, PB, c11, cc12, c22, m22, DD);
      dUU += w0 * 0.25 * dot7(HH, SP);
      dU1W1 += w0 * 0.25 * dot7(DH, S);
      dU1W2 += w0 * 0.25 * dot7(HD, S);
      dU2W1 += w0 * 0.5 * dot7(DH, SP);
      dU2W2 += w0 * 0.5 * dot7(HD, SP);
      dWW += w0 * 0.5 * dot7(DD, S);
      continue;
    }
    // Outer pair +-x0 (see the TSDoc): for a polynomial of parity pi under (x0, g1) -> (-x0, -g1),
    // the node -x0 adds sig(-x0) pi (E[Q] - Q.S) against S and sig'(x0) pi Q.SP against SP,
    // E[Q] = sum_k Q_k m_k its inner Gaussian mean. HH and DD are even, HD and DH odd.
    const w0 = outer.w[i], sPos = outer.sigPos[i], sNeg = outer.sigNeg[i];
    K += w0 * (sPos * dHH + sNeg * (even(HH, im0, im2, im4, im6) - dHH));
    if (!derivatives) continue;
    productHD(PA, PB, c11, cc12, c22, m22, m31, HD);
    productHD(PB, PA, c22, cc12, c11, m22, m13, DH);
    productDD(PA, PB, c11, cc12, c22, m22, DD);
    const sp0 = sPos * sNeg, ds = sPos - sNeg;
    const dDD = dot7(DD, S);
    dUU += w0 * sp0 * (2 * dot7(HH, SP));
    dU1W1 += w0 * sp0 * (2 * dot7(DH, S) - even(DH, im0, im2, im4, im6));
    dU1W2 += w0 * sp0 * (2 * dot7(HD, S) - even(HD, im0, im2, im4, im6));
    dU2W1 += w0 * ds * dot7(DH, SP);
    dU2W2 += w0 * ds * dot7(HD, SP);
    dWW += w0 * (sPos * dDD + sNeg * (even(DD, im0, im2, im4, im6) - dDD));
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

/**
 * S_k = sum_j w_j sig(A + B x_j) x_j^k and (with `prime`) SP_k with
 * sig' = sig (1 - sig), k = 0..6, over the whole (unfolded) rule, given
 * eA = e^{-A}, EM[j] = e^{-B x_j} and EP[j] = e^{B x_j}: the node pair +-x_j
 * adds its sum to the even moments and its difference to the odd ones.
 */
function sigmoidMoments(eA: number, f: FoldedRule, prime: boolean): void {
  const W = f.powers;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0;
  let p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0;
  for (let j = 0, o = 0; j < f.half; j++, o += 7) {
    const gp = 1 / (1 + eA * EM[j]);
    const gm = 1 / (1 + eA * EP[j]);
    const a = gp + gm, b = gp - gm;
    s0 += a * W[o]; s1 += b * W[o + 1]; s2 += a * W[o + 2]; s3 += b * W[o + 3];
    s4 += a * W[o + 4]; s5 += b * W[o + 5]; s6 += a * W[o + 6];
    if (!prime) continue;
    const qp = gp * (1 - gp), qm = gm * (1 - gm);
    const c = qp + qm, d = qp - qm;
    p0 += c * W[o]; p1 += d * W[o + 1]; p2 += c * W[o + 2]; p3 += d * W[o + 3];
    p4 += c * W[o + 4]; p5 += d * W[o + 5]; p6 += c * W[o + 6];
  }
  if (f.w0 > 0) {
    const g = 1 / (1 + eA);
    s0 += f.w0 * g;
    p0 += f.w0 * g * (1 - g);
  }
  S[0] = s0; S[1] = s1; S[2] = s2; S[3] = s3; S[4] = s4; S[5] = s5; S[6] = s6;
  SP[0] = p0; SP[1] = p1; SP[2] = p2; SP[3] = p3; SP[4] = p4; SP[5] = p5; SP[6] = p6;
}

/** sum_k Q_k m_k with the rule's moments (odd moments vanish): the inner Gaussian mean of Q. */
function even(Q: Float64Array, m0: number, m2: number, m4: number, m6: number): number {
  return Q[0] * m0 + Q[2] * m2 + Q[4] * m4 + Q[6] * m6;
}

function dot7(a: Float64Array, b: Float64Array): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3] + a[4] * b[4] + a[5] * b[5] + a[6] * b[6];
}
