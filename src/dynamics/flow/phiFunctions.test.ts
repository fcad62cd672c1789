import { describe, expect, it } from 'vitest';
import { phiFunctions, SERIES_LIMIT } from './phiFunctions.ts';

/** phi_k(z) from its definition with expm1 (accurate where the recurrence is, |z| >= 1e-2, k <= 2). */
const phi1 = (z: number) => Math.expm1(z) / z;
const phi2 = (z: number) => (Math.expm1(z) - z) / (z * z);

describe('phiFunctions', () => {
  it('equals 1/k! at 0 and the closed forms phi_1 = (e^z - 1)/z, phi_2 = (e^z - 1 - z)/z^2 elsewhere', () => {
    const out = new Float64Array(5);
    expect(Array.from(phiFunctions(0, 4, out))).toEqual([1, 1, 0.5, 1 / 6, 1 / 24]);
    for (const z of [-500, -20, -4.5, -3, -0.5, 0.7, 3.9, 4.1, 12]) {
      phiFunctions(z, 4, out);
      expect(out[0]).toBeCloseTo(Math.exp(z), 12);
      expect(Math.abs(out[1] / phi1(z) - 1)).toBeLessThan(1e-14);
      expect(Math.abs(out[2] / phi2(z) - 1)).toBeLessThan(1e-12);
    }
  });

  it('satisfies phi_{k+1}(z) z = phi_k(z) - 1/k! to rounding, and is continuous where the series hands over to the recurrence', () => {
    const out = new Float64Array(5);
    for (const z of [-50, -SERIES_LIMIT, -1e-3, 1e-3, 2, SERIES_LIMIT]) {
      phiFunctions(z, 4, out);
      const fact = [1, 1, 2, 6];
      for (let k = 0; k < 4; k++) expect(Math.abs(out[k + 1] * z - (out[k] - 1 / fact[k]))).toBeLessThan(1e-15 * Math.max(1, Math.abs(out[k])));
    }
    const below = phiFunctions(SERIES_LIMIT * (1 - 1e-12), 4, new Float64Array(5));
    const above = phiFunctions(SERIES_LIMIT * (1 + 1e-12), 4, new Float64Array(5));
    for (let k = 0; k <= 4; k++) expect(Math.abs(above[k] / below[k] - 1)).toBeLessThan(1e-11);
  });
});
