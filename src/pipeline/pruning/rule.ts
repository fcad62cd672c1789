import type { MoeParams } from '../../model/params.ts';
import type { Mat } from '../../core/mat.ts';

/** What a pruning rule sees. */
export interface PruningInput {
  teacher: MoeParams;
  /** The student at the end of feature learning. */
  student: MoeParams;
  /** K_ij = E[f_i f_j], the inner products of the students' output functions (src/population/kernelMatrix.ts). */
  kernel: Mat;
  /** Settings from the scenario's `pruning` block. */
  cancelTolerance: number;
  /** Alignment threshold of the claims (for reasons given in words). */
  threshold: number;
}

/** A removed student and why. */
export interface Removal {
  student: number;
  reason: string;
  /** Other members of the cancelling group it was removed with. */
  group?: number[];
}

/** A pruning rule's decision: which students stay (in this order) and why each other one goes. */
export interface PruningDecision {
  kept: number[];
  removed: Removal[];
}

/**
 * A pruning rule, registered by name; a user's module exports one as
 * `default` or `pruningRule`. It decides only: the pipeline measures the
 * loss before and after and judges claim C4.
 */
export interface PruningRule {
  name: string;
  prune(input: PruningInput): PruningDecision | Promise<PruningDecision>;
}
