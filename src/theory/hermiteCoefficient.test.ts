import { describe, expect, it } from 'vitest';
import { sigmoid } from '../model/activations.ts';
import { gaussHermite } from '../population/kernel/gaussHermite.ts';
import { hermite, hermiteCoefficient } from './hermiteCoefficient.ts';

describe('hermiteCoefficient', () => {
  it('recovers the coefficients of a polynomial (z^3 = He3 + 3 He1)', () => {
    const cube = (z: number) => z ** 3;
    expect(hermiteCoefficient(cube, 3)).toBeCloseTo(1, 13);
    expect(hermiteCoefficient(cube, 1)).toBeCloseTo(3, 13);
    expect(hermiteCoefficient(cube, 0)).toBeCloseTo(0, 13);
    expect(hermiteCoefficient(cube, 2)).toBeCloseTo(0, 13);
  });

  it('gives the sigmoid c0 = 1/2, c1 = E[sig\'] (Stein), and vanishing even k >= 2', () => {
    const { nodes, weights } = gaussHermite(100);
    const meanPrime = nodes.reduce((s, z, i) => s + weights[i] * sigmoid(z) * (1 - sigmoid(z)), 0);
    expect(hermiteCoefficient(sigmoid, 0)).toBeCloseTo(0.5, 14);
    expect(Math.abs(hermiteCoefficient(sigmoid, 1) - meanPrime)).toBeLessThan(1e-14);
    for (const k of [2, 4, 6]) expect(Math.abs(hermiteCoefficient(sigmoid, k))).toBeLessThan(1e-15);
  });

  it('satisfies Mehler at rho = 1: sum c_k^2 k! -> E[sig^2]', () => {
    const { nodes, weights } = gaussHermite(100);
    const second = nodes.reduce((s, z, i) => s + weights[i] * sigmoid(z) ** 2, 0);
    let sum = 0;
    let fact = 1;
    for (let k = 0; k <= 12; k++) {
      if (k > 0) fact *= k;
      sum += hermiteCoefficient(sigmoid, k) ** 2 * fact;
    }
    // The tail beyond k = 12 is below 1e-6 (c_k^2 k! decays geometrically: 4e-5 at k = 5, 4e-6 at k = 7).
    expect(Math.abs(sum - second)).toBeLessThan(1e-5);
  });

  it('He_k follows the recurrence and rejects a bad k', () => {
    expect(hermite(3, 2)).toBe(2);
    expect(hermite(4, 1)).toBe(1 - 6 + 3);
    expect(() => hermiteCoefficient(sigmoid, 13)).toThrow(/k must be an integer/);
  });
});
