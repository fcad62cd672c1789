/**
 * Conditional Hermite products of the pair kernel as polynomials in the inner
 * quadrature variable x (coefficients of x^0..x^6).
 *
 * Given the router projections, (w1, w2) = (mu1 + z1, mu2 + z2) with
 * mu1 = P + Q x, mu2 = P' + Q' x and z ~ N(0, C), C = [[c11, c12], [c12, c22]].
 * Writing He3(mu + z) = z^3 + a2 z^2 + a1 z + a0 (a0 = mu^3 - 3 mu,
 * a1 = 3 mu^2 - 3, a2 = 3 mu) and taking the expectation over z with the
 * Isserlis moments M_kl = E[z1^k z2^l] gives
 *   E[He3(w1) He3(w2)]  = a0 b0 + c22 a0 b2 + c11 a2 b0 + c12 a1 b1 + M13 a1 + M31 b1 + M22 a2 b2 + M33,
 *   E[He3(w1) He3'(w2)] = a0 b1 + 3 c22 a0 + c11 a2 b1 + 2 c12 a1 b2 + 2 M31 b2 + 3 M22 a2,
 *   E[He3'(w1) He3'(w2)] = a1 b1 + 3 c22 a1 + 3 c11 b1 + 4 c12 a2 b2 + 9 M22
 * (He3' = 3 He2 has parts (3, 0, a2, a1) in the same layout). The products
 * are written out as straight-line code: they run once per outer node of
 * every pair, ~10^4 times per gradient. Every term is odd in the parts of
 * each side it contains, so flipping an expert's sign flips the products
 * exactly (cancelling pairs cancel to the last bit).
 */

/**
 * Parts of He3(mu + z), mu = P + Q x, as polynomials in x: a0 at out[0..3],
 * a1 at out[4..6], a2 at out[7..8].
 */
export function hermiteParts(P: number, Q: number, out: Float64Array): void {
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

/**
 * E[He3(w1) He3(w2) | x] = a0 (b0 + c22 b2) + a2 (c11 b0 + M22 b2) + a1 (c12 b1 + M13) + M31 b1 + M33
 * into out[0..6], from the parts `a`, `b` ({@link hermiteParts}).
 */
export function productHH(
  a: Float64Array, b: Float64Array, c11: number, c12: number, c22: number,
  m22: number, m13: number, m31: number, m33: number, out: Float64Array,
): void {
  const a00 = a[0], a01 = a[1], a02 = a[2], a03 = a[3], a10 = a[4], a11 = a[5], a12 = a[6], a20 = a[7], a21 = a[8];
  const b00 = b[0], b01 = b[1], b02 = b[2], b03 = b[3], b10 = b[4], b11 = b[5], b12 = b[6], b20 = b[7], b21 = b[8];
  const u0 = b00 + c22 * b20, u1 = b01 + c22 * b21; // b0 + c22 b2 (u2 = b02, u3 = b03)
  const v0 = c11 * b00 + m22 * b20, v1 = c11 * b01 + m22 * b21, v2 = c11 * b02, v3 = c11 * b03; // c11 b0 + M22 b2
  const t0 = c12 * b10 + m13, t1 = c12 * b11, t2 = c12 * b12; // c12 b1 + M13
  out[0] = a00 * u0 + a20 * v0 + a10 * t0 + (m31 * b10 + m33);
  out[1] = a00 * u1 + a01 * u0 + a20 * v1 + a21 * v0 + a10 * t1 + a11 * t0 + m31 * b11;
  out[2] = a00 * b02 + a01 * u1 + a02 * u0 + a20 * v2 + a21 * v1 + a10 * t2 + a11 * t1 + a12 * t0 + m31 * b12;
  out[3] = a00 * b03 + a01 * b02 + a02 * u1 + a03 * u0 + a20 * v3 + a21 * v2 + a11 * t2 + a12 * t1;
  out[4] = a01 * b03 + a02 * b02 + a03 * u1 + a21 * v3 + a12 * t2;
  out[5] = a02 * b03 + a03 * b02;
  out[6] = a03 * b03;
}

/**
 * E[He3(w1) He3'(w2) | x] = a0 (b1 + 3 c22) + a2 (c11 b1 + 3 M22) + a1 (2 c12 b2) + 2 M31 b2
 * into out[0..6] (out[6] = 0). With the sides swapped (a <-> b, c11 <-> c22,
 * M31 -> M13) the same function gives E[He3'(w1) He3(w2) | x].
 */
export function productHD(
  a: Float64Array, b: Float64Array, c11: number, c12: number, c22: number, m22: number, m31: number, out: Float64Array,
): void {
  const a00 = a[0], a01 = a[1], a02 = a[2], a03 = a[3], a10 = a[4], a11 = a[5], a12 = a[6], a20 = a[7], a21 = a[8];
  const b10 = b[4], b11 = b[5], b12 = b[6], b20 = b[7], b21 = b[8];
  const u0 = b10 + 3 * c22; // b1 + 3 c22 (u1 = b11, u2 = b12)
  const v0 = c11 * b10 + 3 * m22, v1 = c11 * b11, v2 = c11 * b12; // c11 b1 + 3 M22
  const k = 2 * c12, t0 = k * b20, t1 = k * b21; // 2 c12 b2
  const k2 = 2 * m31;
  out[0] = a00 * u0 + a20 * v0 + a10 * t0 + k2 * b20;
  out[1] = a00 * b11 + a01 * u0 + a20 * v1 + a21 * v0 + a10 * t1 + a11 * t0 + k2 * b21;
  out[2] = a00 * b12 + a01 * b11 + a02 * u0 + a20 * v2 + a21 * v1 + a11 * t1 + a12 * t0;
  out[3] = a01 * b12 + a02 * b11 + a03 * u0 + a21 * v2 + a12 * t1;
  out[4] = a02 * b12 + a03 * b11;
  out[5] = a03 * b12;
  out[6] = 0;
}

/** E[He3'(w1) He3'(w2) | x] = a1 b1 + 3 c22 a1 + 3 c11 b1 + 4 c12 a2 b2 + 9 M22 into out[0..6]. */
export function productDD(
  a: Float64Array, b: Float64Array, c11: number, c12: number, c22: number, m22: number, out: Float64Array,
): void {
  const a10 = a[4], a11 = a[5], a12 = a[6], a20 = a[7], a21 = a[8];
  const b10 = b[4], b11 = b[5], b12 = b[6], b20 = b[7], b21 = b[8];
  const p = 3 * c22, q = 3 * c11, k = 4 * c12;
  out[0] = a10 * b10 + p * a10 + q * b10 + k * (a20 * b20) + 9 * m22;
  out[1] = a10 * b11 + a11 * b10 + p * a11 + q * b11 + k * (a20 * b21 + a21 * b20);
  out[2] = a10 * b12 + a11 * b11 + a12 * b10 + p * a12 + q * b12 + k * (a21 * b21);
  out[3] = a11 * b12 + a12 * b11;
  out[4] = a12 * b12;
  out[5] = 0;
  out[6] = 0;
}
