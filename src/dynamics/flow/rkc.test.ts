import { describe, expect, it } from 'vitest';
import type { Rhs } from './integrators.ts';
import { rkcStages, rkcStep, rkcWorkspace, spectralRadius } from './rkc.ts';

/** A stiff linear gradient flow y' = -diag(lambda) y, the shape of this model's Jacobian (real, negative). */
const lambdas = [0.5, 3, 40, 400];
const f: Rhs = (_t, y, out) => {
  for (let i = 0; i < y.length; i++) out[i] = -lambdas[i] * y[i];
};

describe('rkcStages', () => {
  it('grows like sqrt(h rho): stability interval ~0.65 s^2', () => {
    expect(rkcStages(1e-4, 1)).toBeGreaterThanOrEqual(2);
    for (const hr of [10, 100, 1000, 10000]) {
      const s = rkcStages(hr, 1);
      expect(0.653 * s * s).toBeGreaterThanOrEqual(hr);
      expect(s).toBeLessThan(2 + Math.sqrt(1.54 * hr) + 1);
    }
  });
});

describe('spectralRadius', () => {
  it('estimates the largest |eigenvalue| (with its 20% margin) by power iteration', () => {
    const y = Float64Array.from([1, 1, 1, 1]);
    const fy = new Float64Array(4);
    f(0, y, fy);
    const { rho } = spectralRadius(f, 0, y, fy, fy, 30);
    expect(rho / 1.2).toBeGreaterThan(0.95 * 400);
    expect(rho / 1.2).toBeLessThan(1.05 * 400);
  });
});

describe('rkcStep', () => {
  it('is stable far beyond explicit limits and second-order accurate on the slow mode', () => {
    const T = 1;
    const run = (steps: number) => {
      const h = T / steps;
      const s = rkcStages(h, 1.2 * 400);
      let y = Float64Array.from([1, 1, 1, 1]);
      const ws = rkcWorkspace(4);
      let f0 = new Float64Array(4);
      f(0, y, f0);
      for (let k = 0; k < steps; k++) {
        const fNew = new Float64Array(4);
        y = Float64Array.from(rkcStep(f, k * h, y, h, s, f0, fNew, 1e-6, 1e-9, ws).y);
        f0 = fNew;
      }
      return y;
    };
    // h = 0.05 is 10x an explicit Euler step's stability limit for lambda = 400 (2 / 400).
    const coarse = run(20);
    const fine = run(40);
    for (let i = 0; i < 4; i++) expect(Math.abs(coarse[i])).toBeLessThan(1);
    const err = (y: Float64Array) => Math.abs(y[0] - Math.exp(-0.5 * T));
    expect(err(coarse) / err(fine)).toBeGreaterThan(3.2); // order 2: ratio -> 4
    expect(err(coarse) / err(fine)).toBeLessThan(4.8);
  });
});
