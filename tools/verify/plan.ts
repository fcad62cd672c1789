import fc from 'fast-check';
import { arbClaimConfig } from '../../test-support/claims/arbClaimConfig.ts';
import type { ClaimConfig, ClaimEngine, PointClaimId } from '../../test-support/claims/claimPoint.ts';
import { horizonFor, type ClaimSpace, type Range } from '../../test-support/claims/claimSpace.ts';
import type { TimeLawSweep } from '../../test-support/claims/timeLaw.ts';

/** A grid of pipeline runs of the verification map, and the claims it judges. */
export interface MapSweep {
  readonly name: string;
  /** Why these runs: what they can judge. */
  readonly purpose: string;
  readonly claims: readonly PointClaimId[];
  /** Horizon rule and fine-tuning horizon; its ranges are the grid's bounds (for shrinking). */
  readonly space: ClaimSpace;
  readonly mStars: readonly number[];
  readonly ratios: readonly number[];
  readonly ds: readonly number[];
  /** Seeds per cell. */
  readonly seeds: number;
}

const VARIANTS = {
  geometries: ['orthonormal', 'random'] as const,
  flowMethods: ['dopri5', 'rkc'] as const,
};

/**
 * The default map of `npm run verify` (the whole of `npm run verify` took
 * 15 minutes on 2 cores):
 * - recovery: feature learning stopped at recovery (horizon 30 sqrt(d), d up to 400),
 *   judging C1 (recovery), C2 (experts first), C3 (sequential) and C5
 *   (fine-tuning from the just-recovered student);
 * - settle: feature learning to t = 400 at small d, so that surplus
 *   students can settle before pruning (C4; C5 after it).
 * Variants (teacher geometry, integrator, pruning rule) rotate with the seed
 * and the cell (see sweepConfigs), so the map visits them all without
 * multiplying the grid.
 */
export function defaultSweeps(seeds: number): MapSweep[] {
  return [
    {
      name: 'recovery',
      purpose: 'feature learning stopped at recovery (horizon 30 sqrt(d)): recovery, its order and its guidance, and fine-tuning from the recovered student',
      claims: ['C1', 'C2', 'C3', 'C5'],
      space: { mStar: [1, 3], ratio: [1, 6], d: [16, 400], ...VARIANTS, pruning: ['cancel-groups', 'best-aligned'], horizon: { kind: 'recovery', perSqrtD: 30 }, fineTuneMaxTime: 2000 },
      mStars: [1, 2, 3],
      ratios: [1, 2, 4, 6],
      ds: [16, 100, 400],
      seeds,
    },
    {
      name: 'settle',
      purpose: 'feature learning to t = 400, letting surplus students settle: pruning keeps the function (C4), then fine-tuning (C5)',
      claims: ['C4', 'C5'],
      space: { mStar: [1, 3], ratio: [1, 3], d: [16, 64], ...VARIANTS, pruning: ['cancel-groups', 'best-aligned'], horizon: { kind: 'settle', time: 400 }, fineTuneMaxTime: 2000 },
      mStars: [1, 2, 3],
      ratios: [1, 2, 3],
      ds: [16, 64],
      seeds,
    },
  ];
}

/** The default C6 sweep: d from 10^2 to 10^5 at small sizes. */
export function defaultTimeLaw(seeds: number): TimeLawSweep {
  return { sizes: [{ mStar: 1, ratio: 6 }, { mStar: 2, ratio: 6 }], ds: [100, 1000, 10_000, 100_000], seeds, perSqrtD: 30 };
}

/**
 * The configurations of a sweep. Seed k of a cell (k = 0, 1, ...) is the
 * scenario seed 1000 + k; the variants rotate through the teacher
 * geometries, integrators and pruning rules (a random teacher only where
 * drawable).
 */
export function sweepConfigs(s: MapSweep, engine: ClaimEngine = 'flow'): ClaimConfig[] {
  const out: ClaimConfig[] = [];
  let cell = 0;
  for (const mStar of s.mStars) {
    for (const ratio of s.ratios) {
      for (const d of s.ds) {
        if (d < 2 * mStar) continue;
        for (let k = 0; k < s.seeds; k++) {
          // Variant j = k + cell: j = 0..3 gives (orthonormal, dopri5, cancel-groups), (random, dopri5,
          // best-aligned), (orthonormal, rkc, best-aligned), (random, rkc, cancel-groups); the cell offset
          // makes every combination appear across cells even with 2 seeds per cell, none tied to another.
          const j = k + cell;
          out.push({
            mStar, m: ratio * mStar, d, seed: 1000 + k, engine,
            geometry: d > 20_000 ? 'orthonormal' : s.space.geometries[j % s.space.geometries.length],
            flowMethod: s.space.flowMethods[Math.floor(j / 2) % s.space.flowMethods.length],
            pruning: s.space.pruning[(j + Math.floor(j / 2)) % s.space.pruning.length],
            ...horizonFor(s.space, d),
            fineTuneMaxTime: s.space.fineTuneMaxTime,
          });
        }
        cell++;
      }
    }
  }
  return out;
}

