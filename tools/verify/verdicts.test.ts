import { describe, expect, it } from 'vitest';
import { POINT_CLAIMS, type ClaimConfig, type ClaimOutcome, type PointClaimId, type Verdict } from '../../test-support/claims/claimPoint.ts';
import { REGIMES, regimeClaims, rateThreshold } from '../../test-support/claims/regimes.ts';
import type { PoolResult } from './claimPool.ts';
import type { VerificationResults } from './results.ts';
import { verificationVerdict } from './verdicts.ts';

const CONFIG = { mStar: 2, m: 4, d: 64, seed: 1, geometry: 'orthonormal', engine: 'flow', flowMethod: 'dopri5', pruning: 'cancel-groups', time: 10 } as ClaimConfig;

/** A run whose claims all hold, but for the verdicts given. */
function run(verdicts: Partial<Record<PointClaimId, Verdict>> = {}): PoolResult {
  const all = { ...Object.fromEntries(POINT_CLAIMS.map((id) => [id, 'holds'])), ...verdicts } as Record<PointClaimId, Verdict>;
  return { config: CONFIG, outcome: { config: CONFIG, verdicts: all } as unknown as ClaimOutcome };
}

/** Results with `n` passing runs in every declared regime, then `change` applied. */
function results(n: number, change: (v: VerificationResults) => void = () => {}): VerificationResults {
  const v: VerificationResults = {
    command: 'test', engine: 'flow', seeds: 1, workers: 1, cpus: 1, wallMinutes: 0, sweeps: [], map: [], timeLaw: null, shrunk: [],
    invariants: [{ file: 'properties/flow.prop.test.ts', name: 'a', status: 'passed', seconds: 1 }],
    regimeRuns: REGIMES.map((r) => ({ claims: regimeClaims(r), results: Array.from({ length: n }, () => run()) })),
  };
  change(v);
  return v;
}

describe('verificationVerdict', () => {
  it('is OK when the invariants pass and every declared regime holds', () => {
    const v = verificationVerdict(results(4));
    expect(v.ok).toBe(true);
    expect(v.summary).toBe('verification OK: invariants 1/1 passed; 0 failure(s) inside declared regimes; 0 shrunk counterexample(s) beyond them');
  });

  it('is NOT OK when an invariant fails', () => {
    const v = verificationVerdict(results(4, (x) => (x.invariants[0].status = 'failed')));
    expect(v.ok).toBe(false);
    expect(v.failedInvariants).toHaveLength(1);
  });

  it('is NOT OK when a per-run claim fails once inside its regime, but a not-evaluated run passes where the regime judges only where judged', () => {
    const k = REGIMES.findIndex((r) => r.claims.length > 0 && r.whereJudged);
    const claim = REGIMES[k].claims[0];
    expect(verificationVerdict(results(4, (x) => (x.regimeRuns[k].results[2] = run({ [claim]: 'not-evaluated' })))).ok).toBe(true);
    const v = verificationVerdict(results(4, (x) => (x.regimeRuns[k].results[2] = run({ [claim]: 'fails' }))));
    expect(v.ok).toBe(false);
    expect(v.regimeFailures.map((f) => f.claim)).toEqual([claim]);
  });

  it('tolerates a rate claim failing down to its declared rate, and lists every failure below it', () => {
    const k = REGIMES.findIndex((r) => (r.rates ?? []).length > 0);
    const { claim, atLeast } = REGIMES[k].rates![0];
    const n = 10;
    const allowed = n - rateThreshold(atLeast, n);
    const failing = (count: number) => (x: VerificationResults) => {
      for (let i = 0; i < count; i++) x.regimeRuns[k].results[i] = run({ [claim]: 'fails' });
    };
    expect(verificationVerdict(results(n, failing(allowed))).ok).toBe(true);
    const v = verificationVerdict(results(n, failing(allowed + 1)));
    expect(v.ok).toBe(false);
    expect(v.regimeFailures).toHaveLength(allowed + 1);
    expect(v.regimeFailures[0].note).toMatch(/below the declared rate/);
  });
});
