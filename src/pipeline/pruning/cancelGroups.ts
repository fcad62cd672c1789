import { alignments } from '../../measure/alignment.ts';
import { matchStudents } from '../../measure/matching.ts';
import { groupNormSquared } from '../../population/kernelMatrix.ts';
import type { PruningDecision, PruningInput, PruningRule, Removal } from './rule.ts';

/**
 * Removes redundant students by what they compute, not by where they point:
 *  1. cancelling pairs: repeatedly the pair (i, j) with the smallest
 *     ||f_i + f_j||^2 = K_ii + K_jj + 2 K_ij, while it is <= cancelTolerance
 *     (the surplus students of this model end as pairs with equal routers and
 *     opposite experts, whose outputs cancel exactly since He3 is odd);
 *  2. the remaining students are matched one-to-one to the teacher experts
 *     (maximal summed expert alignment); the unmatched ones are removed as one
 *     group if their summed output cancels (||sum f||^2 <= cancelTolerance),
 *     else each is removed as "matched to no teacher", which changes the
 *     function, and claim C4 will say so.
 * Keeps exactly one student per teacher expert when m >= m*.
 */
export const cancelGroups: PruningRule = {
  name: 'cancel-groups',
  prune(input: PruningInput): PruningDecision {
    const { kernel: K, cancelTolerance } = input;
    const m = K.rows;
    const alive = new Set(Array.from({ length: m }, (_, i) => i));
    const removed: Removal[] = [];
    for (;;) {
      let best: [number, number, number] | null = null;
      for (const i of alive) {
        for (const j of alive) {
          if (j <= i) continue;
          const n2 = groupNormSquared(K, [i, j]);
          if (!best || n2 < best[2]) best = [i, j, n2];
        }
      }
      if (!best || !(best[2] <= cancelTolerance)) break;
      const [i, j, n2] = best;
      const why = `cancelling pair: ||f_${i} + f_${j}||^2 = ${n2.toExponential(2)} <= ${cancelTolerance}`;
      removed.push({ student: i, reason: why, group: [j] }, { student: j, reason: why, group: [i] });
      alive.delete(i);
      alive.delete(j);
    }
    const rest = [...alive].sort((a, b) => a - b);
    const kept = matchedAmong(input, rest);
    const unmatched = rest.filter((i) => !kept.includes(i));
    if (unmatched.length) {
      const n2 = groupNormSquared(K, unmatched);
      if (n2 <= cancelTolerance && unmatched.length > 1) {
        for (const i of unmatched) {
          removed.push({
            student: i,
            reason: `cancelling group of ${unmatched.length} unmatched students: ||sum f||^2 = ${n2.toExponential(2)} <= ${cancelTolerance}`,
            group: unmatched.filter((j) => j !== i),
          });
        }
      } else {
        for (const i of unmatched) {
          removed.push({
            student: i,
            reason: `matched to no teacher and not cancelled: ||f_${i}||^2 = ${K.data[i * m + i].toExponential(2)} (unmatched group ||sum f||^2 = ${n2.toExponential(2)})`,
          });
        }
      }
    }
    removed.sort((a, b) => a.student - b.student);
    return { kept, removed };
  },
};

/** Students among `candidates` matched one-to-one to the teacher experts, in teacher order. */
export function matchedAmong(input: PruningInput, candidates: number[]): number[] {
  if (candidates.length === 0) return [];
  const al = alignments(input.student, input.teacher);
  const mStar = al.expert.cols;
  const sub = (mat: typeof al.expert) => ({
    rows: candidates.length,
    cols: mStar,
    data: Float64Array.from(candidates.flatMap((i) => Array.from(mat.data.subarray(i * mStar, (i + 1) * mStar)))),
  });
  return matchStudents({ router: sub(al.router), expert: sub(al.expert) })
    .filter((mt) => mt.student >= 0)
    .map((mt) => candidates[mt.student]);
}