/** A sample of configurations drawn from one region, and the claims it judges. */
export interface RegionSample {
  readonly name: string;
  readonly purpose: string;
  readonly claims: PointClaimId[];
  readonly space: ClaimSpace;
  readonly configs: ClaimConfig[];
}

/**
 * The runs that found the declared regimes (test-support/claims/regimes.ts),
 * reproducible with `npm run verify -- --plan regimes` (36 minutes on 2
 * cores with another job running): random draws (fast-check, fixed seeds) from candidate regions,
 * every variant (teacher geometry, integrator, pruning rule) drawn with them.
 * - candidates, stopped at recovery (horizon 30 sqrt(d)), 30 draws each:
 *   m* = 1 with m/m* 2-4; m* = 2 with m/m* 2-3; m* = 2 with m/m* 4-6;
 *   m* = 3 with m/m* 2-3;
 * - larger samples of the two regions the candidates pointed to: m* = 2,
 *   m/m* 4-6, d 64-150 (100 draws) and m* 2-3, m/m* 2-6, d 16-150 (100);
 * - settle (C4): feature learning to t = 400 over m* 1-3, m/m* 1-4,
 *   d 16-64 (30 draws), and to t = 800 at m* = 2, m = 4, d 64-100 (60).
 */
export function regimeFindingSweeps(engine: ClaimEngine = 'flow'): RegionSample[] {
  const V = {
    geometries: ['orthonormal', 'random'] as const, flowMethods: ['dopri5', 'rkc'] as ClaimSpace['flowMethods'], pruning: ['cancel-groups', 'best-aligned'] as const,
  };
  const recovery = { kind: 'recovery', perSqrtD: 30 } as const;
  const atRecovery = ['C1', 'C2', 'C3', 'C5'] as PointClaimId[];
  const region = (purpose: string, claims: PointClaimId[], space: ClaimSpace, n: number, seed: number): RegionSample => ({
    name: `${describeRegion(space)} [${n} draws, seed ${seed}]`, purpose, claims, space, configs: fc.sample(arbClaimConfig(space, engine), { numRuns: n, seed }),
  });
  const at = (mStar: Range, ratio: Range, d: Range) => ({ mStar, ratio, d, ...V, horizon: recovery, fineTuneMaxTime: 2000 });
  const candidate = 'candidate region, stopped at recovery (horizon 30 sqrt(d))';
  return [
    region(candidate, atRecovery, at([1, 1], [2, 4], [16, 100]), 30, 9001),
    region(candidate, atRecovery, at([2, 2], [2, 3], [16, 100]), 30, 9002),
    region(candidate, atRecovery, at([2, 2], [4, 6], [64, 150]), 30, 9003),
    region(candidate, atRecovery, at([3, 3], [2, 3], [32, 100]), 30, 9004),
    region('larger sample: recovery, its order and fine-tuning', atRecovery, at([2, 2], [4, 6], [64, 150]), 100, 9005),
    region('larger sample: experts before routers', atRecovery, at([2, 3], [2, 6], [16, 150]), 100, 9006),
    region('settle: feature learning to t = 400, then pruning (C4) and fine-tuning', ['C4', 'C5'],
      { mStar: [1, 3], ratio: [1, 4], d: [16, 64], ...V, horizon: { kind: 'settle', time: 400 }, fineTuneMaxTime: 2000 }, 30, 9007),
    region('settle longer: feature learning to t = 800 at an even surplus, where pruning did best', ['C4', 'C5'],
      { mStar: [2, 2], ratio: [2, 2], d: [64, 100], ...V, horizon: { kind: 'settle', time: 800 }, fineTuneMaxTime: 2000 }, 60, 9008),
    region('paper setting: the figure\'s m* = 5 with m/m* 4-6, d 10^3-10^4, stopped at recovery, the default integrator', atRecovery,
      { ...at([5, 5], [4, 6], [1000, 10000]), flowMethods: ['auto'] }, 60, 9009),
  ];
}

/** A region in a few words (m*, m/m*, d, horizon), as a sweep name. */
function describeRegion(s: ClaimSpace): string {
  const r = (name: string, [a, b]: Range) => (a === b ? `${name}=${a}` : `${name} ${a}-${b}`);
  const h = s.horizon.kind === 'recovery' ? 'at recovery' : `to t=${s.horizon.time}`;
  return [r('m*', s.mStar), r('m/m*', s.ratio), r('d', s.d), h].join(', ');
}
