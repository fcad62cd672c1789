import type fc from 'fast-check';
import { CI_SEED } from './ciSeed.ts';

/** An integer environment variable, undefined when unset or empty; anything else is an error naming it. */
export function intFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const v = Number(raw);
  if (!Number.isInteger(v)) throw new Error(`${name} must be an integer, found '${raw}' (see properties/README.md)`);
  return v;
}

/**
 * The global fast-check settings for an environment (FC_SEED, FC_PATH,
 * FC_RUNS, FC_VERBOSE, FC_NO_SHRINK, CI: test-support/fcConfig.ts lists
 * them; FC_ERROR_IN_REPORT=1 puts the error a property got into its failure
 * message, for reports that drop the error's cause, as the mutant harness's does): the seed is FC_SEED, else {@link CI_SEED} under CI, else fast-check's
 * own random seed (printed on failure). Pure, so a test can compare the
 * configuration in force with it.
 */
export function fcGlobalSettings(env: NodeJS.ProcessEnv): fc.GlobalParameters {
  const seed = intFromEnv(env, 'FC_SEED') ?? (env.CI ? CI_SEED : undefined);
  const path = env.FC_PATH || undefined;
  if (path !== undefined && seed === undefined) {
    throw new Error('FC_PATH needs FC_SEED too: a path is only meaningful from the seed that produced it (see properties/README.md)');
  }
  const forcedRuns = intFromEnv(env, 'FC_RUNS');
  return {
    ...(seed !== undefined ? { seed } : {}),
    ...(path !== undefined ? { path } : {}),
    verbose: (intFromEnv(env, 'FC_VERBOSE') ?? 1) as fc.VerbosityLevel,
    ...(forcedRuns !== undefined ? { numRuns: forcedRuns } : {}),
    ...(env.FC_NO_SHRINK ? { endOnFailure: true } : {}),
    ...(env.FC_ERROR_IN_REPORT ? { includeErrorInReport: true } : {}),
  };
}
