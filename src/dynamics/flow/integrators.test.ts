import { describe, expect, it } from 'vitest';
import { dopri5Step, rk4Step, stepWorkspace, type Rhs } from './integrators.ts';

/** y' = A y with A = [[-1, 2], [-2, -1]] (a damped rotation): y(t) = e^{-t} R(2t) y0, exactly. */
const f: Rhs = (_t, y, out) => {
  out[0] = -y[0] + 2 * y[1];
  out[1] = -2 * y[0] - y[1];
};
const exact = (t: number): [number, number] => [Math.exp(-t) * Math.cos(2 * t), -Math.exp(-t) * Math.sin(2 * t)];
const y0 = () => Float64Array.from([1, 0]);

function rk4Error(h: number, T: number): number {
  let y: Float64Array = y0();
  for (let k = 0; k < Math.round(T / h); k++) y = rk4Step(f, k * h, y, h);
  const e = exact(T);
  return Math.hypot(y[0] - e[0], y[1] - e[1]);
}

describe('rk4Step', () => {
  it('converges with order 4 (error ratio ~16 when h halves)', () => {
    const ratio = rk4Error(0.02, 1) / rk4Error(0.01, 1);
    expect(ratio).toBeGreaterThan(14);
    expect(ratio).toBeLessThan(18);
  });

  it('gives the same result with and without a workspace, and never overwrites its input', () => {
    const ws = stepWorkspace(2, 5);
    const y = y0();
    const a = rk4Step(f, 0, y, 0.1);
    const b = rk4Step(f, 0, y, 0.1, ws);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(y)).toEqual([1, 0]);
    const c = rk4Step(f, 0.1, b, 0.1, ws);
    expect(c).not.toBe(b);
  });
});

describe('dopri5Step', () => {
  it('has local error O(h^6) and an embedded error estimate of the right size', () => {
    const local = (h: number) => {
      const k0 = new Float64Array(2);
      f(0, y0(), k0);
      const kLast = new Float64Array(2);
      const r = dopri5Step(f, 0, y0(), h, k0, kLast, 0, 1); // rtol 0, atol 1: err is the RMS absolute error estimate
      const e = exact(h);
      // FSAL: kLast = f(h, y_new).
      const fy = new Float64Array(2);
      f(h, r.y, fy);
      expect(Array.from(kLast)).toEqual(Array.from(fy));
      return { actual: Math.hypot(r.y[0] - e[0], r.y[1] - e[1]), estimate: r.err };
    };
    const a = local(0.1);
    const b = local(0.05);
    expect(a.actual / b.actual).toBeGreaterThan(40); // 2^6 = 64 asymptotically
    // The 4th-order embedded estimate bounds the 5th-order solution's error, and scales like h^5.
    expect(a.estimate).toBeGreaterThan(a.actual / Math.SQRT2); // RMS over 2 components vs the Euclidean norm
    expect(a.estimate / b.estimate).toBeGreaterThan(28); // 2^5 = 32 asymptotically
    expect(a.estimate / b.estimate).toBeLessThan(36);
  });
});
