import { describe, expect, it } from 'vitest';
import { autoController, DOPRI5_STABILITY } from './autoControl.ts';
import { dopri5Controller } from './dopri5Control.ts';
import { dopri5Step, type Rhs } from './integrators.ts';

/** dopri5's stability function R(z): one step of size 1 on y' = z y from y = 1. */
function stability(z: number): number {
  const f: Rhs = (_t, y, out) => void (out[0] = z * y[0]);
  return dopri5Step(f, 0, Float64Array.of(1), 1, Float64Array.of(z), new Float64Array(1), 1, 1).y[0];
}

/**
 * A stiff, slow gradient flow like this model's plateaus (the exponential family needs a
 * symmetric Jacobian: f = -grad V), V = eps s^2 / 2 - s^3 / 3 + s^4 / 4 + 10 (u - s^2)^2
 * + 100 (w - s)^2: a slow mode that escapes a saddle like the overlaps do (s' ~ s^2 (1 - s) on
 * the slow manifold, from 2e-3 in ~500 time units) and fast modes u, w with rates 20 and 200.
 */
const EPS = 1e-4;
const slowStiff: Rhs = (_t, y, out) => {
  const [s, u, w] = y;
  out[0] = -EPS * s + s * s - s * s * s + 40 * (u - s * s) * s + 200 * (w - s);
  out[1] = -20 * (u - s * s);
  out[2] = -200 * (w - s);
};

/** Runs a controller from y0 to T; returns the state, accepted steps and evaluations. */
function run(make: (f: Rhs, k0: Float64Array) => ReturnType<typeof dopri5Controller>, y0: number[], T: number) {
  let evaluations = 0;
  const f: Rhs = (t, y, out) => {
    evaluations++;
    slowStiff(t, y, out);
  };
  let y = Float64Array.from(y0);
  const k0 = new Float64Array(y.length);
  f(0, y, k0);
  const c = make(f, k0);
  let t = 0, steps = 0;
  while (t < T) {
    const a = c.attempt(t, y, T);
    if (!a.accepted) continue;
    t = a.t;
    y = Float64Array.from(a.y);
    steps++;
  }
  return { y, steps, evaluations, controller: c };
}

describe('autoController', () => {
  it('uses the stability interval of dopri5: |R(z)| <= 1 on [-3.3, 0], > 1 just beyond', () => {
    for (let z = 0; z >= -DOPRI5_STABILITY; z -= 0.05) expect(Math.abs(stability(z)), `z = ${z}`).toBeLessThanOrEqual(1);
    expect(Math.abs(stability(-3.35))).toBeGreaterThan(1);
  });

  it('on a stiff, slow flow switches to the exponential family, needs far fewer evaluations than dopri5, and stays within 1e-6 of the exact flow', () => {
    const y0 = [2e-3, 4e-6, 2e-3];
    const T = 900; // the escape from 2e-3 takes ~500 time units
    const tight = run((f, k0) => dopri5Controller(f, k0, 1e-12, 1e-14, 1e-3, Infinity), y0, T);
    const explicit = run((f, k0) => dopri5Controller(f, k0, 1e-8, 1e-10, 1e-3, Infinity), y0, T);
    const auto = run((f, k0) => autoController(f, k0, 1e-8, 1e-10, 1e-3, Infinity), y0, T);
    const stats = (auto.controller as ReturnType<typeof autoController>).stats;
    expect(stats.switches).toBeGreaterThanOrEqual(1);
    expect(stats.exponentialTime).toBeGreaterThan(0.5 * T);
    expect(auto.evaluations).toBeLessThan(0.2 * explicit.evaluations);
    const err = (r: { y: Float64Array }) => Math.max(...Array.from(r.y, (v, i) => Math.abs(v - tight.y[i])));
    // The exponential steps work at 10x the tolerances (EXPONENTIAL_TOLERANCE_FACTOR): measured 4.3e-8 here, dopri5 1.5e-10.
    expect(err(explicit)).toBeLessThan(1e-8);
    expect(err(auto)).toBeLessThan(1e-6);
  });

  it('on a flow that is not stiff stays on dopri5 and takes exactly its steps', () => {
    const gentle: Rhs = (_t, y, out) => void ((out[0] = -y[1]), (out[1] = y[0]));
    const y0 = Float64Array.of(1, 0);
    const k0 = Float64Array.of(0, 1);
    const a = autoController(gentle, k0.slice(), 1e-8, 1e-10, 0.01, Infinity);
    const b = dopri5Controller(gentle, k0.slice(), 1e-8, 1e-10, 0.01, Infinity);
    let ya = y0, yb = y0, t = 0;
    while (t < 10) {
      const sa = a.attempt(t, ya, 10), sb = b.attempt(t, yb, 10);
      expect(sa.accepted).toBe(sb.accepted);
      if (!sa.accepted || !sb.accepted) continue;
      expect(sa.t).toBe(sb.t);
      expect(Array.from(sa.y)).toEqual(Array.from(sb.y));
      ya = Float64Array.from(sa.y);
      yb = Float64Array.from(sb.y);
      t = sa.t;
    }
    expect(a.stats.switches).toBe(0);
  });
});
