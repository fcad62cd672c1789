import { fromRows, row, toRows } from '../src/core/mat.ts';
import type { MoeParams } from '../src/model/params.ts';
import { SeedStreams } from '../src/core/streams.ts';
import { atOverlap, perturb } from './problems.ts';
import type { DrawnConfig } from './drawConfig.ts';

/** Shapes of student the engine properties visit besides a generic draw. */
export const SHAPES = ['generic', 'near-collinear', 'cancelling'] as const;
export type Shape = (typeof SHAPES)[number];

/**
 * The drawn student reshaped into a near-degenerate state, where this
 * model's interesting states live and quadrature is hardest:
 * - near-collinear (m >= 2): student 0 within 1e-6 of teacher expert 0,
 *   student 1's router at overlap 1 - 1e-8 with student 0's;
 * - cancelling (m >= 2): students 0 and 1 share a router and have opposite
 *   experts (their outputs cancel exactly);
 * - generic: unchanged.
 * Same construction as test-support/problems.ts, applied to any drawn
 * configuration (full or span coordinates).
 */
export function shapeStudent(p: DrawnConfig, shape: Shape, seed: number): MoeParams {
  if (shape === 'generic' || p.student.routers.rows < 2) return p.student;
  const rng = new SeedStreams(`shape:${seed}`).stream('shape');
  const r = toRows(p.student.routers);
  const e = toRows(p.student.experts);
  if (shape === 'near-collinear') {
    r[0] = perturb(Array.from(row(p.teacher.routers, 0)), 1e-6, rng);
    e[0] = perturb(Array.from(row(p.teacher.experts, 0)), 1e-6, rng);
    r[1] = atOverlap(r[0], 1 - 1e-8, rng);
  } else {
    r[1] = r[0].slice();
    e[1] = e[0].map((x) => -x);
  }
  return { routers: fromRows(r), experts: fromRows(e) };
}
