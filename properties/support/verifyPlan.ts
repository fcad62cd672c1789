import fc from 'fast-check';
import { arbClaimConfig } from '../arbitraries/arbClaimConfig.ts';
import type { ClaimConfig, PointClaimId } from './claimPoint.ts';
import { horizonFor, type ClaimSpace } from './claimSpace.ts';

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

/** The time-law sweep (C6): runs stopped at recovery over a range of d, per (m*, m). */
export interface TimeLawSweep {
  readonly sizes: readonly { mStar: number; ratio: number }[];
  readonly ds: readonly number[];
  readonly seeds: number;
  readonly perSqrtD: number;
}

const VARIANTS = {
  geometries: ['orthonormal', 'random'] as const,
  flowMethods: ['dopri5', 'rkc'] as const,
};

/**
 * The default map of `npm run verify` (sized for ~30 minutes on 2 cores):
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
export function sweepConfigs(s: MapSweep, engine = 'flow'): ClaimConfig[] {
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

/** The configurations of the time-law sweep (orthonormal teacher, which every d supports). */
export function timeLawConfigs(t: TimeLawSweep, engine = 'flow'): ClaimConfig[] {
  const out: ClaimConfig[] = [];
  for (const { mStar, ratio } of t.sizes) {
    for (const d of t.ds) {
      for (let k = 0; k < t.seeds; k++) {
        out.push({
          mStar, m: mStar * ratio, d, seed: 2000 + k, engine, geometry: 'orthonormal', flowMethod: d >= 10_000 ? 'rkc' : 'dopri5',
          pruning: 'cancel-groups', time: Math.ceil(t.perSqrtD * Math.sqrt(d)), stopWhenRecovered: true, fineTuneMaxTime: 200,
        });
      }
    }
  }
  return out;
}

/**
 * The runs that found the declared regimes (properties/support/regimes.ts),
 * reproducible with `npm run verify -- --plan regimes` (about 2 hours on 2
 * cores): the same configurations, seeds and variants as the measurement.
 * - recovery: stopped at recovery, horizon 30 sqrt(d): m* 1-3, m/m* 1-6,
 *   d 16/100/1000, seeds 1-4 (orthonormal, dopri5, cancel-groups); m* 1-2,
 *   m/m* 6/8, d 16/100/1000, seeds 100-105 with every variant; m* 1-2,
 *   m/m* 6, d 10^2..10^5, seeds 300-302 (rkc from d = 10^4); 14 draws of
 *   m* = 2, m/m* 4-6, d 64-150 with every variant (fast-check seed 78).
 * - settle: feature learning to t = 400: m* 1-3, m/m* 1-4, d 16/64, seeds
 *   1-4; m* 1-3 at even surplus, d 64/100, seeds 200-205 with variants; and
 *   to t = 800: 13 runs of m* = 2, m = 4, d 64-100 (fast-check seed 77).
 */
export function regimeFindingSweeps(engine = 'flow'): { name: string; purpose: string; claims: PointClaimId[]; configs: ClaimConfig[] }[] {
  const base = { engine, geometry: 'orthonormal' as const, flowMethod: 'dopri5' as const, pruning: 'cancel-groups' as const, fineTuneMaxTime: 2000 };
  const variant = (k: number) => ({
    geometry: (k % 2 ? 'random' : 'orthonormal') as ClaimConfig['geometry'],
    flowMethod: (Math.floor(k / 2) % 2 ? 'rkc' : 'dopri5') as ClaimConfig['flowMethod'],
    pruning: (k % 2 ? 'best-aligned' : 'cancel-groups') as ClaimConfig['pruning'],
  });
  const atRecovery = (d: number) => ({ time: Math.ceil(30 * Math.sqrt(d)), stopWhenRecovered: true });
  const recovery: ClaimConfig[] = [];
  const settle: ClaimConfig[] = [];
  for (const d of [16, 100, 1000]) for (const mStar of [1, 2, 3]) for (const ratio of [1, 2, 3, 4, 6]) for (const seed of [1, 2, 3, 4]) {
    if (d >= 2 * mStar) recovery.push({ ...base, mStar, m: ratio * mStar, d, seed, ...atRecovery(d) });
  }
  for (const mStar of [1, 2]) for (const ratio of [6, 8]) for (const d of [16, 100, 1000]) for (let k = 0; k < 6; k++) {
    recovery.push({ ...base, ...variant(k), mStar, m: ratio * mStar, d, seed: 100 + k, ...atRecovery(d) });
  }
  for (const mStar of [1, 2]) for (const d of [100, 1000, 10_000, 100_000]) for (let k = 0; k < 3; k++) {
    recovery.push({ ...base, mStar, m: 6 * mStar, d, seed: 300 + k, flowMethod: d >= 10_000 ? 'rkc' : 'dopri5', ...atRecovery(d), fineTuneMaxTime: 200 });
  }
  const V = { geometries: ['orthonormal', 'random'] as const, flowMethods: ['dopri5', 'rkc'] as const, pruning: ['cancel-groups', 'best-aligned'] as const };
  recovery.push(...fc.sample(arbClaimConfig({ mStar: [2, 2], ratio: [4, 6], d: [64, 150], ...V, horizon: { kind: 'recovery', perSqrtD: 30 }, fineTuneMaxTime: 2000 }, engine), { numRuns: 14, seed: 78 }));
  for (const d of [16, 64]) for (const mStar of [1, 2, 3]) for (const ratio of [1, 2, 3, 4]) for (const seed of [1, 2, 3, 4]) {
    settle.push({ ...base, mStar, m: ratio * mStar, d, seed, time: 400, stopWhenRecovered: false });
  }
  for (const [mStar, ratio] of [[1, 3], [2, 2], [2, 3], [3, 3]]) for (const d of [64, 100]) for (let k = 0; k < 6; k++) {
    settle.push({ ...base, ...variant(k), mStar, m: ratio * mStar, d, seed: 200 + k, time: 400, stopWhenRecovered: false });
  }
  settle.push({ ...base, mStar: 2, m: 4, d: 66, seed: 27, flowMethod: 'rkc', time: 800, stopWhenRecovered: false });
  settle.push(...fc.sample(arbClaimConfig({ mStar: [2, 2], ratio: [2, 2], d: [64, 100], geometries: ['orthonormal'], flowMethods: ['dopri5', 'rkc'], pruning: ['cancel-groups'], horizon: { kind: 'settle', time: 800 }, fineTuneMaxTime: 2000 }, engine), { numRuns: 12, seed: 77 }));
  return [
    { name: 'regimes-recovery', purpose: 'the regime-finding runs stopped at recovery (horizon 30 sqrt(d))', claims: ['C1', 'C2', 'C3', 'C5'], configs: recovery },
    { name: 'regimes-settle', purpose: 'the regime-finding runs with feature learning to t = 400 (and t = 800)', claims: ['C4', 'C5'], configs: settle },
  ];
}
