import { describe, expect, it } from 'vitest';
import { batchLossGrad, forward } from '../src/model/forward.ts';
import { zeros, type Mat } from '../src/core/mat.ts';
import type { MoeParams } from '../src/model/params.ts';
import { SeedStreams } from '../src/core/streams.ts';
import {
  assertDeterministic, assertGradientGeometry, assertLossContracts, assertNonNegative, assertPermutationInvariant, assertScaleInvariant,
  assertZeroAtTeacher, type LossEngine,
} from './contracts.ts';
import { makeProblem } from './problems.ts';

/** A correct engine: the empirical loss on a fixed batch (src/model/forward.ts). */
function batchEngine(teacher: MoeParams, n = 32): LossEngine {
  const x = zeros(n, teacher.routers.cols);
  new SeedStreams('contracts-self-test').stream('data').fillNormal(x.data);
  const y = forward(teacher, x);
  return {
    name: 'batch',
    precision: 'float64',
    loss: (_t, s) => ({ value: batchLossGrad(s, x, y).loss, stderr: 0 }),
    gradient: (_t, s) => batchLossGrad(s, x, y),
  };
}

const { teacher, student } = makeProblem({ mStar: 2, m: 3, d: 6, seed: 4, kind: 'generic' });
const rng = () => new SeedStreams('contracts').stream('x');
const good = batchEngine(teacher);
const sumOfSquares = (m: Mat) => m.data.reduce((s, v) => s + v * v, 0);

describe('loss-engine contracts', () => {
  it('pass for a correct engine', () => {
    expect(() => assertLossContracts(good, teacher, student, rng())).not.toThrow();
  });

  it('catch a negative loss', () => {
    const bad: LossEngine = { ...good, name: 'shifted', loss: (t, s) => ({ value: good.loss(t, s).value - 1e-6, stderr: 0 }) };
    expect(() => assertNonNegative(bad, teacher, teacher)).toThrow(/loss -1e-6 < 0|< 0/);
  });

  it('catch an engine that is not zero at the teacher or that sees the row lengths', () => {
    const lengthTerm = (t: MoeParams, s: MoeParams) => 1e-3 * Math.abs(sumOfSquares(s.routers) - sumOfSquares(t.routers));
    const scaleSensitive: LossEngine = { ...good, name: 'unnormalised', loss: (t, s) => ({ value: good.loss(t, s).value + lengthTerm(t, s), stderr: 0 }) };
    expect(() => assertZeroAtTeacher(scaleSensitive, teacher, rng())).toThrow(/permuted .* rescaled/);
    expect(() => assertScaleInvariant(scaleSensitive, teacher, student, rng())).toThrow(/rows rescaled/);
  });

  it('catch an engine that depends on the order of the experts', () => {
    const ordered: LossEngine = { ...good, name: 'ordered', loss: (t, s) => ({ value: good.loss(t, s).value + 1e-3 * s.routers.data[0], stderr: 0 }) };
    expect(() => assertPermutationInvariant(ordered, teacher, student, new SeedStreams('perm').stream('x'))).toThrow(/permuted/);
  });

  it('catch a gradient that is not projected on the tangent space', () => {
    const unprojected: LossEngine = {
      ...good,
      name: 'unprojected',
      gradient: (t, s) => {
        const g = good.gradient!(t, s);
        const r = { ...g.routers, data: g.routers.data.map((v, k) => v + 1e-3 * s.routers.data[k]) };
        return { routers: r, experts: g.experts };
      },
    };
    expect(() => assertGradientGeometry(unprojected, teacher, student, rng())).toThrow(/along its row/);
  });

  it('catch a non-deterministic engine, and Monte-Carlo estimates outside their standard errors', () => {
    let calls = 0;
    const drifting: LossEngine = { ...good, name: 'drifting', loss: (t, s) => ({ value: good.loss(t, s).value + 1e-9 * calls++, stderr: 0 }) };
    expect(() => assertDeterministic(drifting, teacher, student)).toThrow(/differ/);
    let k = 0;
    const biased: LossEngine = { ...good, name: 'biased estimate', loss: (t, s) => ({ value: good.loss(t, s).value + (k++ % 2) * 0.1, stderr: 0.01 }) };
    expect(() => assertPermutationInvariant(biased, teacher, student, rng())).toThrow(/standard errors > 4/);
  });
});
