import fc from 'fast-check';
import type { SgdCase } from '../sgdTwoSample.ts';
import { arbMoeConfig } from './arbMoeConfig.ts';

/**
 * The region where span-SGD is compared with full-d tfjs SGD: m* 1-2,
 * m/m* 1-4 with m <= 4, d 16-64 (log-uniform), both teacher geometries and
 * both starts. Small enough for 100 tfjs runs per case in ~3 s, and d - K
 * from 4 to 52 (K = min(d, 2(m + m*))), so the out-of-span part ranges from
 * a few fresh directions to most of the step.
 */
export function arbSgdCase(): fc.Arbitrary<SgdCase> {
  return fc.record({
    config: arbMoeConfig({ maxMStar: 2, maxRatio: 4, maxM: 4, minD: 16, maxD: 64 }),
    start: fc.constantFrom('random' as const, 'near-teacher' as const),
  });
}
