import { describe, expect, it } from 'vitest';
import { exprb43Step, exprb43Workspace } from './exprb43.ts';
import { rk4Step, type Rhs } from './integrators.ts';

/**
 * A stiff nonlinear gradient flow, the shape of this model's: y' = -grad V with
 * V = sum_i lambda_i y_i^2 / 2 + (sum_i y_i)^4 / 4 + y_0^2 y_1^2 / 2 (Jacobian minus a
 * symmetric Hessian, eigenvalues up to ~1000).
 */
const LAMBDA = [0.5, 3, 40, 400, 1000];
const f: Rhs = (_t, y, out) => {
  let s = 0;
  for (const v of y) s += v;
  for (let i = 0; i < y.length; i++) out[i] = -LAMBDA[i] * y[i] - s * s * s;
  out[0] -= y[0] * y[1] * y[1];
  out[1] -= y[1] * y[0] * y[0];
};

/** rk4 with step 1e-4 (h lambda <= 0.1): a reference accurate to ~1e-13 here. */
function reference(y0: Float64Array, T: number): Float64Array {
  let y = y0;
  for (let k = 0; k < Math.round(T / 1e-4); k++) y = Float64Array.from(rk4Step(f, k * 1e-4, y, 1e-4));
  return y;
}

/** The state at t = 0.5 from (1, -0.5, 0.3, 0.2, -0.1): the fast modes have relaxed onto the slow manifold. */
const START = reference(Float64Array.from([1, -0.5, 0.3, 0.2, -0.1]), 0.5);
const END = reference(START, 2);

function fixedSteps(h: number): { y: Float64Array; evaluations: number } {
  const ws = exprb43Workspace(5, 5);
  let y = START.slice();
  let f0 = new Float64Array(5);
  f(0, y, f0);
  let evaluations = 0;
  for (let k = 0; k < Math.round(2 / h); k++) {
    const fNew = new Float64Array(5);
    const r = exprb43Step(f, k * h, y, h, f0, fNew, 1e-12, 1e-14, ws);
    expect(r.krylovConverged).toBe(true);
    y = r.y.slice();
    f0 = fNew;
    evaluations += r.evaluations;
  }
  return { y, evaluations };
}

const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

describe('exprb43Step', () => {
  it('converges with order 4 on a stiff problem, at steps 400x beyond explicit stability (h lambda_max = 400)', () => {
    const errors = [0.4, 0.2, 0.1].map((h) => maxDiff(fixedSteps(h).y, END));
    // Measured ratios 14.9 and 14.2 (order 4 gives 16; the products are finite differences).
    expect(errors[0] / errors[1]).toBeGreaterThan(12);
    expect(errors[1] / errors[2]).toBeGreaterThan(12);
    expect(errors[0]).toBeLessThan(1e-4);
  });

  it('is exact on a linear stiff flow (the remainders vanish; only the Krylov and difference errors remain)', () => {
    const lin: Rhs = (_t, y, out) => y.forEach((v, i) => (out[i] = -LAMBDA[i] * v));
    const y0 = Float64Array.from([1, 1, 1, 1, 1]);
    const f0 = new Float64Array(5);
    lin(0, y0, f0);
    const r = exprb43Step(lin, 0, y0, 0.7, f0, new Float64Array(5), 1e-10, 1e-12, exprb43Workspace(5, 5));
    LAMBDA.forEach((l, i) => expect(Math.abs(r.y[i] - Math.exp(-0.7 * l))).toBeLessThan(1e-8));
  });

  it('overestimates its local error on the slow manifold (the estimate is that of the embedded order-3 solution), never underestimates', () => {
    // Measured estimate / error: 69, 22 and 8.5 at h = 0.05, 0.2, 0.8.
    for (const h of [0.05, 0.2, 0.8]) {
      const f0 = new Float64Array(5);
      f(0, START, f0);
      const r = exprb43Step(f, 0, START, h, f0, new Float64Array(5), 1e-8, 1e-10, exprb43Workspace(5, 5));
      const exact = reference(START, h);
      let actual = 0;
      for (let i = 0; i < 5; i++) actual += ((r.y[i] - exact[i]) / (1e-10 + 1e-8 * Math.max(Math.abs(START[i]), Math.abs(r.y[i])))) ** 2;
      actual = Math.sqrt(actual / 5);
      expect(r.err, `h = ${h}`).toBeGreaterThan(actual);
      expect(r.err, `h = ${h}`).toBeLessThan(200 * actual);
    }
  });
});
