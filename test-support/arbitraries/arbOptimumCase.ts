import fc from 'fast-check';
import { arbMoeConfig, type MoeConfigLimits } from './arbMoeConfig.ts';
import type { OptimumCase } from '../optimum.ts';

/**
 * Optimum cases: m* and d as in {@link arbMoeConfig} (m is replaced by
 * m* + 2 pairs), minPairs..maxPairs pairs, random or teacher-aligned pair experts.
 * Valid by construction; shrinks towards no pairs, random pair experts.
 */
export function arbOptimumCase(maxPairs = 4, limits: MoeConfigLimits = {}, minPairs = 0): fc.Arbitrary<OptimumCase> {
  return fc
    .tuple(arbMoeConfig({ ...limits, minRatio: 1, maxRatio: 1 }), fc.integer({ min: minPairs, max: maxPairs }), fc.constantFrom('random' as const, 'teacher' as const))
    .map(([{ m: _m, ...c }, pairs, pairExperts]) => ({ ...c, pairs, pairExperts }));
}
