import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forward } from '../model/forward.ts';
import { zeros } from '../core/mat.ts';
import type { MoeParams } from '../model/params.ts';
import { SeedStreams, type Rng } from '../core/streams.ts';
import { arbProblemSpec } from '../../test-support/arbitraries/arbProblemSpec.ts';
import { assertLossContracts } from '../../test-support/contracts.ts';
import { engineOf } from '../../test-support/engines/engines.ts';
import { makeProblem } from '../../test-support/problems.ts';
import { expectWithinStderr } from '../../test-support/tolerance.ts';
import { monteCarloLoss } from './monteCarlo.ts';

/**
 * The plain route: draw x ~ N(0, I_d) explicitly in R^d and average
 * 1/2 (f(x) - f*(x))^2 with the reference forward pass (src/model/forward.ts).
 * No span, no change of basis: independent of monteCarloLoss's reduction.
 */
function fullDimensionalLoss(teacher: MoeParams, student: MoeParams, samples: number, rng: Rng): { value: number; stderr: number } {
  const d = teacher.routers.cols;
  const x = zeros(samples, d);
  rng.fillNormal(x.data);
  const fs = forward(student, x);
  const ft = forward(teacher, x);
  let sum = 0;
  let sq = 0;
  for (let n = 0; n < samples; n++) {
    const h = 0.5 * (fs[n] - ft[n]) ** 2;
    sum += h;
    sq += h * h;
  }
  const mean = sum / samples;
  const variance = (sq - samples * mean * mean) / (samples - 1);
  return { value: mean, stderr: Math.sqrt(variance / samples) };
}

/** Statistical comparisons run on a pinned fast-check seed so a 4-sigma test cannot flake between runs. */
const PINNED = { seed: 424242 };

describe('monteCarloLoss', () => {
  it('is exactly 0, with standard error 0, when the student is the teacher', () => {
    const { teacher } = makeProblem({ mStar: 3, m: 3, d: 9, seed: 1, kind: 'generic', geometry: 'random' });
    const copy = { routers: { ...teacher.routers, data: teacher.routers.data.slice() }, experts: { ...teacher.experts, data: teacher.experts.data.slice() } };
    const est = monteCarloLoss(teacher, copy, 5000, new SeedStreams(1).stream('evaluation'));
    expect(est).toEqual({ value: 0, stderr: 0, samples: 5000 });
  });

  it('agrees with a plain Monte Carlo in R^d (explicit x, reference forward pass) within 4 combined standard errors', () => {
    fc.assert(
      fc.property(arbProblemSpec({ maxMStar: 2, maxM: 3, maxExtraD: 2 }), (spec) => {
        const { teacher, student } = makeProblem(spec);
        const s = new SeedStreams(spec.seed);
        const reduced = monteCarloLoss(teacher, student, 40_000, s.stream('evaluation'));
        const plain = fullDimensionalLoss(teacher, student, 40_000, s.stream('plain'));
        expectWithinStderr(reduced, plain, `reduced vs plain Monte Carlo (${JSON.stringify(spec)})`);
      }),
      { ...PINNED, numRuns: 8 },
    );
  });

  it('has a standard error that shrinks like 1/sqrt(samples)', () => {
    const { teacher, student } = makeProblem({ mStar: 2, m: 3, d: 6, seed: 5, kind: 'generic' });
    const small = monteCarloLoss(teacher, student, 10_000, new SeedStreams(5).stream('a'));
    const large = monteCarloLoss(teacher, student, 160_000, new SeedStreams(5).stream('b'));
    // Ratio 4 in expectation; the sample standard deviations of heavy-tailed 1/2 (f - f*)^2 vary by ~20% at 10^4 draws.
    expect(small.stderr / large.stderr).toBeGreaterThan(2.5);
    expect(small.stderr / large.stderr).toBeLessThan(6);
  });

  it('is reproducible: same stream, same estimate bit for bit; another seed, another estimate', () => {
    const { teacher, student } = makeProblem({ mStar: 2, m: 3, d: 6, seed: 9, kind: 'cancelling' });
    const a = monteCarloLoss(teacher, student, 3000, new SeedStreams(7).stream('evaluation'));
    const b = monteCarloLoss(teacher, student, 3000, new SeedStreams(7).stream('evaluation'));
    const c = monteCarloLoss(teacher, student, 3000, new SeedStreams(8).stream('evaluation'));
    expect(b).toEqual(a);
    expect(c.value).not.toBe(a.value);
  });

  it('meets the loss-engine contracts within its standard error', () => {
    const engine = engineOf('monte-carlo', { samples: 20_000, seed: 3 });
    fc.assert(
      fc.property(arbProblemSpec({ maxMStar: 2, maxM: 3, maxExtraD: 3 }), (spec) => {
        const { teacher, student } = makeProblem(spec);
        assertLossContracts(engine, teacher, student, new SeedStreams(spec.seed).stream('contracts'));
      }),
      { ...PINNED, numRuns: 6 },
    );
  });
});
