import fc from 'fast-check';
import { arbClaimConfig } from '../../test-support/claims/arbClaimConfig.ts';
import { runClaimPoint, type ClaimConfig, type ClaimOutcome, type PointClaimId } from '../../test-support/claims/claimPoint.ts';
import type { ClaimSpace } from '../../test-support/claims/claimSpace.ts';

/** A counterexample to a claim, shrunk by fast-check within a space. */
export interface ShrunkCounterexample {
  readonly claim: PointClaimId;
  /** The failing run it started from and the smallest failing run found. */
  readonly from: ClaimConfig;
  readonly shrunk: ClaimConfig;
  readonly evidence: string;
  /** Pipeline runs spent and whether the time budget cut the shrinking short. */
  readonly runs: number;
  readonly budgetReached: boolean;
}

/**
 * Shrinks a configuration on which `claim` failed: fast-check replays it as
 * an example of {@link arbClaimConfig} over `space` (whose map has an
 * inverse) and shrinks it towards smaller m*, m/m* and d, each candidate a
 * full pipeline run. Once `budgetSeconds` have passed, remaining candidates
 * are not run (counted as passing), so the result is the smallest failure
 * found in the budget.
 */
export async function shrinkClaim(
  claim: PointClaimId, failing: ClaimConfig, space: ClaimSpace, budgetSeconds: number, onRun?: (c: ClaimConfig, failed: boolean) => void,
): Promise<ShrunkCounterexample> {
  const deadline = performance.now() + 1000 * budgetSeconds;
  let runs = 0;
  let budgetReached = false;
  let last: ClaimOutcome | null = null;
  const prop = fc.asyncProperty(arbClaimConfig(space, failing.engine), async (c) => {
    if (performance.now() > deadline) {
      budgetReached = true;
      return true;
    }
    runs++;
    const o = await runClaimPoint(c);
    const failed = o.verdicts[claim] === 'fails';
    onRun?.(c, failed);
    if (failed) last = o;
    return !failed;
  });
  const res = await fc.check(prop, { examples: [[failing]], numRuns: 1, seed: 1, endOnFailure: false });
  const shrunk = res.counterexample ? res.counterexample[0] : failing;
  const outcome = last as ClaimOutcome | null;
  return { claim, from: failing, shrunk, evidence: outcome?.evidence[claim] ?? 'the failure did not reproduce', runs, budgetReached };
}
