import type { Claim } from '../../src/generated/metrics.ts';
import { claimTimeScale } from '../../src/claims/runClaims.ts';
import type { ClaimOutcome } from './claimPoint.ts';

/** The scenario defaults of C6 (schemas/scenario.schema.json: claims.timeLawExponent). */
export const TIME_LAW = { expected: 0.5, tolerance: 0.15 } as const;

/**
 * Claim C6 over a set of runs at several d (each stopped at recovery), judged
 * by the pipeline's own function (src/claims/runClaims.ts): the
 * least-squares slope of ln T against ln d over the recovered runs must be
 * within the tolerance of 1/2.
 */
export function timeLawClaim(outcomes: readonly ClaimOutcome[]): Claim {
  const th = {
    recoveryThreshold: 0.9, recoveryTimeBound: null, pruneLossTolerance: 1e-8, fineTuneLoss: 1e-12, fineTuneAlignmentGap: 1e-9,
    timeLawExponent: { ...TIME_LAW },
  };
  return claimTimeScale(outcomes.map((o) => o.point), th);
}
