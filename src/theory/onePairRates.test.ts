import { describe, expect, it } from 'vitest';
import { integrateFlow } from '../dynamics/flow/integrateFlow.ts';
import { rk4Step } from '../dynamics/flow/integrators.ts';
import { orthogonalPair } from '../../test-support/orthogonalPair.ts';
import { onePairRates } from './onePairRates.ts';

/** (e, rho) of the one-pair ODE at each of `times`, by RK4 with steps <= h landing on every time. */
function solveOnePair(e0: number, rho0: number, times: readonly number[], h = 2e-3): [number, number][] {
  let y: Float64Array = Float64Array.from([e0, rho0]);
  let t = 0;
  const f = (_t: number, s: Float64Array, out: Float64Array) => {
    const r = onePairRates(s[0], s[1]);
    out[0] = r.de;
    out[1] = r.drho;
  };
  return times.map((target) => {
    const n = Math.ceil((target - t) / h - 1e-9);
    const step = n > 0 ? (target - t) / n : 0;
    for (let k = 0; k < n; k++) y = rk4Step(f, t + k * step, y, step);
    t = target;
    return [y[0], y[1]];
  });
}

describe('onePairRates: the exact flow of one orthogonal pair is the 2-D ODE', () => {
  it.each([
    [0.2, 0.1],
    [0.05, -0.3],
    [0.6, 0.85],
  ])('from e = %f, rho = %f the exact engine\'s overlaps follow de/dt = 18 g e^2 (1 - e^2), drho/dt = 6 g\' e^3 (1 - rho^2)', (e0, rho0) => {
    const p = orthogonalPair(e0, rho0);
    const horizon = e0 < 0.1 ? 30 : 8;
    const res = integrateFlow(p.teacher, p.student, { time: horizon, rtol: 1e-11, atol: 1e-13, uniformPoints: 8, logPoints: 0, quadratureNodes: 64 });
    const ode = solveOnePair(e0, rho0, res.records.map((r) => r.t));
    res.records.forEach((rec, k) => {
      expect(Math.abs(rec.expert[0][0] - ode[k][0])).toBeLessThan(1e-8);
      expect(Math.abs(rec.router[0][0] - ode[k][1])).toBeLessThan(1e-8);
    });
    // The run must have moved: a test of a configuration that stays put would prove nothing.
    expect(res.records[res.records.length - 1].expert[0][0] - e0).toBeGreaterThan(0.1);
  });
});
