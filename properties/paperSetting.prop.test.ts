/**
 * The paper's claims at the paper's own setting: m* = 5 teacher experts,
 * m/m* = 4-6, d = 10^3-10^4, orthonormal and random teachers, the default
 * exact flow stopped at recovery (test-support/claims/regimes.ts,
 * PAPER_SETTING_REGIME, with the 60-run measurement behind it). C2 on every
 * run where it can be judged; C5, C1 and C3 as rates set from that
 * measurement, and the theory's C7-C11 as rates set from a 50-run
 * measurement of the quick part (the same regime's `measured`). Every `npm test` draws fresh configurations and seeds (CI pins
 * the seed): in the quick tier at least 6 runs from the cheapest part of the
 * regime (m = 20, d 1000-1100), more until every rate has reached its count;
 * in the deep tier (MOE_TIER=deep) 40 runs from the whole regime. Its own
 * file so that vitest runs it beside properties/claims.prop.test.ts.
 */
import { describe } from 'vitest';
import { TIER } from '../test-support/fcConfig.ts';
import { engineLabel } from '../test-support/claims/claimPoint.ts';
import { CLAIM_ENGINE, claimProperty } from '../test-support/claims/claimProperties.ts';
import { PAPER_SETTING_REGIME } from '../test-support/claims/regimes.ts';

describe(`the paper's claims at its own setting (${CLAIM_ENGINE === 'flow' ? 'exact flow' : `engine ${engineLabel(CLAIM_ENGINE)}`}, ${TIER} tier)`, () => {
  claimProperty(PAPER_SETTING_REGIME);
});
