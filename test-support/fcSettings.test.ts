// Deliberately no import of test-support/fcConfig.ts: vitest's setupFiles must have applied it to this file,
// as to every other (the src/ unit tests that call fc.assert import nothing of the suite).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CI_SEED } from './ciSeed.ts';
import { fcGlobalSettings } from './fcSettings.ts';

describe('one fast-check configuration for every test file', () => {
  test('is in force in a test file that does not import it (vitest setupFiles)', () => {
    expect(fc.readConfigureGlobal()).toEqual(fcGlobalSettings(process.env));
    expect(fc.readConfigureGlobal().verbose).toBeDefined();
  });

  test('pins the seed under CI unless FC_SEED is given, and reads the other knobs', () => {
    expect(fcGlobalSettings({ CI: 'true' }).seed).toBe(CI_SEED);
    expect(fcGlobalSettings({ CI: 'true', FC_SEED: '-17' }).seed).toBe(-17);
    expect(fcGlobalSettings({}).seed).toBeUndefined();
    expect(fcGlobalSettings({ FC_RUNS: '3', FC_NO_SHRINK: '1', FC_VERBOSE: '2' })).toEqual({ verbose: 2, numRuns: 3, endOnFailure: true });
    expect(() => fcGlobalSettings({ FC_PATH: '1:2' })).toThrow(/FC_PATH needs FC_SEED/);
    expect(() => fcGlobalSettings({ FC_SEED: 'abc' })).toThrow(/FC_SEED must be an integer/);
  });
});
