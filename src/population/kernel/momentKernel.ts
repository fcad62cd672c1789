import { defaultMomentTable, evaluateMomentTable, type MomentTable } from './momentTable.ts';
import { MOMENTS } from './routerMoments.ts';

// Scratch space, reused between calls (the kernel runs ~500 times per gradient).
const N = new Float64Array(MOMENTS);
const HH = new Float64Array(16), DD = new Float64Array(16), HD = new Float64Array(12), DH = new Float64Array(12);

/**
 * The pair kernel of src/population/kernel/pairKernel.ts (same output slots:
 * K = E[sig(u1) He3(w1) sig(u2) He3(w2)] and its six correlation
 * derivatives), from tabulated router moments instead of a 2-D quadrature.
 *
 * Derivation. With (u1, u2, w1, w2) = L g, g ~ N(0, I_4), write
 * u2 = cos(theta) g0 + sin(theta) g1 (theta = atan2(l11, l10)) and, given
 * (g0, g1), w_k = mu_k + z_k with mu1 = l20 g0 + l21 g1, mu2 = l30 g0 + l31 g1
 * and z ~ N(0, C), C = [[l22^2, l22 l32], [l22 l32, l32^2 + l33^2]]. The
 * conditional expectations of the Hermite products are polynomials in
 * (mu1, mu2) with coefficients from C's Isserlis moments M_kl = E[z1^k z2^l]:
 *   E[He3 He3]   = mu1^3 mu2^3 + (3c22 - 3) mu1^3 mu2 + (3c11 - 3) mu1 mu2^3 + 9 c12 mu1^2 mu2^2
 *                  + 9 (1 - c11 - c22 + M22) mu1 mu2 + (3 M13 - 9 c12) mu1^2 + (3 M31 - 9 c12) mu2^2
 *                  + 9 c12 - 3 M13 - 3 M31 + M33,
 *   E[He3 He3']  = 3 mu1^3 mu2^2 + (3c22 - 3) mu1^3 + (9c11 - 9) mu1 mu2^2 + 18 c12 mu1^2 mu2
 *                  + 9 (1 - c11 - c22 + M22) mu1 + (6 M31 - 18 c12) mu2   (E[He3' He3]: swap sides),
 *   E[He3' He3'] = 9 mu1^2 mu2^2 + (9c22 - 9) mu1^2 + (9c11 - 9) mu2^2 + 36 c12 mu1 mu2 + 9 (1 - c11 - c22 + M22)
 * (the same expansion as src/population/kernel/hermiteProducts.ts, regrouped by
 * powers of mu). Expanded in (g0, g1) they are polynomials of degree <= 6,
 * even, odd and even. Splitting sig = 1/2 + t (t odd), parity leaves
 *   K      = E[HH]/4 + HH . TT = 3/2 e^3 + HH . TT,   e = corr(w1, w2),
 *   dK/dr  = HH . PP,
 *   dK/d corr(u1, w_k) = (E[He3' He3] or E[He3 He3']) . PT,
 *   dK/d corr(u2, w_k) = (same polynomials) . TP,
 *   dK/de  = E[DD]/4 + DD . TT = 9/2 e^2 + DD . TT,
 * with the router moments TT, PP, PT, TP of src/population/kernel/routerMoments.ts
 * read from the table at theta (E[He3 He3] = 6 e^3 and E[He3' He3'] = 18 e^2
 * are the Gaussian parts). For theta > pi/2 the table is read at pi - theta
 * and the symmetry g1 -> -g1 applied: l21 and l31 change sign, and the TT and
 * PT terms change sign. Flipping an expert negates its mu and leaves C's
 * diagonal alone, so every output that is odd in it flips exactly (cancelling
 * pairs cancel to the bit); a degenerate pair (l11 = 0) reads the table at a
 * node (theta = 0), where it holds the direct sum.
 *
 * Cost: one table evaluation (56 Horner sums) and ~300 flops of polynomial
 * algebra, independent of any node count.
 */
