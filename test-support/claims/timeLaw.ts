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
 * least-squares slope of ln(T z) against ln d over the runs whose first
 * teacher escaped by the one-pair law (T its expert time, z its crossing
 * student's standardised overlap) must be within the tolerance of 1/2.
 */
export function timeLawClaim(outcomes: readonly ClaimOutcome[]): Claim {
  return claimTimeScale(outcomes.map((o) => o.point), { timeLawExponent: { ...TIME_LAW } });
}

/**
 * The configurations of the time-law sweep (orthonormal teacher, which
 * every d supports; rkc from d = 10^4 with steps up to 0.1 sqrt(d), so a
 * plateau of length ~sqrt(d) costs a few hundred steps).
 */
export function timeLawConfigs(t: TimeLawSweep, engine: ClaimEngine = 'flow'): ClaimConfig[] {
  const out: ClaimConfig[] = [];
  for (const { mStar, ratio } of t.sizes) {
    for (const d of t.ds) {
      for (let k = 0; k < t.seeds; k++) {
        out.push({
          mStar, m: mStar * ratio, d, seed: 2000 + k, engine, geometry: 'orthonormal', flowMethod: d >= 10_000 ? 'rkc' : 'dopri5',
          maxStep: Math.max(1, Math.round(0.1 * Math.sqrt(d))),
          pruning: 'cancel-groups', time: Math.ceil(t.perSqrtD * Math.sqrt(d)), stopWhenRecovered: true, fineTuneMaxTime: 200,
        });
      }
    }
  }
  return out;
}
