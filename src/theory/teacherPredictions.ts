import type { Stage, TeacherPrediction } from '../generated/metrics.ts';
import type { ThresholdEvent } from '../measure/events.ts';
import type { MultiPairPrediction } from './multiPairFlow.ts';
import { escapeTime } from './escapeTime.ts';
import { onePairPassage } from './onePairPassage.ts';

/**
 * Per teacher expert, the theory's predictions for a feature-learning run
 * from its own initialisation, against what the run measured:
 * - the crossing student i: the student matched to teacher j when j's expert
 *   passed the threshold (its expert event), with its initial overlaps
 *   r0 = <w_i, w*_j>, z = r0 sqrt(d) and rho0 = <v_i, v*_j> read from the
 *   record at t = 0;
 * - the expert time, predicted by the one-pair closed form from r0
 *   (src/theory/escapeTime.ts), measured at the event;
 * - the router's overlap at that time and its lag behind the expert,
 *   predicted by the one-pair flow from (r0, rho0) (src/theory/onePairPassage.ts),
 *   measured from the event and the same student's router event;
 * - with `multiPair` (the multi-pair leading-order flow from the same
 *   start), that model's expert time for j, its crossing student, whether
 *   that student sat in a cancelling pair before crossing, and the other
 *   teacher it shared (overlap >= 0.5) before crossing, if any;
 * - the recovery order of the measured expert times.
 * A prediction is null where the theory gives none (r0 <= 0: that overlap
 * does not escape at leading order; no record at t = 0).
 */
export function teacherPredictions(
  stage: Pick<Stage, 'records' | 'events'>, mStar: number, d: number, threshold: number, multiPair?: MultiPairPrediction,
): TeacherPrediction[] {
  const start = stage.records[0]?.t === 0 ? stage.records[0] : undefined;
  const first = (events: readonly ThresholdEvent[], j: number, kind: 'expert' | 'router') =>
    events.filter((e) => e.teacher === j && e.kind === kind).sort((a, b) => a.t - b.t)[0];
  const rows = Array.from({ length: mStar }, (_, j): TeacherPrediction => {
    const ex = first(stage.events, j, 'expert');
    const ro = first(stage.events, j, 'router');
    const i = ex?.student ?? null;
    const r0 = i !== null && start ? start.expert[i][j] : null;
    const rho0 = i !== null && start ? start.router[i][j] : null;
    const escapes = r0 !== null && r0 > 0 && r0 < threshold;
    const passage = escapes && rho0 !== null && rho0 > -1 && rho0 < threshold ? onePairPassage(r0, rho0, threshold) : null;
    const lo = multiPair ? first(multiPair.events, j, 'expert') : undefined;
    const pairedAt = lo ? multiPair!.pairedAt[lo.student] : null;
    const sharedWith = lo ? multiPair!.sharedAt[lo.student].findIndex((t, k) => k !== j && t !== null && t < lo.t) : -1;
    return {
      teacher: j, order: null, student: i, r0, z: r0 === null ? null : r0 * Math.sqrt(d), rho0,
      expertTime: { predicted: escapes ? escapeTime(r0, threshold) : null, measured: ex?.t ?? null },
      ...(multiPair ? {
        multiPair: {
          predicted: lo?.t ?? null, student: lo?.student ?? null,
          paired: lo ? pairedAt !== null && pairedAt < lo.t : null, sharedWith: lo && sharedWith >= 0 ? sharedWith : null,
        },
      } : {}),
      routerAtExpertTime: { predicted: passage?.routerAtExpertTime ?? null, measured: ex?.other ?? null },
      routerLag: { predicted: passage?.lag ?? null, measured: ex && ro && ro.student === ex.student ? ro.t - ex.t : null },
    };
  });
  const byTime = rows.filter((r) => r.expertTime.measured !== null).sort((a, b) => a.expertTime.measured! - b.expertTime.measured!);
  byTime.forEach((r, k) => (r.order = k + 1));
  return rows;
}
