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

// Scratch space, reused between calls (the kernel runs ~10^5 times per gradient).
const L = new Float64Array(16);
const S = new Float64Array(7); // sum_j w_j sig(u2_j) x_j^k
const SP = new Float64Array(7); // sum_j w_j sig'(u2_j) x_j^k
const HH = new Float64Array(7);
const HD = new Float64Array(7);
const DH = new Float64Array(7);
const DD = new Float64Array(7);
const PA = new Float64Array(12); // a0 (4), a1 (3), a2 (2) as polynomials in x1 ...
const PB = new Float64Array(12); // ... and b0, b1, b2
const ONE_NODE = { nodes: new Float64Array([0]), weights: new Float64Array([1]) };
let EXPB = new Float64Array(64); // exp(-B x_j) for the inner nodes of the current pair

/**
 * The 4-variate Gaussian expectation of one pair of experts, deterministic.
 *
 * Method: write (u1, u2, w1, w2) = L g with g ~ N(0, I_4) and L the
 * semidefinite Cholesky factor of the correlation matrix. Given (g0, g1) the
 * routers are fixed and (w1, w2) are Gaussian with mean mu = L[2:4, 0:2] g and
 * covariance C = L[2:4, 2:4] L[2:4, 2:4]^T; E[P(w1) Q(w2) | g0, g1] is then a
 * closed-form polynomial in mu and C (Isserlis), of degree <= 6 in g1. The
 * remaining 2-D integral over (g0, g1) is smooth and done by tensor
 * Gauss-Hermite with `rule`: for each outer node the inner sums are taken as
 * sigmoid-weighted moments sum_j w_j sig(u2) g1^k, k <= 6, against the
 * polynomial's coefficients, which costs one exponential and a few
 * multiply-adds per node. With `derivatives` false only slot K is filled.
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
  // A degenerate u2 (l11 = 0, hence l21 = l31 = 0) does not depend on g1: one node of weight 1 is exact.
  const inner = l11 === 0 ? ONE_NODE : rule;
  // sig(A + B x) = 1 / (1 + e^{-A} e^{-B x}): the exponentials factor over the tensor grid, so a
  // pair needs 2n of them instead of n^2 (each factor <= e^{|x|max}, far from overflow).
  if (EXPB.length < inner.nodes.length) EXPB = new Float64Array(inner.nodes.length);
  for (let j = 0; j < inner.nodes.length; j++) EXPB[j] = Math.exp(-l11 * inner.nodes[j]);
  let K = 0, dUU = 0, dU1W1 = 0, dU1W2 = 0, dU2W1 = 0, dU2W2 = 0, dWW = 0;
  for (let i = 0; i < nodes.length; i++) {
    const x0 = nodes[i];
    const s0 = 1 / (1 + Math.exp(-x0));
    sigmoidMoments(Math.exp(-l10 * x0), inner, derivatives);
    // mu1 = l20 x0 + l21 g1, mu2 = l30 x0 + l31 g1, as polynomials in g1.
    hermiteParts(l20 * x0, l21, PA);
    hermiteParts(l30 * x0, l31, PB);
    HH.fill(0);
    // hh = a0 b0 + c22 a0 b2 + c11 a2 b0 + c12 a1 b1 + m13 a1 + m31 b1 + m22 a2 b2 + m33.
    mulAdd(HH, 1, PA, 0, 4, PB, 0, 4);
    mulAdd(HH, c22, PA, 0, 4, PB, 7, 2);
    mulAdd(HH, c11, PA, 7, 2, PB, 0, 4);
    mulAdd(HH, cc12, PA, 4, 3, PB, 4, 3);
    addScaled(HH, m13, PA, 4, 3);
    addScaled(HH, m31, PB, 4, 3);
    mulAdd(HH, m22, PA, 7, 2, PB, 7, 2);
    HH[0] += m33;
    K += weights[i] * s0 * dot7(HH, S);
    if (!derivatives) continue;
    // He3' = 3 He2 has coefficients (a1, 2 a2, 3, 0) in z:
    // hd = a0 b1 + 3 c22 a0 + c11 a2 b1 + 2 c12 a1 b2 + 2 m31 b2 + 3 m22 a2, dh symmetric,
    // dd = a1 b1 + 3 c22 a1 + 3 c11 b1 + 4 c12 a2 b2 + 9 m22.
    HD.fill(0);
    mulAdd(HD, 1, PA, 0, 4, PB, 4, 3);
    addScaled(HD, 3 * c22, PA, 0, 4);
    mulAdd(HD, c11, PA, 7, 2, PB, 4, 3);
    mulAdd(HD, 2 * cc12, PA, 4, 3, PB, 7, 2);
    addScaled(HD, 2 * m31, PB, 7, 2);
    addScaled(HD, 3 * m22, PA, 7, 2);
    DH.fill(0);
    mulAdd(DH, 1, PA, 4, 3, PB, 0, 4);
    addScaled(DH, 3 * c11, PB, 0, 4);
    mulAdd(DH, c22, PA, 4, 3, PB, 7, 2);
    mulAdd(DH, 2 * cc12, PA, 7, 2, PB, 4, 3);
    addScaled(DH, 2 * m13, PA, 7, 2);
    addScaled(DH, 3 * m22, PB, 7, 2);
    DD.fill(0);
    mulAdd(DD, 1, PA, 4, 3, PB, 4, 3);
    addScaled(DD, 3 * c22, PA, 4, 3);
    addScaled(DD, 3 * c11, PB, 4, 3);
    mulAdd(DD, 4 * cc12, PA, 7, 2, PB, 7, 2);
    DD[0] += 9 * m22;
    const w0 = weights[i];
    const sp0 = s0 * (1 - s0);
    dUU += w0 * sp0 * dot7(HH, SP);
    dU1W1 += w0 * sp0 * dot7(DH, S);
    dU1W2 += w0 * sp0 * dot7(HD, S);
    dU2W1 += w0 * s0 * dot7(DH, SP);
    dU2W2 += w0 * s0 * dot7(HD, SP);
    dWW += w0 * s0 * dot7(DD, S);
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
 * sig' = sig (1 - sig), k = 0..6, given eA = e^{-A} and EXPB[j] = e^{-B x_j}.
 */
