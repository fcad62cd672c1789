import type { Rng } from '../../core/streams.ts';
import { addRowProducts, projectRows } from './spanKernels.ts';
import type { SpanSgdState } from './spanState.ts';

/** Samples per chunk (a chunk's K x CHUNK coordinates and 2m x CHUNK coefficients: ~0.2 MB at K = 60, m = 25). */
export const CHUNK = 256;

/** The shape a lane works on: what it needs of a span state (all of it but the student's coordinates, which change every step). */
export interface LaneShape {
  readonly m: number;
  readonly mStar: number;
  readonly teacherDim: number;
  readonly maxDim: number;
}

/**
 * One lane of a span-SGD step: a share of the batch, its scratch buffers
 * and its sums, C Z (2m x maxDim) and C C^T (2m x 2m, lower triangle and
 * the diagonal blocks), over its samples only.
 */
export class SpanLane {
  readonly zt: Float64Array;
  readonly coef: Float64Array;
  readonly teacherProj: Float64Array;
  readonly sig: Float64Array;
  readonly err: Float64Array;
  readonly gradIn: Float64Array;
  readonly cov: Float64Array;

  constructor(shape: LaneShape, samples: number, buffers?: { gradIn: Float64Array; cov: Float64Array }) {
    const c = Math.max(1, Math.min(samples, CHUNK));
    const n2 = 2 * shape.m;
    this.zt = new Float64Array(shape.maxDim * c);
    this.coef = new Float64Array(n2 * c);
    this.teacherProj = new Float64Array(2 * shape.mStar * c);
    this.sig = new Float64Array(shape.m * c);
    this.err = new Float64Array(c);
    this.gradIn = buffers?.gradIn ?? new Float64Array(n2 * shape.maxDim);
    this.cov = buffers?.cov ?? new Float64Array(n2 * n2);
  }
}

/**
 * Draws `count` samples' coordinates on the K basis vectors of the state
 * from `rng` and sets lane.gradIn = C Z and lane.cov = C C^T over them
 * (coefficients divided by the whole batch B). Returns sum e_n^2. Samples
 * go in chunks of CHUNK, so that a chunk's coordinates and coefficients stay
 * in cache through all their uses; in a chunk the draws go basis vector by
 * basis vector, samples inner. spanSgdStep.ts has the derivation.
 */
export function accumulateLane(
  shape: LaneShape, teacher: Float64Array, student: Float64Array, K: number, lane: SpanLane, rng: Rng, count: number, B: number,
): number {
  const { m, teacherDim: kT, maxDim } = shape;
  const n2 = 2 * m;
  lane.gradIn.fill(0);
  lane.cov.fill(0);
  let sq = 0;
  for (let from = 0; from < count; from += CHUNK) {
    const c = Math.min(CHUNK, count - from);
    const zt = lane.zt;
    for (let k = 0; k < K * c; k++) zt[k] = rng.normal();
    projectRows(teacher, 2 * shape.mStar, kT, kT, 0, zt, c, lane.teacherProj);
    projectRows(student, n2, maxDim, K, kT, zt, c, lane.coef);
    sq += coefficients(shape, lane, c, B);
    addRowProducts(lane.coef, n2, zt, K, c, lane.gradIn, maxDim);
    addRowProducts(lane.coef, n2, lane.coef, n2, c, lane.cov, n2, true);
  }
  return sq;
}

/**
 * Residuals of a chunk of c samples and, in place of the student
 * projections in lane.coef, their gradient coefficients C (rows: routers,
 * then experts; divided by the whole batch size B):
 *   c_{v_i} = e sig'(a_i) He3(b_i) / B,  c_{w_i} = e sig(a_i) He3'(b_i) / B.
 * Returns sum e_n^2.
 */
function coefficients(shape: LaneShape, lane: SpanLane, c: number, B: number): number {
  const { m, mStar } = shape;
  const { coef, teacherProj: tp, sig, err } = lane;
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
