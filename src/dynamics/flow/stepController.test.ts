import { describe, expect, it } from 'vitest';
import { DivergenceError } from '../../core/errors.ts';
import { errorControlled, landOn, type ErrorControlledMethod } from './stepController.ts';

/** A method whose trial error is err(h) = (h / 0.1)^(p+1): accepted exactly when h <= 0.1. */
function scripted(order: number, errAt: (h: number) => number = (h) => (h / 0.1) ** (order + 1)): ErrorControlledMethod & { tried: number[] } {
  const tried: number[] = [];
  return {
    order,
    tried,
    trial(_t, y, h, _k, kLast) {
      tried.push(h);
      kLast.fill(h);
      return { y: y.map((v) => v + h), err: errAt(h), h };
    },
  };
}

describe('errorControlled', () => {
  it('rejects a step whose error exceeds 1, shrinks it by 0.8 err^(-1/(p+1)), then accepts and grows it within [0.2, 5]', () => {
    const method = scripted(4);
    const c = errorControlled(method, new Float64Array(1), 0.2, Infinity);
    expect(c.attempt(0, Float64Array.of(0), 10).accepted).toBe(false);
    expect(c.rejected).toBe(1);
    const step = c.attempt(0, Float64Array.of(0), 10);
    expect(method.tried[1]).toBeCloseTo(0.2 * 0.8 * 2 ** -1, 15);
    expect(step).toMatchObject({ accepted: true, t: method.tried[1], y: Float64Array.of(method.tried[1]) });
    expect(step.accepted && step.dydt).toBeInstanceOf(Float64Array);
    c.attempt(method.tried[1], Float64Array.of(0), 10);
    expect(method.tried[2] / method.tried[1]).toBeCloseTo(Math.min(5, 0.8 * (method.tried[1] / 0.1) ** -1), 12);
  });

  it('lands exactly on the end of the interval when it reaches it, and never steps above maxStep', () => {
    const c = errorControlled(scripted(2, () => 1e-12), new Float64Array(1), 0.05, 0.3);
    const a = c.attempt(0.9, Float64Array.of(0), 0.93);
    expect(a.accepted && a.t).toBe(0.93);
    const method = scripted(2, () => 1e-12);
    const d = errorControlled(method, new Float64Array(1), 0.05, 0.3);
    for (let t = 0; t < 2; ) {
      const s = d.attempt(t, Float64Array.of(0), 100);
      if (s.accepted) t = s.t;
    }
    expect(Math.max(...method.tried)).toBe(0.3);
  });

  it('reports a non-finite error or a vanishing step as a divergence', () => {
    const nan = errorControlled(scripted(4, () => Number.NaN), new Float64Array(1), 0.1, Infinity);
    expect(() => nan.attempt(0, Float64Array.of(0), 1)).toThrow(DivergenceError);
    const never = errorControlled(scripted(4, () => 1e300), new Float64Array(1), 0.1, Infinity);
    expect(() => {
      for (let k = 0; k < 100; k++) never.attempt(0, Float64Array.of(0), 1);
    }).toThrow(/step size underflow/);
  });
});

describe('landOn', () => {
  it('is tEnd when the step was cut to reach it (h = tEnd - t, in which t + h may round past tEnd), else t + h', () => {
    const t = 0.007677399818565078;
    const tEnd = 33.586534143688105;
    expect(t + (tEnd - t)).not.toBe(tEnd);
    expect(landOn(t, tEnd - t, tEnd)).toBe(tEnd);
    expect(landOn(0.1, 0.1, 0.3)).toBe(0.1 + 0.1);
  });
});
