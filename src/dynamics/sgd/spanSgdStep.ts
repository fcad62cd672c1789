import { psdCholesky } from '../../core/psdCholesky.ts';
import { bartlettFactor } from '../../core/bartlett.ts';
import type { Rng } from '../../core/streams.ts';
import { compressRows } from './compressRows.ts';
import { addRowProducts, projectRows } from './spanKernels.ts';
import type { SpanSgdState } from './spanState.ts';

/**
 * Draws the factor T (rows x q, q = min(rows, n), row-major into `out`) of
 * the out-of-span noise L T Q (see spanSgdStep) for a rows x n standard
 * Gaussian matrix, and returns q. The exact one is the Bartlett factor; the
 * property suite passes wrong ones to show its test can tell.
 */
export type OutOfSpanSampler = (rows: number, n: number, rng: Rng, out: Float64Array) => number;

/** Scratch buffers of span-SGD steps for one state shape and batch size (reused across steps: no allocation per step). */
export class SpanStepWork {
  /** K x c: a chunk's coordinates on the basis, one basis vector per row (c = min(B, CHUNK)). */
  readonly zt: Float64Array;
  /** 2m x c: a chunk's student projections, then (in place) its per-sample gradient coefficients C. */
  readonly coef: Float64Array;
  /** 2m* x c: teacher projections. */
  readonly teacherProj: Float64Array;
  /** m x c: sigmoid of the router projections. */
  readonly sig: Float64Array;
  /** c: residuals f(x_n) - y_n. */
  readonly err: Float64Array;
  /** 2m x maxDim: in-span gradient C Z. */
  readonly gradIn: Float64Array;
  /** 2m x 2m: C C^T, its factor L, the Bartlett factor T and L T. */
  readonly cov: Float64Array;
  readonly chol: Float64Array;
  readonly bartlett: Float64Array;
  readonly gradOut: Float64Array;
  /** 2m x (maxDim + 2m): the moved rows on the grown basis, before re-compression. */
  readonly rows: Float64Array;
  readonly rowStride: number;
  /** 2m: |u - lr g| of each row before renormalising (non-finite: the step overflowed). */
  readonly norms: Float64Array;

  constructor(state: SpanSgdState, readonly batch: number) {
    const n2 = 2 * state.m;
    const c = Math.min(batch, CHUNK);
    this.zt = new Float64Array(state.maxDim * c);
    this.coef = new Float64Array(n2 * c);
    this.teacherProj = new Float64Array(2 * state.mStar * c);
    this.sig = new Float64Array(state.m * c);
    this.err = new Float64Array(c);
    this.gradIn = new Float64Array(n2 * state.maxDim);
    this.cov = new Float64Array(n2 * n2);
    this.chol = new Float64Array(n2 * n2);
    this.bartlett = new Float64Array(n2 * n2);
    this.gradOut = new Float64Array(n2 * n2);
    this.rowStride = state.maxDim + n2;
    this.rows = new Float64Array(n2 * this.rowStride);
    this.norms = new Float64Array(n2);
  }
}

/**
 * One step of online batch SGD on the product of unit spheres, exactly in
 * distribution, at a cost that does not depend on d: every router and
 * expert direction u moves to (u - lr (g - <g,u> u)) / |...|, with g the
 * gradient of the batch loss (1/2B) sum_n (f(x_n) - y_n)^2 over a fresh
 * batch x_1..x_B ~ N(0, I_d) (src/dynamics/sgd/sgdStep.ts is the same step
 * in R^d). Advances `state` in place and returns the batch loss before the
 * step.
 *
 * Why it is the same process. Let S be the span of the basis (it contains
 * every current direction), K its dimension, Q_S its basis (K x d). Write
 * x_n = Q_S^T z_n + x_n^perp: the coordinates z_n ~ N(0, I_K) and the
 * remainder x_n^perp ~ N(0, I - Q_S^T Q_S) are independent. The model's
 * outputs, residuals e_n and the per-sample gradient coefficients
 *   c_{v_i, n} = e_n sig'(<v_i,x_n>) He3(<w_i,x_n>) / B,
 *   c_{w_i, n} = e_n sig(<v_i,x_n>) He3'(<w_i,x_n>) / B
 * (C, 2m x B) depend on x only through Z, so the gradient rows are
 *   G = C X = (C Z) Q_S + C X^perp.
 * Given Z, C X^perp = (C Xi) U^T with Xi (B x n, n = d - K) i.i.d. N(0, 1)
 * and U an orthonormal basis of S^perp: its n columns C xi are i.i.d.
 * N(0, C C^T), so C Xi has the law of L N (L L^T = C C^T, N a 2m x n
 * standard Gaussian matrix), and N = T H with T its Bartlett factor
 * (src/random/bartlett.ts) and H Haar and independent of T. So the
 * out-of-span part is L T Q with Q = H U^T: q = min(2m, n) orthonormal
 * directions of S^perp, uniform and independent of everything before. Since
 * the data law is rotation invariant, the inner products of all directions
 * (which are all the loss, the alignments and every later step depend on)
 * form a Markov chain; taking Q as q new basis vectors reproduces its
 * transition exactly. The tangent projection needs only <g,u> = <C Z, u>
 * (u lies in S). compressRows then rewrites the grown basis to at most
 * k_T + 2m vectors (the teacher's k_T kept first): a basis of any subspace
 * containing the directions is as exact as the smallest, so no rank
 * decision is ever needed.
 *
 * Cost per step: B K normals, O(B K m) for projections, C Z and C C^T, and
 * O(m^3) for the factor, the move and the re-compression; no d anywhere
 * (the chi variates are exact at any degrees of freedom: gamma.ts). Float64
 * throughout. Draws, in this order from `rng`: Z (in chunks of CHUNK
 * samples; in a chunk basis vector by basis vector, samples inner), then T
 * (outOfSpan).
 */
