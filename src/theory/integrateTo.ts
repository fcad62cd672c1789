import { dopri5Controller } from '../dynamics/flow/dopri5Control.ts';
import type { Rhs } from '../dynamics/flow/integrators.ts';

/** Tolerances of {@link integrateTo} (defaults 1e-11 relative, 1e-13 absolute: the theory's curves are far cheaper than the flow). */
export interface IntegrateToOptions {
  rtol?: number;
  atol?: number;
}

/**
 * y(x1) for y' = f(x, y), y(x0) = y0, x1 > x0, by the flow's adaptive
 * Dormand-Prince 5(4) step control (src/dynamics/flow/dopri5Control.ts),
 * landing exactly on x1. The theory's predictions are first-passage
 * quantities written with the passing coordinate as the independent
 * variable (time as a function of the overlap), so a fixed end point
 * replaces event location. Throws when the state stops being finite or the
 * step underflows (the controller's DivergenceError), or after 10^6 steps.
 */
export function integrateTo(f: Rhs, x0: number, x1: number, y0: ArrayLike<number>, opts: IntegrateToOptions = {}): Float64Array {
  if (!(x1 >= x0)) throw new RangeError(`integrateTo: needs x1 >= x0, found x0 = ${x0}, x1 = ${x1}`);
  let y: Float64Array = Float64Array.from(y0);
  if (x1 === x0) return y;
  const k0 = new Float64Array(y.length);
  f(x0, y, k0);
  const ctl = dopri5Controller(f, k0, opts.rtol ?? 1e-11, opts.atol ?? 1e-13, (x1 - x0) / 100, Infinity);
  let x = x0;
  for (let guard = 0; guard < 1_000_000 && x < x1; guard++) {
    const a = ctl.attempt(x, y, x1);
    if (!a.accepted) continue;
    x = a.t;
    y = a.y;
  }
  if (x < x1) throw new RangeError('integrateTo: too many steps');
  return Float64Array.from(y);
}