export function momentKernelFromFactor(
  L: Float64Array, derivatives: boolean, out: Float64Array, table: MomentTable = defaultMomentTable(),
): Float64Array {
  const l10 = L[4], l11 = L[5], l20 = L[8], l22 = L[10], l30 = L[12], l32 = L[14], l33 = L[15];
  let theta = Math.atan2(l11, l10);
  const flip = theta > Math.PI / 2;
  if (flip) theta = Math.PI - theta;
  const l21 = flip ? -L[9] : L[9], l31 = flip ? -L[13] : L[13];
  const sT = flip ? -1 : 1;
  evaluateMomentTable(table, theta, N, derivatives ? 56 : 16);
  const c11 = l22 * l22, c12 = l22 * l32, c22 = l32 * l32 + l33 * l33;
  const m22 = c11 * c22 + 2 * c12 * c12, m31 = 3 * c11 * c12, m13 = 3 * c22 * c12;
  const m33 = 9 * c11 * c22 * c12 + 6 * c12 * c12 * c12;
  const e = l20 * l30 + L[9] * L[13] + l22 * l32;
  const q = 9 * (1 - c11 - c22 + m22);
  // Powers of mu1 = a0 g0 + a1 g1 and mu2 = b0 g0 + b1 g1, coefficients by the power of g1.
  const a0 = l20, a1 = l21, b0 = l30, b1 = l31;
  const A20 = a0 * a0, A21 = 2 * a0 * a1, A22 = a1 * a1;
  const A30 = A20 * a0, A31 = 3 * A20 * a1, A32 = 3 * a0 * A22, A33 = A22 * a1;
  const B20 = b0 * b0, B21 = 2 * b0 * b1, B22 = b1 * b1;
  const B30 = B20 * b0, B31 = 3 * B20 * b1, B32 = 3 * b0 * B22, B33 = B22 * b1;
  // E[He3 He3 | g0, g1], even: degree 0 at [0], 2 at [1..3], 4 at [4..8], 6 at [9..15].
  const h31 = 3 * c22 - 3, h13 = 3 * c11 - 3, h22 = 9 * c12, h20 = 3 * m13 - 9 * c12, h02 = 3 * m31 - 9 * c12;
  const H = HH;
  H[0] = 9 * c12 - 3 * m13 - 3 * m31 + m33;
  H[1] = q * (a0 * b0) + h20 * A20 + h02 * B20;
  H[2] = q * (a0 * b1 + a1 * b0) + h20 * A21 + h02 * B21;
  H[3] = q * (a1 * b1) + h20 * A22 + h02 * B22;
  // h31 mu1^3 mu2 + h13 mu1 mu2^3 + h22 mu1^2 mu2^2.
  const x0 = h31 * b0, x1 = h31 * b1, y0 = h13 * a0, y1 = h13 * a1;
  const z0 = h22 * B20, z1 = h22 * B21, z2 = h22 * B22;
  H[4] = A30 * x0 + y0 * B30 + A20 * z0;
  H[5] = A30 * x1 + A31 * x0 + y0 * B31 + y1 * B30 + A20 * z1 + A21 * z0;
  H[6] = A31 * x1 + A32 * x0 + y0 * B32 + y1 * B31 + A20 * z2 + A21 * z1 + A22 * z0;
  H[7] = A32 * x1 + A33 * x0 + y0 * B33 + y1 * B32 + A21 * z2 + A22 * z1;
  H[8] = A33 * x1 + y1 * B33 + A22 * z2;
  // mu1^3 mu2^3.
  H[9] = A30 * B30;
  H[10] = A30 * B31 + A31 * B30;
  H[11] = A30 * B32 + A31 * B31 + A32 * B30;
  H[12] = A30 * B33 + A31 * B32 + A32 * B31 + A33 * B30;
  H[13] = A31 * B33 + A32 * B32 + A33 * B31;
  H[14] = A32 * B33 + A33 * B32;
  H[15] = A33 * B33;
  out[0] = 1.5 * e * e * e + sT * dotEven(H, N, 0);
  if (!derivatives) return out;
  // E[He3 He3' | g0, g1] (HD) and E[He3' He3 | g0, g1] (DH), odd: degree 1 at [0..1], 3 at [2..5], 5 at [6..11].
  const d30 = 3 * c22 - 3, d12 = 9 * c11 - 9, d21 = 18 * c12, d01 = 6 * m31 - 18 * c12;
  const e03 = 3 * c11 - 3, e21 = 9 * c22 - 9, e12 = 18 * c12, e10 = 6 * m13 - 18 * c12;
  // mu1 mu2^2 and mu1^2 mu2, shared by both.
  const P120 = a0 * B20, P121 = a0 * B21 + a1 * B20, P122 = a0 * B22 + a1 * B21, P123 = a1 * B22;
  const P210 = A20 * b0, P211 = A20 * b1 + A21 * b0, P212 = A21 * b1 + A22 * b0, P213 = A22 * b1;
  const hd = HD, dh = DH;
  hd[0] = q * a0 + d01 * b0;
  hd[1] = q * a1 + d01 * b1;
  hd[2] = d30 * A30 + d12 * P120 + d21 * P210;
  hd[3] = d30 * A31 + d12 * P121 + d21 * P211;
  hd[4] = d30 * A32 + d12 * P122 + d21 * P212;
  hd[5] = d30 * A33 + d12 * P123 + d21 * P213;
  dh[0] = q * b0 + e10 * a0;
  dh[1] = q * b1 + e10 * a1;
  dh[2] = e03 * B30 + e21 * P210 + e12 * P120;
  dh[3] = e03 * B31 + e21 * P211 + e12 * P121;
  dh[4] = e03 * B32 + e21 * P212 + e12 * P122;
  dh[5] = e03 * B33 + e21 * P213 + e12 * P123;
  // 3 mu1^3 mu2^2 and 3 mu1^2 mu2^3.
  const u0 = 3 * B20, u1 = 3 * B21, u2 = 3 * B22, v0 = 3 * A20, v1 = 3 * A21, v2 = 3 * A22;
  hd[6] = A30 * u0;
  hd[7] = A30 * u1 + A31 * u0;
  hd[8] = A30 * u2 + A31 * u1 + A32 * u0;
  hd[9] = A31 * u2 + A32 * u1 + A33 * u0;
  hd[10] = A32 * u2 + A33 * u1;
  hd[11] = A33 * u2;
  dh[6] = v0 * B30;
  dh[7] = v0 * B31 + v1 * B30;
  dh[8] = v0 * B32 + v1 * B31 + v2 * B30;
  dh[9] = v0 * B33 + v1 * B32 + v2 * B31;
  dh[10] = v1 * B33 + v2 * B32;
  dh[11] = v2 * B33;
  // E[He3' He3' | g0, g1], even, degree <= 4 (entries 9..15 stay 0).
  const f20 = 9 * c22 - 9, f02 = 9 * c11 - 9, f11 = 36 * c12;
  const D = DD;
  D[0] = q;
  D[1] = f20 * A20 + f02 * B20 + f11 * (a0 * b0);
  D[2] = f20 * A21 + f02 * B21 + f11 * (a0 * b1 + a1 * b0);
  D[3] = f20 * A22 + f02 * B22 + f11 * (a1 * b1);
  D[4] = 9 * (A20 * B20);
  D[5] = 9 * (A20 * B21 + A21 * B20);
  D[6] = 9 * (A20 * B22 + A21 * B21 + A22 * B20);
  D[7] = 9 * (A21 * B22 + A22 * B21);
  D[8] = 9 * (A22 * B22);
  out[1] = dotEven(HH, N, PP_AT);
  out[2] = sT * dotOdd(DH, N, PT_AT);
  out[3] = sT * dotOdd(HD, N, PT_AT);
  out[4] = dotOdd(DH, N, TP_AT);
  out[5] = dotOdd(HD, N, TP_AT);
  out[6] = 4.5 * e * e + sT * dotDegree4(D, N);
  return out;
}

// Family offsets (src/population/kernel/routerMoments.ts), as local constants for the inner loops.
const PP_AT = 16, PT_AT = 32, TP_AT = 44;

function dotEven(c: Float64Array, n: Float64Array, at: number): number {
  let s = 0;
  for (let k = 0; k < 16; k++) s += c[k] * n[at + k];
  return s;
}

/** dotEven over degrees <= 4 only (E[He3' He3'] has no degree 6). */
function dotDegree4(c: Float64Array, n: Float64Array): number {
  let s = 0;
  for (let k = 0; k < 9; k++) s += c[k] * n[k];
  return s;
}

function dotOdd(c: Float64Array, n: Float64Array, at: number): number {
  let s = 0;
  for (let k = 0; k < 12; k++) s += c[k] * n[at + k];
  return s;
}
