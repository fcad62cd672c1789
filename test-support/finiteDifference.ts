import { dot } from '../src/core/dot.ts';
import { clone, type Mat } from '../src/core/mat.ts';
import type { MoeParams } from '../src/model/params.ts';
import type { Rng } from '../src/core/streams.ts';

/** A direction in parameter space: one matrix per part, shaped like the parameters. */
export interface ParamDirection {
  routers: Mat;
  experts: Mat;
}

/** A random direction with i.i.d. N(0, 1) entries in every router and expert row. */
export function randomDirection(p: MoeParams, rng: Rng): ParamDirection {
  const r = clone(p.routers);
  const e = clone(p.experts);
  rng.fillNormal(r.data);
  rng.fillNormal(e.data);
  return { routers: r, experts: e };
}

/** p + t * dir (unnormalised: the engines must handle any row length). */
export function step(p: MoeParams, dir: ParamDirection, t: number): MoeParams {
  const r = clone(p.routers);
  const e = clone(p.experts);
  for (let k = 0; k < r.data.length; k++) r.data[k] += t * dir.routers.data[k];
  for (let k = 0; k < e.data.length; k++) e.data[k] += t * dir.experts.data[k];
  return { routers: r, experts: e };
}

/**
 * Central difference (f(p + h dir) - f(p - h dir)) / 2h, with the fourth-
 * order Richardson correction (8 [f(h) - f(-h)] - [f(2h) - f(-2h)]) / 12h:
 * truncation O(h^4), so h ~ 1e-3 gives both small truncation (~1e-12) and
 * small rounding (~1e-16 |f| / h).
 */
export function directionalDifference(f: (p: MoeParams) => number, p: MoeParams, dir: ParamDirection, h: number): number {
  const d1 = f(step(p, dir, h)) - f(step(p, dir, -h));
  const d2 = f(step(p, dir, 2 * h)) - f(step(p, dir, -2 * h));
  return (8 * d1 - d2) / (12 * h);
}

/** <grad, dir> summed over routers and experts. */
export function directional(grad: ParamDirection, dir: ParamDirection): number {
  return dot(grad.routers.data, dir.routers.data) + dot(grad.experts.data, dir.experts.data);
}
