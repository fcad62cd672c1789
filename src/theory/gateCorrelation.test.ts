import { describe, expect, it } from 'vitest';
import { sigmoid } from '../model/activations.ts';
import { gaussHermite } from '../population/kernel/gaussHermite.ts';
import { pairKernel, Slot } from '../population/kernel/pairKernel.ts';
import { gateCorrelation } from './gateCorrelation.ts';
import { hermiteCoefficient } from './hermiteCoefficient.ts';

const RHOS = [-1, -0.999, -0.7, -0.2, 0, 0.01, 0.3, 0.8, 0.95, 0.9999, 1];

describe('gateCorrelation', () => {
  it('is the exact engine\'s pair kernel with routers uncorrelated with experts: K = 6 g(rho) e^3, dK/drho = 6 g\'(rho) e^3', () => {
    const out = new Float64Array(7);
    for (const rho of RHOS) {
      for (const e of [0.3, -0.8, 1]) {
        pairKernel(rho, 0, 0, 0, 0, e, gaussHermite(64), true, out);
        const { g, dg } = gateCorrelation(rho);
        expect(Math.abs(6 * g * e ** 3 - out[Slot.K])).toBeLessThan(1e-14);
        expect(Math.abs(6 * dg * e ** 3 - out[Slot.U1U2])).toBeLessThan(1e-14);
      }
    }
  });

  it('starts at the Hermite coefficients: g(0) = c0^2, g\'(0) = c1^2, and is the Mehler series at small rho', () => {
    const c = [0, 1, 2, 3, 4, 5].map((k) => hermiteCoefficient(sigmoid, k));
    expect(gateCorrelation(0).g).toBeCloseTo(c[0] ** 2, 14);
    expect(gateCorrelation(0).dg).toBeCloseTo(c[1] ** 2, 14);
    const rho = 0.05;
    const series = c[0] ** 2 + c[1] ** 2 * rho + 6 * c[3] ** 2 * rho ** 3 + 120 * c[5] ** 2 * rho ** 5;
    expect(Math.abs(gateCorrelation(rho).g - series)).toBeLessThan(1e-12);
  });

  it('is E[sig^2] at rho = 1 and rejects rho outside [-1, 1]', () => {
    const { nodes, weights } = gaussHermite(100);
    const second = nodes.reduce((s, z, i) => s + weights[i] * sigmoid(z) ** 2, 0);
    expect(Math.abs(gateCorrelation(1).g - second)).toBeLessThan(1e-14);
    expect(() => gateCorrelation(1.01)).toThrow(/rho must be in/);
  });
});
