/**
 * The paper's claims as properties over random teachers, asserted only in
 * the regimes where they were measured to hold (test-support/claims/regimes.ts
 * holds the regimes and the measurements): C2 and C5 on every run, C1, C3, C4
 * and C5 after settling as rates; C6 on the first teacher's T z over a sweep
 * in d; the theory's C7-C10 on every run where judged and C11 as a rate.
 * Where each claim fails beyond its regime is a finding of `npm run verify`,
 * not a property. Each property's name states
 * its region: in the quick tier (`npm test`) a cheap part of the regime, in
 * the deep tier (MOE_TIER=deep) the whole regime. Every case is a full
 * pipeline run through the scenario loader (feature learning -> pruning ->
 * fine-tuning), so the verdicts are those `moe-repro run` would write.
 * MOE_ENGINE=./my-engine.ts trains with a user's engine instead of the
 * exact flow (`npm run check-engine`). The paper's own setting (m* = 5,
 * d >= 1000) has a file of its own, properties/paperSetting.prop.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { TIER } from '../test-support/fcConfig.ts';
import { engineLabel, runClaimPoint } from '../test-support/claims/claimPoint.ts';
import { CLAIM_ENGINE, CLAIM_TIMEOUT, claimProperty } from '../test-support/claims/claimProperties.ts';
import { PAPER_SETTING_REGIME, REGIMES, TIME_LAW_REGIME } from '../test-support/claims/regimes.ts';
import { TIME_LAW, timeLawClaim, timeLawConfigs } from '../test-support/claims/timeLaw.ts';

const ENGINE_TITLE = CLAIM_ENGINE === 'flow' ? 'exact flow' : `engine ${engineLabel(CLAIM_ENGINE)}`;

describe(`the paper's claims in their measured regimes (${ENGINE_TITLE}, ${TIER} tier)`, () => {
  for (const r of REGIMES) if (r !== PAPER_SETTING_REGIME) claimProperty(r);

  const law = TIME_LAW_REGIME;
  if (law) {
    const sweep = law.sweep(TIER);
    const where = `${sweep.sizes.map((x) => `m* = ${x.mStar}, m = ${x.mStar * x.ratio}`).join('; ')}, d = ${sweep.ds.join(', ')}, ${sweep.seeds} seed(s) per d`;
    test(`C6 (fitted slope of ln(T z) on ln d within ${TIME_LAW.tolerance} of ${TIME_LAW.expected}) holds for ${law.label}: ${where}`, async () => {
      const runs = [];
      for (const c of timeLawConfigs(sweep, CLAIM_ENGINE)) runs.push(await runClaimPoint(c));
      const claim = timeLawClaim(runs);
      expect(claim.verdict, claim.evidence).toBe('holds');
    }, CLAIM_TIMEOUT);
  }
});
