import type { Claim } from '../../src/generated/metrics.ts';
import { claimTimeScale } from '../../src/claims/runClaims.ts';
import type { ClaimConfig, ClaimEngine, ClaimOutcome } from './claimPoint.ts';

/** The time-law sweep (C6): runs stopped at recovery over a range of d, per (m*, m). */
export interface TimeLawSweep {
  readonly sizes: readonly { mStar: number; ratio: number }[];
  readonly ds: readonly number[];
  readonly seeds: number;
  readonly perSqrtD: number;
}

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

/** The configurations of the time-law sweep (orthonormal teacher, which every d supports). */
export function timeLawConfigs(t: TimeLawSweep, engine: ClaimEngine = 'flow'): ClaimConfig[] {
  const out: ClaimConfig[] = [];
  for (const { mStar, ratio } of t.sizes) {
    for (const d of t.ds) {
      for (let k = 0; k < t.seeds; k++) {
        out.push({
          mStar, m: mStar * ratio, d, seed: 2000 + k, engine, geometry: 'orthonormal', flowMethod: d >= 10_000 ? 'rkc' : 'dopri5',
          pruning: 'cancel-groups', time: Math.ceil(t.perSqrtD * Math.sqrt(d)), stopWhenRecovered: true, fineTuneMaxTime: 200,
        });
      }
    }
  }
  return out;
}
