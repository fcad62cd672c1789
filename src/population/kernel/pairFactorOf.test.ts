import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeedStreams, type Rng } from '../../core/streams.ts';
import { atOverlap } from '../../../test-support/problems.ts';
import { gaussHermite } from './gaussHermite.ts';
import { pairFactor } from './pairFactor.ts';
import { GRAM_ROUTE_MIN_PIVOT, pairFactorOf } from './pairFactorOf.ts';
import { pairKernelFromFactor, Slot } from './pairKernel.ts';

const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
const gaussian = (d: number, rng: Rng) => unit(Array.from(rng.fillNormal(new Float64Array(d))));

/** Four unit rows (a_p, a_q, b_p, b_q) in one buffer. */
function pack(vs: number[][]): Float64Array {
  const d = vs[0].length;
  const units = new Float64Array(4 * d);
  vs.forEach((v, i) => units.set(v, i * d));
  return units;
}

const both = (units: Float64Array, d: number) => ({
  route: pairFactorOf(units, d, 0, 1, 2, 3, new Float64Array(16), new Float64Array(4 * d)),
  mgs: pairFactor(units, d, 0, 1, 2, 3, new Float64Array(16), new Float64Array(4 * d)),
});
const minPivot = (L: Float64Array) => Math.min(L[5] ** 2, L[10] ** 2, L[15] ** 2);

describe('pairFactorOf', () => {
  it('agrees with Gram-Schmidt on the vectors to rounding (1e-14) where it takes the Gram route', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 4, max: 70 }), (seed, d) => {
        const rng = new SeedStreams(seed).stream('vectors');
        const { route, mgs } = both(pack([0, 1, 2, 3].map(() => gaussian(d, rng))), d);
        if (minPivot(mgs) < 1.5 * GRAM_ROUTE_MIN_PIVOT) return; // near the switch: either route may be taken
        for (let i = 0; i < 16; i++) expect(Math.abs(route[i] - mgs[i])).toBeLessThanOrEqual(1e-14);
      }),
      { numRuns: 200 },
    );
  });

  it('is Gram-Schmidt itself, bit for bit, for near-collinear routers (pivot below the switch)', () => {
    const rng = new SeedStreams('near-collinear-route').stream('vectors');
    for (const gap of [0.04, 1e-4, 1e-8, 1e-14, 0]) {
      const ap = gaussian(12, rng);
      const vs = [ap, atOverlap(ap, 1 - gap, rng), gaussian(12, rng), gaussian(12, rng)];
      const { route, mgs } = both(pack(vs), 12);
      expect(minPivot(mgs)).toBeLessThan(GRAM_ROUTE_MIN_PIVOT);
      expect(Array.from(route)).toEqual(Array.from(mgs));
    }
  });

  it('keeps the exact sign symmetry the loss relies on: negating an expert negates the kernel bit for bit', () => {
    const rule = gaussHermite(16);
    const rng = new SeedStreams('route-sign').stream('vectors');
    for (const r of [0.05, 0.6, 0.999, 1]) {
      const ap = gaussian(9, rng);
      const aq = r === 1 ? ap.slice() : atOverlap(ap, r, rng);
      const bp = gaussian(9, rng), bq = gaussian(9, rng);
      const k = (vs: number[][]) => {
        const L = pairFactorOf(pack(vs), 9, 0, 1, 2, 3, new Float64Array(16), new Float64Array(36));
        return pairKernelFromFactor(L, rule, true, new Float64Array(7))[Slot.K];
      };
      const base = k([ap, aq, bp, bq]);
      expect(k([ap, aq, bp, bq.map((x) => -x)])).toBe(-base);
      expect(k([ap, aq, bp.map((x) => -x), bq])).toBe(-base);
    }
  });
});
