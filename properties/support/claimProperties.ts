import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { arbClaimConfig } from '../arbitraries/arbClaimConfig.ts';
import { byTier, TIER } from '../fcConfig.ts';
import { runClaimPoint, scenarioYaml } from './claimPoint.ts';
import { describeSpace } from './claimSpace.ts';
import type { ClaimRegime } from './regimes.ts';

/** The feature-learning engine the claim properties run: the exact flow, or MOE_ENGINE (a user's module). */
export const CLAIM_ENGINE = process.env.MOE_ENGINE ?? 'flow';

/** Per-test time limit of a claim property (each case is a whole pipeline run). */
export const CLAIM_TIMEOUT = byTier(300_000, 3_600_000);

/**
 * Declares the property of one measured regime: for configurations drawn
 * from it (the quick tier's part in `npm test`, the whole regime in the deep
 * tier), a pipeline run through the scenario loader, and each of the
 * regime's claims must hold. The name states the claims and the region.
 * Shrinking is limited to a few steps: every step is another pipeline run.
 */
export function claimProperty(r: ClaimRegime): void {
  const space = TIER === 'deep' ? r.regime : r.quick;
  const arb = fc.limitShrink(arbClaimConfig(space, CLAIM_ENGINE), 4);
  const names = r.claims.join(', ');
  test.prop([arb], { numRuns: TIER === 'deep' ? r.deepRuns : r.quickRuns })(
    `${names} (${r.title}) ${r.claims.length > 1 ? "hold" : "holds"} for ${describeSpace(space)}`,
    async (c) => {
      const o = await runClaimPoint(c);
      for (const id of r.claims) {
        expect(o.verdicts[id], `${id}: ${o.evidence[id]}\nreplay with \`moe-repro run\` on this scenario:\n${scenarioYaml(c)}`).toBe('holds');
      }
    },
    CLAIM_TIMEOUT,
  );
}
