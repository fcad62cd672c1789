import fc from 'fast-check';
import type { MoeConfig } from '../drawConfig.ts';

/** Ranges of {@link arbMoeConfig}; the defaults are the property suite's full ranges (properties/README.md). */
export interface MoeConfigLimits {
  /** m* in [1, maxMStar] (default 6). */
  readonly maxMStar?: number;
  /** m / m* in [minRatio, maxRatio] (defaults 1 and 8). */
  readonly minRatio?: number;
  readonly maxRatio?: number;
  /** Largest m (caps m* x ratio; default none). */
  readonly maxM?: number;
  /** d in [minD, maxD], log-uniform (defaults 8 and 10^6); raised to 2 m* when smaller. */
  readonly minD?: number;
  readonly maxD?: number;
  /** Teacher geometries to draw from (default both). */
  readonly geometries?: readonly MoeConfig['geometry'][];
}

/** Grid of the log-uniform d: 0..D_STEPS maps to minD..maxD. */
const D_STEPS = 1000;

/**
 * Teacher-student configurations, valid by construction (no filter):
 * m* uniform in [1, maxMStar], m = m* x ratio (capped at maxM), d
 * log-uniform in [minD, maxD] and at least 2 m* (an orthonormal teacher needs
 * it), teacher geometry orthonormal or random, and a seed. Shrinks towards
 * m* = 1, m = m*, the smallest d and the orthonormal teacher, so a
 * counterexample is as small as fast-check can make it.
 */
export function arbMoeConfig(limits: MoeConfigLimits = {}): fc.Arbitrary<MoeConfig> {
  const { maxMStar = 6, minRatio = 1, maxRatio = 8, maxM = Infinity, minD = 8, maxD = 1e6 } = limits;
  const geometries = limits.geometries ?? (['orthonormal', 'random'] as const);
  return fc
    .record({
      mStar: fc.integer({ min: 1, max: maxMStar }),
      ratio: fc.integer({ min: minRatio, max: maxRatio }),
      dStep: fc.integer({ min: 0, max: D_STEPS }),
      geometry: fc.constantFrom(...geometries),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map(({ mStar, ratio, dStep, geometry, seed }) => ({
      mStar,
      m: Math.max(mStar, Math.min(maxM, mStar * ratio)),
      d: Math.max(2 * mStar, Math.round(minD * Math.pow(maxD / minD, dStep / D_STEPS))),
      geometry,
      seed,
    }));
}
