import { describe, expect, it } from 'vitest';
import { gaussHermite } from './gaussHermite.ts';

/** E[Z^k] for Z ~ N(0,1): (k-1)!! for even k, 0 for odd k. */
function normalMoment(k: number): number {
  if (k % 2) return 0;
  let p = 1;
  for (let j = k - 1; j > 1; j -= 2) p *= j;
  return p;
}

describe('gaussHermite', () => {
  it.each([1, 2, 5, 12, 24, 48, 100, 160])('n = %i integrates polynomials of degree <= 2n-1 exactly', (n) => {
    const { nodes, weights } = gaussHermite(n);
    for (let k = 0; k <= Math.min(2 * n - 1, 24); k++) {
      let s = 0;
      let scale = 0; // sum of |terms|: the rounding error of the sum is relative to it
      for (let i = 0; i < n; i++) {
        s += weights[i] * nodes[i] ** k;
        scale += weights[i] * Math.abs(nodes[i]) ** k;
      }
      expect(Math.abs(s - normalMoment(k))).toBeLessThanOrEqual(1e-13 * Math.max(1, scale));
    }
  });

  it('converges geometrically on E[sigmoid(Z)^2]: 1e-10 at 24 nodes, 1e-14 at 48 (vs 160)', () => {
    const f = (z: number) => (1 / (1 + Math.exp(-z))) ** 2;
    const q = (n: number) => {
      const { nodes, weights } = gaussHermite(n);
      return nodes.reduce((s, x, i) => s + weights[i] * f(x), 0);
    };
    expect(Math.abs(q(24) - q(160))).toBeLessThan(1e-10);
    expect(Math.abs(q(48) - q(160))).toBeLessThan(1e-14);
  });

  it('rejects a bad node count', () => {
    expect(() => gaussHermite(0)).toThrow(/n must be an integer/);
  });
});
