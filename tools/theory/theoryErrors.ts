import type { Point, TeacherPrediction } from '../../src/generated/metrics.ts';
import { onePairExcluded } from '../../src/claims/theoryClaims.ts';

/** The theory's errors on one pipeline run, the quantities whose distributions set the claims' bounds. */
export interface TheoryErrors {
  d: number;
  m: number;
  mStar: number;
  /** First-recovered teacher: measured / one-pair predicted expert time - 1 (null where the one-pair law is excluded or absent). */
  escape: number | null;
  /** That error times r0 d = z sqrt(d) (the derivation's order is 1 / (r0 d)). */
  escapeScaled: number | null;
  /** The multi-pair model predicted a cancelling pair for the first crossing student. */
  firstPaired: boolean;
  /** First-recovered teacher: router overlap at the expert's threshold time, and measured - predicted lag. */
  routerAtExpert: number | null;
  lagError: number | null;
  /**
   * Per recovered teacher (by order): measured / multi-pair - 1 (null when the model crossed elsewhere or never), scaled by r0 d,
   * and measured / one-pair - 1.
   */
  teachers: {
    order: number; multiPair: number | null; multiPairScaled: number | null; sameStudent: boolean; onePair: number | null; paired: boolean | null;
    /** The crossing student's largest |expert overlap| with any other teacher before its expert event (a shared representation if O(1)). */
    sharedMax: number | null;
    /** The multi-pair model predicted a shared representation (overlap >= 0.5 with another teacher) for its crossing student first: C9 does not judge it. */
    modelShared: boolean;
  }[];
  /** Teachers that crossed in the run but not in the model, or the other way round. */
  unmatched: number;
  /** Fitted fine-tuning rate / 2 lambda_min - 1, where fine-tuning reached the loss target (C10 judged). */
  fineTuning: number | null;
  /** The fitted rate's relative distance outside [2 lambda_min, 2 lambda_c] (0 inside), where judged. */
  fineTuningOutside: number | null;
  /** Verdicts of the theory's claims. */
  verdicts: Record<string, string>;
}

/** The errors of one point (null when it has no theory block). */
export function theoryErrors(p: Point): TheoryErrors | null {
  const t = p.theory;
  if (!t) return null;
  const first = t.teachers.find((x) => x.order === 1);
  const excluded = first ? onePairExcluded(first) !== null : false;
  const rel = (a: number | null, b: number | null) => (a !== null && b !== null && b !== 0 ? a / b - 1 : null);
  const scaled = (e: number | null, x: TeacherPrediction) => (e !== null && x.r0 !== null ? e * Math.abs(x.r0) * p.d : null);
  const escape = first && !excluded ? rel(first.expertTime.measured, first.expertTime.predicted) : null;
  const lagOk = first && !excluded && first.routerLag.measured !== null && first.routerLag.predicted !== null;
  const teachers = t.teachers.filter((x) => x.order !== null).sort((a, b) => a.order! - b.order!).map((x) => {
    const same = x.multiPair?.student === x.student && x.multiPair?.predicted !== null;
    const e = same ? rel(x.expertTime.measured, x.multiPair!.predicted) : null;
    return {
      order: x.order!, multiPair: e, multiPairScaled: scaled(e, x), sameStudent: !!same, onePair: rel(x.expertTime.measured, x.expertTime.predicted),
      paired: x.multiPair?.paired ?? null, sharedMax: sharedBefore(p, x), modelShared: x.multiPair?.sharedWith != null,
    };
  });
  const unmatched = t.teachers.filter((x) => x.multiPair && (x.expertTime.measured === null) !== (x.multiPair.predicted === null)).length;
  const f = t.fineTuning;
  const judged = f && f.fittedRate !== null && p.claims.find((c) => c.id === 'C10')?.verdict !== 'not-evaluated';
  const outside = judged ? Math.max(0, 1 - f!.fittedRate! / f!.predictedRate, f!.fittedRate! / f!.clusterRate - 1) : null;
  return {
    d: p.d, m: p.m, mStar: p.mStar, escape, escapeScaled: first && escape !== null ? scaled(escape, first) : null, firstPaired: excluded,
    routerAtExpert: first && !excluded ? first.routerAtExpertTime.measured : null,
    lagError: lagOk ? first!.routerLag.measured! - first!.routerLag.predicted! : null,
    teachers, unmatched, fineTuning: judged ? f!.fittedRate! / f!.predictedRate - 1 : null, fineTuningOutside: outside,
    verdicts: Object.fromEntries(p.claims.filter((c) => ['C7', 'C8', 'C9', 'C10', 'C11'].includes(c.id)).map((c) => [c.id, c.verdict])),
  };
}

/** max over records before teacher x's expert event of max_{k != j} |<w_i, w*_k>| for its crossing student i. */
function sharedBefore(p: Point, x: TeacherPrediction): number | null {
  if (x.student === null || x.expertTime.measured === null) return null;
  let best = 0;
  for (const r of p.featureLearning.records) {
    if (r.t > x.expertTime.measured) break;
    r.expert[x.student].forEach((v, k) => {
      if (k !== x.teacher) best = Math.max(best, Math.abs(v));
    });
  }
  return best;
}
