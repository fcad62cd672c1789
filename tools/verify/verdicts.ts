import type { PointClaimId } from '../../test-support/claims/claimPoint.ts';
import { REGIMES, perRunPasses, rateThreshold } from '../../test-support/claims/regimes.ts';
import { countVerdicts, verdictOf } from './claimMap.ts';
import type { PoolResult } from './claimPool.ts';
import type { InvariantResult, VerificationResults } from './results.ts';

/** A run inside a declared regime that contradicts it: a per-run claim that did not pass, or a failure of a claim held below its declared rate. */
export interface RegimeFailure {
  readonly claim: PointClaimId;
  readonly r: PoolResult;
  /** For a rate claim: how often it held against the rate declared. */
  readonly note: string;
}

/** The overall verdict of a verification run and what it rests on. */
export interface VerificationVerdict {
  /** No invariant failed, no declared regime was contradicted, and C6 held in its regime if one is declared. */
  readonly ok: boolean;
  readonly failedInvariants: readonly InvariantResult[];
  readonly regimeFailures: readonly RegimeFailure[];
  /** A C6 regime is declared and C6 did not hold in it. */
  readonly c6Fails: boolean;
  /** One line for the console. */
  readonly summary: string;
}

/**
 * Whether `npm run verify` passes: the deep tier's invariants, and the
 * declared regimes (test-support/claims/regimes.ts) against fresh runs drawn
 * inside them: a per-run claim must pass on every run (where judged, if so
 * declared), a rate claim must hold on at least ceil(atLeast n) of the n runs
 * (then each run where it did not hold is listed). Failures beyond a regime
 * are findings of the report, not part of the verdict.
 */
export function verificationVerdict(v: VerificationResults): VerificationVerdict {
  const failedInvariants = v.invariants.filter((t) => t.status === 'failed');
  const regimeFailures = v.regimeRuns.flatMap((g, k) => {
    const reg = REGIMES[k];
    const perRun = reg.claims.flatMap((claim) => g.results.filter((r) => !perRunPasses(reg, verdictOf(r, claim))).map((r) => ({ claim, r, note: '' })));
    const belowRate = (reg.rates ?? []).flatMap((x) => {
      const c = countVerdicts(g.results, x.claim);
      const needed = rateThreshold(x.atLeast, g.results.length);
      if (c.holds >= needed) return [];
      const note = `held on ${c.holds} of ${g.results.length} runs, below the declared rate ${x.atLeast} (${needed} needed)`;
      return g.results.filter((r) => verdictOf(r, x.claim) !== 'holds').map((r) => ({ claim: x.claim, r, note }));
    });
    return [...perRun, ...belowRate];
  });
  const c6Fails = !!v.timeLaw?.regime && v.timeLaw.regime.claim.verdict !== 'holds';
  const ok = failedInvariants.length === 0 && regimeFailures.length === 0 && !c6Fails;
  const passed = v.invariants.length - failedInvariants.length;
  const summary = `verification ${ok ? 'OK' : 'NOT OK'}: invariants ${passed}/${v.invariants.length} passed; ${regimeFailures.length} failure(s) inside declared regimes` +
    `${c6Fails ? '; C6 fails in its regime' : ''}; ${v.shrunk.length} shrunk counterexample(s) beyond them`;
  return { ok, failedInvariants, regimeFailures, c6Fails, summary };
}
