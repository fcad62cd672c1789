import fc from 'fast-check';
import { SeedStreams, type Rng } from '../../src/core/streams.ts';
import { atOverlap, perturb } from '../problems.ts';

/** Kinds of {@link arbPairDirections}. */
export type PairDirectionsKind = 'generic' | 'near-collinear' | 'near-teacher' | 'cancelling' | 'opposite-routers';

/** Four directions (a_p, a_q, b_p, b_q) of one pair term, not normalised, with the kind they were built as. */
export interface PairDirections {
  readonly kind: PairDirectionsKind;
  readonly vs: number[][];
}

const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
const gaussian = (d: number, rng: Rng) => unit(Array.from(rng.fillNormal(new Float64Array(d))));

/**
 * The four directions of a pair term as they occur in training, in d from 2
 * (every covariance singular) to 8: generic; nearly collinear routers
 * (overlap 1 - 10^-gap); a student within 10^(-gap/2) of a teacher (both
 * router and expert); a cancelling pair (equal routers, opposite experts);
 * opposite routers (a_q = -a_p). Valid by construction from a seed.
 */
export function arbPairDirections(): fc.Arbitrary<PairDirections> {
  return fc
    .record({
      d: fc.integer({ min: 2, max: 8 }),
      gap: fc.integer({ min: 6, max: 16 }),
      kind: fc.constantFrom<PairDirectionsKind>('generic', 'near-collinear', 'near-teacher', 'cancelling', 'opposite-routers'),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map(({ d, gap, kind, seed }) => {
      const rng = new SeedStreams(seed).stream('quad');
      const a = gaussian(d, rng);
      const b = gaussian(d, rng);
      switch (kind) {
        case 'near-collinear':
          return { kind, vs: [a, atOverlap(a, 1 - 10 ** -gap, rng), b, gaussian(d, rng)] };
        case 'near-teacher':
          return { kind, vs: [a, perturb(a, 10 ** (-gap / 2), rng), b, perturb(b, 10 ** (-gap / 2), rng)] };
        case 'cancelling':
          return { kind, vs: [a, a.slice(), b, b.map((x) => -x)] };
        case 'opposite-routers':
          return { kind, vs: [a, a.map((x) => -x), b, gaussian(d, rng)] };
        default:
          return { kind, vs: [a, gaussian(d, rng), b, gaussian(d, rng)] };
      }
    });
}
