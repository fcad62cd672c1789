import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { SeedStreams } from '../core/streams.ts';
import { makeProblem } from '../../test-support/problems.ts';
import { evaluateLoss, lossMethod, lossMethodNames, registerLossMethod } from './methods.ts';
import { monteCarloLoss } from './monteCarlo.ts';
import { populationLoss, populationLossGrad } from './quadrature.ts';

const { teacher, student } = makeProblem({ mStar: 2, m: 3, d: 6, seed: 8, kind: 'generic' });

describe('loss methods by name', () => {
  it('lists quadrature first (the default), then monte-carlo', () => {
    expect(lossMethodNames().slice(0, 2)).toEqual(['quadrature', 'monte-carlo']);
  });

  it('quadrature is the exact engine, with its gradient on request', () => {
    expect(evaluateLoss('quadrature', teacher, student)).toEqual({ method: 'quadrature', kernel: 'moment-table', loss: populationLoss(teacher, student) });
    const g = evaluateLoss('quadrature', teacher, student, { kernel: 'gauss-hermite', nodes: 24, gradient: true });
    const want = populationLossGrad(teacher, student, { kernel: 'gauss-hermite', nodes: 24 });
    expect(g).toMatchObject({ kernel: 'gauss-hermite', nodes: 24, loss: want.loss });
    expect(Array.from(g.gradient!.experts.data)).toEqual(Array.from(want.experts.data));
    expect(() => evaluateLoss('quadrature', teacher, student, { kernel: 'simpson' })).toThrow(/^kernel: unknown pair kernel 'simpson'/);
  });

  it("monte-carlo draws from the seed's 'evaluation' stream", () => {
    const r = evaluateLoss('monte-carlo', teacher, student, { samples: 1000, seed: 5 });
    const want = monteCarloLoss(teacher, student, 1000, new SeedStreams(5).stream('evaluation'));
    expect(r).toEqual({ method: 'monte-carlo', loss: want.value, stderr: want.stderr, samples: 1000 });
  });

  it('fails loudly: unknown names list the known ones; bad options and gradient requests name the option', () => {
    expect(() => lossMethod('trapezoid')).toThrow(InputError);
    expect(() => lossMethod('trapezoid', '--method')).toThrow(/^--method: unknown method 'trapezoid'; known methods: quadrature, monte-carlo/);
    expect(() => evaluateLoss('monte-carlo', teacher, student, { gradient: true })).toThrow(/^gradient: method 'monte-carlo' has no gradient; use quadrature/);
    expect(() => evaluateLoss('monte-carlo', teacher, student, { samples: 1 })).toThrow(/^samples: must be an integer >= 2/);
    expect(() => evaluateLoss('quadrature', teacher, student, { nodes: 0 })).toThrow(/^nodes: must be an integer in \[1, 160\]/);
  });

  it('refuses to register a second method under a taken name', () => {
    expect(() => registerLossMethod({ name: 'quadrature', description: 'shadow', hasGradient: false, evaluate: () => ({ method: 'x', loss: 0 }) })).toThrow(
      /'quadrature' is already registered/,
    );
  });
});
