import { describe, expect, test } from 'vitest';
import { fromRows, zeros } from '../core/mat.ts';
import { SeedStreams } from '../core/streams.ts';
import type { MoeParams } from '../model/params.ts';
import { groupNormSquared, kernelMatrix } from './kernelMatrix.ts';
import { populationLoss } from './quadrature.ts';

const rng = new SeedStreams('kernel-matrix').stream('directions');
const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
const gaussian = (d: number) => unit(Array.from(rng.fillNormal(new Float64Array(d))));

/**
 * A student whose experts 0 and 1 nearly cancel (router v and v + eps u,
 * experts w and -w + eps u'), plus a generic third expert, and the exact
 * ||f_0 + f_1||^2 by the loss's own route: 2 L with f_1 negated as the
 * teacher, since f_0 - (-f_1) = f_0 + f_1.
 */
function nearCancellingPair(d: number, eps: number): { student: MoeParams; exact: number } {
  const v = gaussian(d), w = gaussian(d), u1 = gaussian(d), u2 = gaussian(d);
  const v1 = unit(v.map((x, k) => x + eps * u1[k]));
  const w1 = unit(w.map((x, k) => -x + eps * u2[k]));
  const student = { routers: fromRows([v, v1, gaussian(d)]), experts: fromRows([w, w1, gaussian(d)]) };
  const exact = 2 * populationLoss({ routers: fromRows([v1]), experts: fromRows([w1.map((x) => -x)]) }, { routers: fromRows([v]), experts: fromRows([w]) });
  return { student, exact };
}

describe('kernelMatrix', () => {
  // The earlier Gram-entry route (pairKernel -> cholesky4 on inner products, pairs in index order)
  // lost the pair's near-singular correlation matrix to rounding: at d = 8, eps = 3e-8 its group norm
  // was off by 3.0, and at eps <= 1e-8 it was negative in about half of 20 draws (errors up to 4.5e-10).
  test('gives a near-cancelling pair the group norm the loss gives it, to rounding, and never a negative one', () => {
    for (const d of [8, 60]) {
      for (const eps of [3e-8, 1e-8, 1e-9, 1e-12, 0]) {
        for (let draw = 0; draw < 20; draw++) {
          const { student, exact } = nearCancellingPair(d, eps);
          const n2 = groupNormSquared(kernelMatrix(student), [0, 1]);
          expect(Math.abs(n2 - exact), `d = ${d}, eps = ${eps}, draw ${draw}: ${n2} vs ${exact}`).toBeLessThanOrEqual(1e-14);
          expect(n2, `d = ${d}, eps = ${eps}, draw ${draw}`).toBeGreaterThanOrEqual(-1e-14);
        }
      }
    }
  });

  test('has the loss\'s own terms: sum_{i,j} K_ij = 2 L(0, student), the loss of the student against no teacher', () => {
    const none = { routers: zeros(0, 12), experts: zeros(0, 12) };
    for (let draw = 0; draw < 5; draw++) {
      const { student } = nearCancellingPair(12, 1e-6);
      for (const q of [{}, { kernel: 'gauss-hermite', nodes: 24 }] as const) {
        const all = groupNormSquared(kernelMatrix(student, q), [0, 1, 2]);
        const loss = 2 * populationLoss(none, student, q);
        expect(Math.abs(all - loss), JSON.stringify(q)).toBeLessThanOrEqual(1e-14 * Math.max(1, loss));
      }
    }
  });
});
