import fc from 'fast-check';
import { arbMoeConfig, type MoeConfigLimits } from './arbMoeConfig.ts';
import type { MoeConfig } from '../drawConfig.ts';

/**
 * A global optimum of the loss: the teacher's experts plus cancelling pairs
 * (shared router, opposite experts), in a shuffled order with rescaled rows
 * (test-support/optimum.ts builds it).
 */
export interface OptimumCase extends Omit<MoeConfig, 'm'> {
  /** Number of cancelling pairs added to the teacher's experts. */
  readonly pairs: number;
  /**
   * Pair expert directions: 'random', or 'teacher' (pair k uses +-w*_(k mod m*),
   * so one member is as aligned with a teacher expert as the teacher's own
   * copy: the case where matching before removing pairs goes wrong).
   */
  readonly pairExperts: 'random' | 'teacher';
}

/**
 * Optimum cases: m* and d as in {@link arbMoeConfig} (m is replaced by
 * m* + 2 pairs), minPairs..maxPairs pairs, random or teacher-aligned pair experts.
 * Valid by construction; shrinks towards no pairs, random pair experts.
 */
export function arbOptimumCase(maxPairs = 4, limits: MoeConfigLimits = {}, minPairs = 0): fc.Arbitrary<OptimumCase> {
  return fc
    .tuple(arbMoeConfig({ ...limits, minRatio: 1, maxRatio: 1 }), fc.integer({ min: minPairs, max: maxPairs }), fc.constantFrom('random' as const, 'teacher' as const))
    .map(([{ m: _m, ...c }, pairs, pairExperts]) => ({ ...c, pairs, pairExperts }));
}
