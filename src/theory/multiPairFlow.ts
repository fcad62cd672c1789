import type { FlowMethod } from '../dynamics/flow/integrateFlow.ts';
import { integrateReducedFlow } from '../dynamics/flow/reducedFlow.ts';
import type { ThresholdEvent } from '../measure/events.ts';
import type { MoeParams } from '../model/params.ts';
import { normalizeRows, overlaps } from '../core/mat.ts';
import { leadingOrderLossGrad } from './leadingOrderLossGrad.ts';

/**
 * How the multi-pair model is integrated: the feature-learning stage's own
 * horizon, integrator and stop rule, and it stops once every teacher's
 * expert has passed the threshold.
 */
export interface MultiPairOptions {
  time: number;
  threshold: number;
  stopWhenRecovered: boolean;
  method?: FlowMethod;
  rtol?: number;
  atol?: number;
  maxStep?: number;
}

/** An expert overlap at or below minus this between two students marks a cancelling pair (the experts antiparallel; the routers follow). */
export const PAIRED = 0.9;

/** An expert overlap of at least this with a teacher expert is a share of that teacher's representation (an O(1) overlap). */
export const SHARED = 0.5;

/** What the multi-pair model predicts: its threshold events, and when each student first paired with another or shared a teacher. */
export interface MultiPairPrediction {
  events: ThresholdEvent[];
  /** Per student, the first time its expert overlap with another student's was <= -PAIRED, or null. */
  pairedAt: (number | null)[];
  /** Per student and teacher (m x m*), the first time |<w_i, w*_k>| >= SHARED, or null. */
  sharedAt: (number | null)[][];
}

/**
 * The multi-pair leading-order model of feature learning: the gradient flow
 * of the leading-order loss (src/theory/leadingOrderLossGrad.ts, every pair
 * kernel 6 g(rho) e^3 plus each expert's self kernel; all m x m* and m x m
 * overlaps kept) from the same teacher and initial student, in their span,
 * with the exact flow's integrator and event tracking. Its threshold events
 * predict every teacher's expert time, the later ones included: a student
 * that crosses late has been slowed by the other students' kernels (a
 * cancelling partner, a group), which the one-pair law leaves out and this
 * model keeps. Its cost is that of a flow with a closed-form kernel (no
 * quadrature): a fraction of the exact flow's.
 *
 * It also says when the one-pair law cannot apply: a student whose expert
 * becomes antiparallel to another student's (a cancelling pair, zero joint
 * output, which forms on the same sqrt(d) time scale as an escape, twice as
 * fast for the same overlap: de/dt = -36 g e^2 (1 - e^2)) before its own
 * escape is held in the pair, whose net pull towards the teacher is only
 * O(1/sqrt(d)); it escapes later, on a longer time scale, and its router,
 * tied to its partner's, lags far longer (`pairedAt`). And it says when a
 * crossing student already carries an O(1) overlap (>= SHARED) with another
 * teacher, a share of that teacher's representation (`sharedAt`): there the
 * model itself is least accurate (claim C9 leaves such a teacher out).
 */
export function multiPairEvents(teacher: MoeParams, student: MoeParams, opts: MultiPairOptions): MultiPairPrediction {
  const m = student.experts.rows;
  const mStar = teacher.experts.rows;
  const pairedAt: (number | null)[] = new Array(m).fill(null);
  const sharedAt: (number | null)[][] = Array.from({ length: m }, () => new Array(mStar).fill(null));
  let teacherUnits: MoeParams['experts'] | null = null;
  const onStep = (t: number, s: MoeParams) => {
    const w = normalizeRows(s.experts);
    const e = overlaps(w, w);
    for (let i = 0; i < m; i++) {
      if (pairedAt[i] !== null) continue;
      for (let l = 0; l < m; l++) if (l !== i && e.data[i * m + l] <= -PAIRED) pairedAt[i] = t;
    }
    const r = overlaps(w, teacherUnits!);
    for (let i = 0; i < m; i++) for (let k = 0; k < mStar; k++) if (sharedAt[i][k] === null && Math.abs(r.data[i * mStar + k]) >= SHARED) sharedAt[i][k] = t;
  };
  // The flow runs in span coordinates: the teacher's rows there come with the first gradient call.
  const lossGrad = (tch: MoeParams, st: MoeParams) => {
    teacherUnits ??= normalizeRows(tch.experts);
    return leadingOrderLossGrad(tch, st);
  };
  // Nothing after the last teacher's first expert event is used: the run stops there (its events and
  // first times up to then are those of the run to the horizon: the same steps, the same state).
  const res = integrateReducedFlow(teacher, student, { ...opts, lossGrad, uniformPoints: 1, logPoints: 0, onStep, stopWhenExpertsPassed: true });
  return { events: res.events, pairedAt, sharedAt };
}
