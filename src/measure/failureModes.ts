import type { Point } from '../generated/metrics.ts';

/**
 * Why a teacher expert was not recovered at the end of feature learning
 * (C1 fails), read off the final alignments:
 * - 'pentagon-group': at least four students share its router (alignment
 *   >= threshold) and their experts sit at cos 36 deg (0.809, twice) and
 *   cos 108 deg (-0.309, twice) from it: the exact zero-loss state of
 *   test-support/optimum.ts `buildPentagonOptimum`, no student aligned >= 0.9;
 * - 'shared-router-group': two or more students share its router and none
 *   has its expert (another group representation, or one on its way);
 * - 'router-lagging': a student has its expert but not yet its router
 *   (recovery still under way at the horizon);
 * - 'stuck': no student's expert is even half aligned with it (a saddle, or
 *   no student escaped the initial plateau by the horizon);
 * - 'other'.
 */
export type RecoveryFailureMode = 'pentagon-group' | 'shared-router-group' | 'router-lagging' | 'stuck' | 'other';

export const RECOVERY_FAILURE_MODES: readonly RecoveryFailureMode[] = ['pentagon-group', 'shared-router-group', 'router-lagging', 'stuck', 'other'];

/** Tolerance on a pentagon member's expert alignment (|a - cos 36| or |a - cos 108|). */
const PENTAGON_TOLERANCE = 0.03;

/** The failure mode of each unrecovered teacher of a point (empty when every teacher is recovered). */
export function recoveryFailureModes(point: Point, threshold = 0.9): { teacher: number; mode: RecoveryFailureMode }[] {
  const { final, matching } = point.featureLearning;
  const out: { teacher: number; mode: RecoveryFailureMode }[] = [];
  for (const mt of matching) {
    if ((mt.expert ?? -1) >= threshold && (mt.router ?? -1) >= threshold) continue;
    const j = mt.teacher;
    const experts = final.expert.map((row) => row[j]);
    const sharers = final.router.map((row, i) => (row[j] >= threshold ? i : -1)).filter((i) => i >= 0);
    const near = (target: number) => sharers.filter((i) => Math.abs(experts[i] - target) <= PENTAGON_TOLERANCE).length;
    let mode: RecoveryFailureMode;
    if (near(Math.cos(Math.PI / 5)) >= 2 && near(Math.cos((3 * Math.PI) / 5)) >= 2) mode = 'pentagon-group';
    else if (sharers.length >= 2 && sharers.every((i) => experts[i] < threshold)) mode = 'shared-router-group';
    else if (experts.some((a) => a >= threshold)) mode = 'router-lagging';
    else if (Math.max(...experts) < 0.5) mode = 'stuck';
    else mode = 'other';
    out.push({ teacher: j, mode });
  }
  return out;
}