export function spanSgdStep(state: SpanSgdState, lr: number, work: SpanStepWork, rng: Rng, outOfSpan: OutOfSpanSampler = bartlettFactor): number {
  const { m, teacherDim: kT, dim: K, maxDim } = state;
  const B = work.batch;
  const n2 = 2 * m;
  work.gradIn.fill(0);
  work.cov.fill(0);
  let sq = 0;
  // Samples in chunks, so that a chunk's coordinates and coefficients stay in cache through all their uses.
  for (let from = 0; from < B; from += CHUNK) {
    const c = Math.min(CHUNK, B - from);
    const zt = work.zt;
    for (let k = 0; k < K * c; k++) zt[k] = rng.normal();
    projectRows(state.teacher, 2 * state.mStar, kT, kT, 0, zt, c, work.teacherProj);
    projectRows(state.student, n2, maxDim, K, kT, zt, c, work.coef);
    sq += coefficients(state, work, c, B);
    addRowProducts(work.coef, n2, zt, K, c, work.gradIn, maxDim);
    addRowProducts(work.coef, n2, work.coef, n2, c, work.cov, n2, true);
  }
  for (let i = 0; i < n2; i++) for (let j = 0; j < i; j++) work.cov[j * n2 + i] = work.cov[i * n2 + j];
  psdCholesky(work.cov, n2, work.chol);
  const q = outOfSpan(n2, state.d - K, rng, work.bartlett);
  lowerTimesTrapezoid(work.chol, work.bartlett, n2, q, work.gradOut);
  move(state, lr, q, work);
  const free = compressRows(work.rows, n2, work.rowStride, kT, K - kT + q);
  state.dim = kT + free;
  for (let i = 0; i < n2; i++) {
    const o = i * maxDim;
    state.student.set(work.rows.subarray(i * work.rowStride, i * work.rowStride + state.dim), o);
    state.student.fill(0, o + state.dim, o + maxDim);
  }
  return sq / (2 * B);
}

/** Samples per chunk (a chunk's K x CHUNK coordinates and 2m x CHUNK coefficients: ~0.2 MB at K = 60, m = 25). */
export const CHUNK = 256;

/**
 * Residuals of a chunk of c samples and, in place of the student
 * projections in work.coef, their gradient coefficients C (rows: routers,
 * then experts; divided by the whole batch size B). Returns sum e_n^2.
 */
function coefficients(state: SpanSgdState, work: SpanStepWork, c: number, B: number): number {
  const { m, mStar } = state;
  const { coef, teacherProj: tp, sig, err } = work;
  for (let n = 0; n < c; n++) {
    let y = 0;
    for (let j = 0; j < mStar; j++) {
      const b = tp[(mStar + j) * c + n];
      y += (b * (b * b - 3)) / (1 + Math.exp(-tp[j * c + n]));
    }
    err[n] = -y;
  }
  for (let i = 0; i < m; i++) {
    const ro = i * c, eo = (m + i) * c;
    for (let n = 0; n < c; n++) {
      const s = 1 / (1 + Math.exp(-coef[ro + n]));
      const b = coef[eo + n];
      sig[ro + n] = s;
      err[n] += s * b * (b * b - 3);
    }
  }
  let sq = 0;
  for (let n = 0; n < c; n++) sq += err[n] * err[n];
  for (let i = 0; i < m; i++) {
    const ro = i * c, eo = (m + i) * c;
    for (let n = 0; n < c; n++) {
      const r = err[n] / B;
      const s = sig[ro + n];
      const b = coef[eo + n];
      coef[ro + n] = r * s * (1 - s) * b * (b * b - 3);
      coef[eo + n] = r * s * 3 * (b * b - 1);
    }
  }
  return sq;
}

/** out = L T for L lower triangular (n x n) and T lower trapezoidal (n x q); out is n x q (row-major, stride q). */
function lowerTimesTrapezoid(l: Float64Array, t: Float64Array, n: number, q: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < q; j++) {
      let s = 0;
      for (let k = j; k <= i; k++) s += l[i * n + k] * t[k * q + j];
      out[i * q + j] = s;
    }
  }
}

/**
 * The moved, renormalised rows on the grown basis (K old coordinates, then
 * q fresh ones) into work.rows: u - lr (g_in - <g_in, u> u) and -lr g_out.
 */
function move(state: SpanSgdState, lr: number, q: number, work: SpanStepWork): void {
  const { dim: K, maxDim } = state;
  const n2 = 2 * state.m;
  const { gradIn, gradOut, rows, rowStride: ws, norms } = work;
  for (let i = 0; i < n2; i++) {
    const uo = i * maxDim, go = i * maxDim, ro = i * ws;
    let radial = 0;
    for (let k = 0; k < K; k++) radial += gradIn[go + k] * state.student[uo + k];
    let sq = 0;
    for (let k = 0; k < K; k++) {
      const u = state.student[uo + k];
      const v = u - lr * (gradIn[go + k] - radial * u);
      rows[ro + k] = v;
      sq += v * v;
    }
    for (let j = 0; j < q; j++) {
      const v = -lr * gradOut[i * q + j];
      rows[ro + K + j] = v;
      sq += v * v;
    }
    const len = Math.sqrt(sq);
    norms[i] = len;
    for (let k = 0; k < K + q; k++) rows[ro + k] /= len;
  }
}
