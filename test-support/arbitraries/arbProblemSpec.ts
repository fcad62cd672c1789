import fc from 'fast-check';
import { PROBLEM_KINDS, type ProblemKind, type ProblemSpec } from '../problems.ts';

/** Size limits of {@link arbProblemSpec}. */
export interface ProblemLimits {
  /** Largest m* (default 2). */
  maxMStar?: number;
  /** Largest m (default 3; at least 2 so every kind can be built). */
  maxM?: number;
  /** d ranges over [max(2, 2 m*), 2 m* + maxExtraD] (default 6). */
  maxExtraD?: number;
  /** Kinds to draw from (default all). */
  kinds?: readonly ProblemKind[];
}

/**
 * Specifications of teacher-student problems (test-support/problems.ts), valid
 * by construction: sizes, teacher geometry (orthonormal or random), kind
 * (generic, near-collinear, cancelling) and a seed. Small sizes keep the
 * tests fast; low d is deliberately included, since large overlaps are where
 * quadrature converges slowest and degenerate covariances occur.
 */
export function arbProblemSpec(limits: ProblemLimits = {}): fc.Arbitrary<ProblemSpec> {
  const { maxMStar = 2, maxM = 3, maxExtraD = 6, kinds = PROBLEM_KINDS } = limits;
  return fc
    .record({
      mStar: fc.integer({ min: 1, max: maxMStar }),
      m: fc.integer({ min: 2, max: Math.max(2, maxM) }),
      extraD: fc.integer({ min: 0, max: maxExtraD }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      kind: fc.constantFrom(...kinds),
      geometry: fc.constantFrom('orthonormal' as const, 'random' as const),
    })
    .map(({ extraD, ...s }) => ({ ...s, d: Math.max(2, 2 * s.mStar + extraD) }));
}
