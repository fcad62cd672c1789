import { describe, expect, it } from 'vitest';
import { escapeTime } from './escapeTime.ts';
import { integrateTo } from './integrateTo.ts';
import { leadingOrder } from './leadingOrder.ts';

describe('escapeTime', () => {
  it('is the first passage of dr/dt = kappa r^2 (1 - r^2), integrated numerically', () => {
    const { kappa } = leadingOrder();
    for (const [r0, th] of [[1e-3, 0.9], [0.05, 0.9], [0.3, 0.5], [1e-5, 0.99]]) {
      // t as a function of u = ln r: dt/du = 1 / (kappa r (1 - r^2)).
      const [t] = integrateTo((u, _y, out) => {
        const r = Math.exp(u);
        out[0] = 1 / (kappa * r * (1 - r * r));
      }, Math.log(r0), Math.log(th), [0]);
      expect(Math.abs(escapeTime(r0, th) - t)).toBeLessThan(1e-9 * t);
    }
  });

  it('scales like sqrt(d) / (kappa z) for r0 = z / sqrt(d)', () => {
    const { kappa } = leadingOrder();
    const z = 1.7;
    for (const d of [1e4, 1e8]) expect(Math.abs(escapeTime(z / Math.sqrt(d), 0.9) * kappa * z / Math.sqrt(d) - 1)).toBeLessThan(2 / Math.sqrt(d));
  });

  it('rejects overlaps that never escape and bad thresholds', () => {
    expect(() => escapeTime(-0.01, 0.9)).toThrow(/r0 must be in/);
    expect(() => escapeTime(0, 0.9)).toThrow(/r0 must be in/);
    expect(() => escapeTime(0.1, 1)).toThrow(/threshold must be in/);
  });
});