function sigmoidMoments(eA: number, rule: GaussHermiteRule, prime: boolean): void {
  const { nodes, weights } = rule;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0;
  let p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0;
  for (let j = 0; j < nodes.length; j++) {
    const x = nodes[j];
    const sg = 1 / (1 + eA * EXPB[j]);
    const ws = weights[j] * sg;
    const x2 = x * x, x3 = x2 * x;
    s0 += ws; s1 += ws * x; s2 += ws * x2; s3 += ws * x3; s4 += ws * x2 * x2; s5 += ws * x2 * x3; s6 += ws * x3 * x3;
    if (!prime) continue;
    const wp = ws * (1 - sg);
    p0 += wp; p1 += wp * x; p2 += wp * x2; p3 += wp * x3; p4 += wp * x2 * x2; p5 += wp * x2 * x3; p6 += wp * x3 * x3;
  }
  S[0] = s0; S[1] = s1; S[2] = s2; S[3] = s3; S[4] = s4; S[5] = s5; S[6] = s6;
  SP[0] = p0; SP[1] = p1; SP[2] = p2; SP[3] = p3; SP[4] = p4; SP[5] = p5; SP[6] = p6;
}

/**
 * With mu = P + Q x, the coefficients in x of the parts of He3(mu + z) =
 * z^3 + a2 z^2 + a1 z + a0: a0 = mu^3 - 3 mu at out[0..3], a1 = 3 mu^2 - 3 at
 * out[4..6], a2 = 3 mu at out[7..8].
 */
function hermiteParts(P: number, Q: number, out: Float64Array): void {
  const P2 = P * P, Q2 = Q * Q;
  out[0] = P * (P2 - 3);
  out[1] = 3 * Q * (P2 - 1);
  out[2] = 3 * P * Q2;
  out[3] = Q * Q2;
  out[4] = 3 * (P2 - 1);
  out[5] = 6 * P * Q;
  out[6] = 3 * Q2;
  out[7] = 3 * P;
  out[8] = 3 * Q;
}

/** acc += s * p q for polynomials stored at p[po..po+pn) and q[qo..qo+qn). */
function mulAdd(acc: Float64Array, s: number, p: Float64Array, po: number, pn: number, q: Float64Array, qo: number, qn: number): void {
  for (let i = 0; i < pn; i++) {
    const c = s * p[po + i];
    for (let j = 0; j < qn; j++) acc[i + j] += c * q[qo + j];
  }
}

/** acc += s * p. */
function addScaled(acc: Float64Array, s: number, p: Float64Array, po: number, pn: number): void {
  for (let i = 0; i < pn; i++) acc[i] += s * p[po + i];
}

function dot7(a: Float64Array, b: Float64Array): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3] + a[4] * b[4] + a[5] * b[5] + a[6] * b[6];
}
