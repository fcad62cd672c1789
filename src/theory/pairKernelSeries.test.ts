import { describe, expect, it } from 'vitest';
import { gaussHermite } from '../population/kernel/gaussHermite.ts';
import { pairKernel, Slot } from '../population/kernel/pairKernel.ts';
import { SeedStreams } from '../core/streams.ts';
import { uniformSphereRows } from '../model/teacher.ts';
import { row } from '../core/mat.ts';
import { dot } from '../core/dot.ts';
import { pairKernelSeries } from './pairKernelSeries.ts';

/** The six correlations of four independent uniform directions in R^dim. */
function randomCorrelations(dim: number, seed: number): [number, number, number, number, number, number] {
  const u = uniformSphereRows(4, dim, new SeedStreams(seed).stream('series'));
  const [a1, a2, b1, b2] = [0, 1, 2, 3].map((i) => row(u, i));
  return [dot(a1, a2), dot(a1, b1), dot(a1, b2), dot(b1, a2), dot(a2, b2), dot(b1, b2)];
}

describe('pairKernelSeries (the diagram expansion of the pair kernel)', () => {
  it('equals the exact engine\'s kernel at arbitrary correlations (an independent route)', () => {
    const out = new Float64Array(7);
    for (let seed = 0; seed < 12; seed++) {
      const c = randomCorrelations(5, seed);
      pairKernel(...c, gaussHermite(64), false, out);
      expect(Math.abs(pairKernelSeries(...c) - out[Slot.K])).toBeLessThan(1e-13 * Math.max(1, Math.abs(out[Slot.K])));
    }
  });

  it('truncated to q cross edges per expert, errs by O(eps^(2q+2)) when the cross overlaps are O(eps)', () => {
    // Cross overlaps eps, rho and e O(1): the error of keeping q <= Q scales like eps^(2Q + 2).
    const full = (eps: number) => pairKernelSeries(0.3, eps, -eps, 0.7 * eps, 0.5 * eps, 0.6);
    const lo = (eps: number) => pairKernelSeries(0.3, eps, -eps, 0.7 * eps, 0.5 * eps, 0.6, 0);
    const r1 = Math.abs(full(0.02) - lo(0.02));
    const r2 = Math.abs(full(0.01) - lo(0.01));
    expect(r1 / r2).toBeGreaterThan(3.8);
    expect(r1 / r2).toBeLessThan(4.2);
  });
});
