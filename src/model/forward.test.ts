import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeedStreams } from '../core/streams.ts';
import { arbProblemSpec } from '../../test-support/arbitraries/arbProblemSpec.ts';
import { assertLossContracts, type LossEngine } from '../../test-support/contracts.ts';
import { directional, directionalDifference, randomDirection } from '../../test-support/finiteDifference.ts';
import { makeProblem, permuteExperts, randomPermutation, scaleRows } from '../../test-support/problems.ts';
import { TOLERANCE, expectAllClose, expectClose } from '../../test-support/tolerance.ts';
import { batchLossGrad, forward } from './forward.ts';
import { fromRows, zeros, type Mat } from '../core/mat.ts';
import type { MoeParams } from './params.ts';

const F64 = TOLERANCE.float64;

/** A fixed Gaussian batch in R^d and the teacher's outputs on it. */
function batch(teacher: MoeParams, n: number, seed: number): { x: Mat; y: Float64Array } {
  const x = zeros(n, teacher.routers.cols);
  new SeedStreams(seed).stream('data').fillNormal(x.data);
  return { x, y: forward(teacher, x) };
}

/** The empirical squared loss on one fixed batch, as a loss engine for the shared contracts. */
function batchEngine(x: Mat, y: Float64Array): LossEngine {
  return {
    name: 'batchLossGrad',
    precision: 'float64',
    loss: (_teacher, student) => ({ value: batchLossGrad(student, x, y).loss, stderr: 0 }),
    gradient: (_teacher, student) => batchLossGrad(student, x, y),
  };
}

describe('forward', () => {
  it('computes a hand-worked case (d = 2, m = 1)', () => {
    // v = (3, 4) -> (0.6, 0.8), w = (0, 2) -> (0, 1), so f(x) = sig(0.6 x1 + 0.8 x2) He3(x2):
    //   x = (1, 2):  u = 2.2, sig = 1 / (1 + e^-2.2) = 0.90024951088031..., He3(2) = 8 - 6 = 2    -> 1.80049902176062...
    //   x = (0, 0):  sig(0) = 1/2, He3(0) = 0                                                     -> 0
    //   x = (0, -1): u = -0.8, sig = 0.31002551887238..., He3(-1) = -1 + 3 = 2                    -> 0.62005103774477...
    //   x = (2, 1):  u = 2, sig = 0.88079707797788..., He3(1) = 1 - 3 = -2                         -> -1.76159415595576...
    const p = { routers: fromRows([[3, 4]]), experts: fromRows([[0, 2]]) };
    const x = fromRows([[1, 2], [0, 0], [0, -1], [2, 1]]);
    expectAllClose(forward(p, x), [1.8004990217606296, 0, 0.6200510377447751, -1.7615941559557646], 1e-15, 'f');
  });

  it('sums the experts (m = 2 is the sum of two m = 1 models)', () => {
    const a = { routers: fromRows([[1, 0, 1]]), experts: fromRows([[0, 1, 1]]) };
    const b = { routers: fromRows([[-1, 2, 0]]), experts: fromRows([[1, 1, -1]]) };
    const both = { routers: fromRows([[1, 0, 1], [-1, 2, 0]]), experts: fromRows([[0, 1, 1], [1, 1, -1]]) };
    const x = fromRows([[0.3, -1.2, 2], [1, 1, 1]]);
    const fa = forward(a, x), fb = forward(b, x);
    expectAllClose(forward(both, x), [fa[0] + fb[0], fa[1] + fb[1]], 1e-15, 'f');
  });

  it('is invariant under permuting experts and scaling rows', () => {
    fc.assert(
      fc.property(arbProblemSpec({ maxMStar: 2, maxM: 4 }), (spec) => {
        const { teacher, student } = makeProblem(spec);
        const { x } = batch(teacher, 16, spec.seed);
        const rng = new SeedStreams(spec.seed).stream('shuffle');
        const moved = permuteExperts(student, randomPermutation(student.routers.rows, rng));
        const f = () => Array.from({ length: student.routers.rows }, () => 0.1 + 10 * rng.uniform());
        const other = { routers: scaleRows(moved.routers, f()), experts: scaleRows(moved.experts, f()) };
        const want = forward(student, x);
        const got = forward(other, x);
        for (let n = 0; n < want.length; n++) expectClose(got[n], want[n], F64.reorder, `f(x_${n})`);
      }),
      { numRuns: 40 },
    );
  });
});

describe('batchLossGrad', () => {
  it('returns (1/2n) sum (f - y)^2 as its loss', () => {
    const { teacher, student } = makeProblem({ mStar: 2, m: 3, d: 5, seed: 2, kind: 'generic' });
    const { x, y } = batch(teacher, 32, 2);
    const f = forward(student, x);
    const want = f.reduce((s, fn, n) => s + 0.5 * (fn - y[n]) ** 2, 0) / 32;
    expectClose(batchLossGrad(student, x, y).loss, want, F64.reorder, 'loss');
  });

  it('matches central finite differences in random directions of the unnormalised parameters (relative 1e-6)', () => {
    fc.assert(
      fc.property(arbProblemSpec({ maxMStar: 2, maxM: 4 }), (spec) => {
        const { teacher, student } = makeProblem(spec);
        const { x, y } = batch(teacher, 24, spec.seed);
        const g = batchLossGrad(student, x, y);
        const rng = new SeedStreams(spec.seed).stream('directions');
        for (let k = 0; k < 3; k++) {
          const dir = randomDirection(student, rng);
          const fd = directionalDifference((s) => batchLossGrad(s, x, y).loss, student, dir, 1e-3);
          expectClose(directional(g, dir), fd, F64.finiteDifference, `direction ${k} (${JSON.stringify(spec)})`);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('meets the loss-engine contracts (zero at the teacher, invariances, gradient geometry, determinism)', () => {
    fc.assert(
      fc.property(arbProblemSpec({ maxMStar: 3, maxM: 4 }), (spec) => {
        const { teacher, student } = makeProblem(spec);
        const { x, y } = batch(teacher, 24, spec.seed);
        assertLossContracts(batchEngine(x, y), teacher, student, new SeedStreams(spec.seed).stream('contracts'));
      }),
      { numRuns: 40 },
    );
  });
});
