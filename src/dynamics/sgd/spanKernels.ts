/**
 * The dense products of a span-SGD step (spanSgdStep.ts) on one chunk of c
 * samples, in plain float64 loops blocked in registers: 3 x 4 and 3 x 3
 * blocks ran ~1.5-1.7x faster than 2 x 2 ones on this project's machines
 * (V8 does not vectorise; what counts is loads per multiply-add).
 * Row-major throughout; "rows of length c" are per-basis-vector or
 * per-direction rows over the chunk's samples.
 */

/**
 * out[i][n] = sum_{l < len_i} a[i][l] zt[l][n] for i < rows, n < c: the
 * chunk's projections on the rows of `a` (row stride `stride`). Row i has
 * no entries beyond len_i = min(K, lead + i + 1) when lead > 0 (the
 * lower-trapezoidal student rows of compressRows; entries there are zero
 * and may be read) and len_i = K when lead = 0.
 */
export function projectRows(a: Float64Array, rows: number, stride: number, K: number, lead: number, zt: Float64Array, c: number, out: Float64Array): void {
  const c4 = c - (c % 4);
  for (let i = 0; i < rows; i += 3) {
    const r1 = Math.min(i + 1, rows - 1), r2 = Math.min(i + 2, rows - 1);
    const L = lead === 0 ? K : Math.min(K, lead + r2 + 1);
    const a0 = i * stride, a1 = r1 * stride, a2 = r2 * stride;
    // Rows r1, r2 repeat row i at the end of `a`: their values are written twice, identically.
    for (let n = 0; n < c4; n += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s20 = 0, s21 = 0, s22 = 0, s23 = 0;
      for (let l = 0, zo = n; l < L; l++, zo += c) {
        const z0 = zt[zo], z1 = zt[zo + 1], z2 = zt[zo + 2], z3 = zt[zo + 3];
        const x = a[a0 + l], y = a[a1 + l], w = a[a2 + l];
        s00 += x * z0; s01 += x * z1; s02 += x * z2; s03 += x * z3;
        s10 += y * z0; s11 += y * z1; s12 += y * z2; s13 += y * z3;
        s20 += w * z0; s21 += w * z1; s22 += w * z2; s23 += w * z3;
      }
      const p0 = i * c + n, p1 = r1 * c + n, p2 = r2 * c + n;
      out[p2] = s20; out[p2 + 1] = s21; out[p2 + 2] = s22; out[p2 + 3] = s23;
      out[p1] = s10; out[p1 + 1] = s11; out[p1 + 2] = s12; out[p1 + 3] = s13;
      out[p0] = s00; out[p0 + 1] = s01; out[p0 + 2] = s02; out[p0 + 3] = s03;
    }
    for (let n = c4; n < c; n++) {
      for (const r of [i, r1, r2]) {
        let s = 0;
        for (let l = 0, zo = n; l < L; l++, zo += c) s += a[r * stride + l] * zt[zo];
        out[r * c + n] = s;
      }
    }
  }
}

/**
 * out[i][l] += <a_i, b_l> (rows of length c) for i < ra and l < rb, or,
 * with `lower` (a = b), for l <= i: the entries above the diagonal of the
 * diagonal blocks are added to as well, and must be discarded by the caller.
 * out has row stride `stride`.
 */
export function addRowProducts(a: Float64Array, ra: number, b: Float64Array, rb: number, c: number, out: Float64Array, stride: number, lower = false): void {
  for (let i = 0; i < ra; i += 3) {
    const i1 = Math.min(i + 1, ra - 1), i2 = Math.min(i + 2, ra - 1);
    const x0o = i * c, x1o = i1 * c, x2o = i2 * c;
    const lEnd = lower ? Math.min(rb, i + 3) : rb;
    for (let l = 0; l < lEnd; l += 3) {
      const l1 = Math.min(l + 1, rb - 1), l2 = Math.min(l + 2, rb - 1);
      const y0o = l * c, y1o = l1 * c, y2o = l2 * c;
      let s00 = 0, s01 = 0, s02 = 0, s10 = 0, s11 = 0, s12 = 0, s20 = 0, s21 = 0, s22 = 0;
      for (let n = 0; n < c; n++) {
        const x0 = a[x0o + n], x1 = a[x1o + n], x2 = a[x2o + n];
        const y0 = b[y0o + n], y1 = b[y1o + n], y2 = b[y2o + n];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2;
      }
      // Clamped (repeated) rows and columns at the ends are computed but not added twice.
      const rowsHere = Math.min(3, ra - i), colsHere = Math.min(3, rb - l);
      if (rowsHere === 3 && colsHere === 3) {
        const o0 = i * stride + l, o1 = o0 + stride, o2 = o1 + stride;
        out[o0] += s00; out[o0 + 1] += s01; out[o0 + 2] += s02;
        out[o1] += s10; out[o1 + 1] += s11; out[o1 + 2] += s12;
        out[o2] += s20; out[o2 + 1] += s21; out[o2 + 2] += s22;
      } else {
        const s = [s00, s01, s02, s10, s11, s12, s20, s21, s22];
        for (let p = 0; p < rowsHere; p++) for (let q = 0; q < colsHere; q++) out[(i + p) * stride + l + q] += s[3 * p + q];
      }
    }
  }
}
