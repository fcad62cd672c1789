import fc from 'fast-check';
import type { ClaimConfig, ClaimEngine } from './claimPoint.ts';
import { horizonFor, type ClaimSpace } from './claimSpace.ts';

/** Largest d at which the pipeline draws explicit vectors (src/pipeline/problem.ts): random teachers only up to it. */
const FULL_D_LIMIT = 20_000;

/**
 * Pipeline configurations in a region (test-support/claims/claimSpace.ts), valid by
 * construction: m* and m/m* uniform in their ranges, d uniform (or
 * log-uniform, `dScale`) in its range and at least 2 m*, a random teacher only where the pipeline can draw one
 * (d <= 20000; above, the orthonormal one), the flow integrator and pruning
 * rule drawn from the variants (dopri5 replaced by rkc above `rkcAbove`), the horizon from the space's rule, and a
 * seed (not shrunk: a smaller seed is another draw, not a simpler one). The map has an inverse, so fast-check can shrink a given failing
 * configuration (`examples`), which is how `npm run verify` shrinks the
 * counterexamples it finds beyond a claim's regime.
 */
export function arbClaimConfig(space: ClaimSpace, engine: ClaimEngine = 'flow'): fc.Arbitrary<ClaimConfig> {
  const raw = fc.record({
    mStar: fc.integer({ min: space.mStar[0], max: space.mStar[1] }),
    ratio: fc.integer({ min: space.ratio[0], max: space.ratio[1] }),
    d: space.dScale === 'log'
      ? fc.double({ min: Math.log10(space.d[0]), max: Math.log10(space.d[1]), noNaN: true }).map((x) => Math.round(10 ** x), (v) => Math.log10(v as number))
      : fc.integer({ min: space.d[0], max: space.d[1] }),
    // A seed names a random draw; a smaller seed is not a simpler case, so it is not shrunk.
    seed: fc.noShrink(fc.integer({ min: 1, max: 2 ** 31 - 1 })),
    geometry: fc.constantFrom(...space.geometries),
    flowMethod: fc.constantFrom(...space.flowMethods),
    pruning: fc.constantFrom(...space.pruning),
  });
  return raw.map(
    (r): ClaimConfig => {
      const d = Math.max(r.d, 2 * r.mStar);
      return {
        mStar: r.mStar, m: r.mStar * r.ratio, d, seed: r.seed,
        geometry: d > FULL_D_LIMIT ? 'orthonormal' : r.geometry,
        engine, flowMethod: space.rkcAbove !== undefined && d > space.rkcAbove && r.flowMethod === 'dopri5' ? 'rkc' : r.flowMethod, pruning: r.pruning, ...horizonFor(space, d),
        fineTuneMaxTime: space.fineTuneMaxTime,
        ...(space.maxStepPerSqrtD !== undefined ? { maxStep: Math.max(1, Math.round(space.maxStepPerSqrtD * Math.sqrt(d))) } : {}),
      };
    },
    (v: unknown) => {
      const c = v as ClaimConfig;
      return { mStar: c.mStar, ratio: c.m / c.mStar, d: c.d, seed: c.seed, geometry: c.geometry, flowMethod: c.flowMethod, pruning: c.pruning };
    },
  );
}
