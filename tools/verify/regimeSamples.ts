import fc from 'fast-check';
import { arbClaimConfig } from '../../test-support/claims/arbClaimConfig.ts';
import type { ClaimConfig, ClaimEngine } from '../../test-support/claims/claimPoint.ts';
import type { ClaimRegime } from '../../test-support/claims/regimes.ts';

/**
 * Fresh configurations drawn inside a claim's declared regime, for
 * `npm run verify` to check the regime against (a fixed fast-check seed, so
 * a verification run is reproducible; distinct from the map's seeds).
 */
export function regimeSamples(r: ClaimRegime, engine: ClaimEngine, _tier: 'verify'): ClaimConfig[] {
  return fc.sample(arbClaimConfig(r.regime, engine), { numRuns: r.verifyRuns, seed: 4242 });
}
