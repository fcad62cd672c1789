import { alignments } from '../../measure/alignment.ts';
import type { PruningDecision, PruningInput, PruningRule } from './rule.ts';
import { matchedAmong } from './cancelGroups.ts';

/**
 * Keeps, for each teacher expert, the student matched to it one-to-one by
 * expert alignment (the best-aligned assignment) and removes every other
 * student, whatever its output. Simple, and wrong whenever the removed
 * students did not cancel: claim C4 measures the loss change.
 */
export const bestAligned: PruningRule = {
  name: 'best-aligned',
  prune(input: PruningInput): PruningDecision {
    const m = input.kernel.rows;
    const kept = matchedAmong(input, Array.from({ length: m }, (_, i) => i));
    const al = alignments(input.student, input.teacher);
    const mStar = al.expert.cols;
    const removed = Array.from({ length: m }, (_, i) => i)
      .filter((i) => !kept.includes(i))
      .map((i) => {
        let best = -Infinity;
        for (let j = 0; j < mStar; j++) best = Math.max(best, al.expert.data[i * mStar + j]);
        return { student: i, reason: `not the best-aligned student of any teacher (its best expert alignment ${best.toFixed(3)})` };
      });
    return { kept, removed };
  },
};
