import { psdCholesky } from '../../core/psdCholesky.ts';
import { bartlettFactor } from '../../core/bartlett.ts';
import type { Rng, SeedStreams } from '../../core/streams.ts';
import { compressRows } from './compressRows.ts';
import { LaneThread } from './laneThread.ts';
import { accumulateLane, SpanLane } from './spanLane.ts';
import type { SpanSgdState } from './spanState.ts';

/**
 * Draws the factor T (rows x q, q = min(rows, n), row-major into `out`) of
 * the out-of-span noise L T Q (see spanSgdStep) for a rows x n standard
 * Gaussian matrix, and returns q. The exact one is the Bartlett factor; the
 * property suite passes wrong ones to show its test can tell.
 */
export type OutOfSpanSampler = (rows: number, n: number, rng: Rng, out: Float64Array) => number;

/**
 * Where a span step's second half-batch is drawn (see {@link laneCount}):
 * stream `${stream}:lane-1` of `seeds`, on a worker thread or inline (the
 * same numbers either way).
 */
export interface SpanLanes {
  seeds: SeedStreams;
  /** The step's own stream (lane 0 and the out-of-span factor draw from it), e.g. 'data'. */
  stream: string;
  /** Evaluate the second lane on a worker thread (default false). */
  thread?: boolean;
}

/**
 * How many lanes a step's batch is split into: 2 when a step has at least
 * 2^20 multiply-adds in its products (B K 2m, at the state's largest K),
 * so that a second core pays off (it does at m = 25, K = 60, B >= 350);
 * else 1. A function of the sizes only, so a run's numbers never depend on
 * the machine.
 */
export function laneCount(state: SpanSgdState, batch: number): 1 | 2 {
  return batch >= 2 && batch * state.maxDim * 2 * state.m >= 2 ** 20 ? 2 : 1;
}

/** Scratch buffers of span-SGD steps for one state shape and batch size (reused across steps: no allocation per step). */
export class SpanStepWork {
  /** Lane 0 (drawn from the step's rng); its sums become the whole batch's C Z (2m x maxDim) and C C^T (2m x 2m). */
  readonly lane0: SpanLane;
  /** The second half of the batch, when there are two lanes. */
  private readonly lane1: { count: number; inline?: { lane: SpanLane; rng: Rng }; thread?: LaneThread } | null;
  /** 2m x 2m: the factor L of C C^T, the Bartlett factor T and L T. */
  readonly chol: Float64Array;
  readonly bartlett: Float64Array;
  readonly gradOut: Float64Array;
  /** 2m x (maxDim + 2m): the moved rows on the grown basis, before re-compression. */
  readonly rows: Float64Array;
  readonly rowStride: number;
  /** 2m: |u - lr g| of each row before renormalising (non-finite: the step overflowed). */
  readonly norms: Float64Array;

  /** Without `lanes` the whole batch is one lane drawn from the step's rng. */
  constructor(state: SpanSgdState, readonly batch: number, lanes?: SpanLanes) {
    const n2 = 2 * state.m;
    const second = lanes && laneCount(state, batch) === 2 ? Math.floor(batch / 2) : 0;
    this.lane0 = new SpanLane(state, batch - second);
    if (!second) this.lane1 = null;
    else if (lanes!.thread) this.lane1 = { count: second, thread: new LaneThread(state, state.teacher, batch, second, lanes!.seeds.root, `${lanes!.stream}:lane-1`) };
    else this.lane1 = { count: second, inline: { lane: new SpanLane(state, second), rng: lanes!.seeds.stream(`${lanes!.stream}:lane-1`) } };
    this.chol = new Float64Array(n2 * n2);
    this.bartlett = new Float64Array(n2 * n2);
    this.gradOut = new Float64Array(n2 * n2);
    this.rowStride = state.maxDim + n2;
    this.rows = new Float64Array(n2 * this.rowStride);
    this.norms = new Float64Array(n2);
  }

  /** C Z of the whole batch, 2m x maxDim, after {@link SpanStepWork.accumulate}. */
  get gradIn(): Float64Array {
    return this.lane0.gradIn;
  }

  /** C C^T of the whole batch (full, symmetric), 2m x 2m, after {@link SpanStepWork.accumulate}. */
  get cov(): Float64Array {
    return this.lane0.cov;
  }

  /** The lanes' sums over the whole batch into gradIn and cov, lane 0 first then lane 1 (a fixed order); returns sum e_n^2. */
  accumulate(state: SpanSgdState, rng: Rng): number {
    const K = state.dim;
    const l1 = this.lane1;
    l1?.thread?.start(state.student, K, l1.count);
    let sq = accumulateLane(state, state.teacher, state.student, K, this.lane0, rng, this.batch - (l1?.count ?? 0), this.batch);
    if (l1) {
      let src: { gradIn: Float64Array; cov: Float64Array };
      if (l1.thread) {
        l1.thread.finish();
        sq += l1.thread.sq[0];
        src = l1.thread;
      } else {
        sq += accumulateLane(state, state.teacher, state.student, K, l1.inline!.lane, l1.inline!.rng, l1.count, this.batch);
        src = l1.inline!.lane;
      }
      for (let k = 0; k < src.gradIn.length; k++) this.lane0.gradIn[k] += src.gradIn[k];
      for (let k = 0; k < src.cov.length; k++) this.lane0.cov[k] += src.cov[k];
    }
    const n2 = 2 * state.m, cov = this.lane0.cov;
    for (let i = 0; i < n2; i++) for (let j = 0; j < i; j++) cov[j * n2 + i] = cov[i * n2 + j];
    return sq;
  }

  /** Stops the lane thread, if any. */
  close(): void {
    this.lane1?.thread?.close();
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
 * (src/core/bartlett.ts) and H Haar and independent of T. So the
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
 * throughout. Draws, in this order from `rng`: Z of lane 0 (the whole
 * batch, or its first half with two lanes, see laneCount; spanLane.ts has
 * the order), then T (outOfSpan); the second half's Z comes from its own
 * stream (SpanLanes).
 */
export function spanSgdStep(state: SpanSgdState, lr: number, work: SpanStepWork, rng: Rng, outOfSpan: OutOfSpanSampler = bartlettFactor): number {
  const { m, teacherDim: kT, dim: K, maxDim } = state;
  const n2 = 2 * m;
  const sq = work.accumulate(state, rng);
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
  return sq / (2 * work.batch);
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
