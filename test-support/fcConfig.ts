/**
 * The one fast-check configuration of every test file: vitest runs this file
 * before each one (setupFiles in vitest.config.ts), so the src/ unit tests
 * that call fc.assert get it too, and under CI every property runs from the
 * pinned seed. The settings themselves are {@link fcGlobalSettings}
 * (test-support/fcSettings.ts); this file applies them.
 *
 * Environment (see properties/README.md):
 * - FC_SEED=<int>    run every property from this seed (replay a failure);
 * - FC_PATH=<path>   with FC_SEED and one property selected (`-t <name>`),
 *                    replay exactly the failing case and its shrink path;
 * - FC_RUNS=<int>    override every property's run count;
 * - FC_VERBOSE=0|1|2 fast-check verbosity (default 1: the counterexample,
 *                    seed, path and every failure met while shrinking);
 * - FC_NO_SHRINK=1   report the first failing case without shrinking it
 *                    (the claim properties run a pipeline per case);
 * - CI=<anything>    pins the seed to {@link CI_SEED} unless FC_SEED is set,
 *                    so a CI run is deterministic;
 * - MOE_TIER=deep    the deep tier (`npm run verify`): larger sizes, more runs,
 *                    and a 30-minute test timeout.
 */
import fc from 'fast-check';
import { vi } from 'vitest';
import { CI_SEED } from './ciSeed.ts';
import { fcGlobalSettings, intFromEnv } from './fcSettings.ts';

export { CI_SEED };

/** Which tier runs: 'quick' (`npm test`) or 'deep' (`npm run verify`). */
export const TIER: 'quick' | 'deep' = process.env.MOE_TIER === 'deep' ? 'deep' : 'quick';

const forcedRuns = intFromEnv(process.env, 'FC_RUNS');

// The deep tier runs up to 10x the cases at the full sizes: a test may take minutes, not seconds.
if (TIER === 'deep') vi.setConfig({ testTimeout: 1_800_000 });

fc.configureGlobal(fcGlobalSettings(process.env));

/**
 * Run count of a property: `quick` in `npm test`, `deep` in `npm run verify`;
 * FC_RUNS overrides both. (A per-property numRuns would shadow the global
 * override, so every property asks here.)
 */
export function runs(quick: number, deep: number): { numRuns: number } {
  return { numRuns: forcedRuns ?? (TIER === 'deep' ? deep : quick) };
}

/**
 * Size of a batch that may grow (a rate property, test-support/claims/claimProperties.ts):
 * in the quick tier from `quick` up to `quickUpTo` runs, in the deep tier
 * `deep` runs; FC_RUNS fixes both ends.
 */
export function growingRuns(quick: number, quickUpTo: number | undefined, deep: number): { atLeast: number; upTo: number } {
  if (forcedRuns !== undefined) return { atLeast: forcedRuns, upTo: forcedRuns };
  if (TIER === 'deep') return { atLeast: deep, upTo: deep };
  return { atLeast: quick, upTo: Math.max(quick, quickUpTo ?? quick) };
}

/** A value for the quick or the deep tier (sizes, horizons, sample counts). */
export function byTier<T>(quick: T, deep: T): T {
  return TIER === 'deep' ? deep : quick;
}
