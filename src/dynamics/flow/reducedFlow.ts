import { normalizeRows, zeros, type Mat } from '../../core/mat.ts';
import type { MoeParams } from '../../model/params.ts';
import { spanCoordinates } from '../../model/span.ts';
import { integrateFlow, type FlowOptions, type FlowResult } from './integrateFlow.ts';

/**
 * Gradient flow in the span of the initial student and teacher directions.
 *
 * The gradient with respect to each direction is a combination of the other
 * directions (src/population/quadrature.ts), so the flow never leaves this
 * span, of dimension r <= 2(m + m*). Integrating the coordinates in an
 * orthonormal basis of it is therefore the same flow as in R^d, at a cost
 * independent of d. The final student is mapped back to R^d.
 */
export function integrateReducedFlow(teacher: MoeParams, student: MoeParams, opts: FlowOptions): FlowResult & { rank: number } {
  const mats = [teacher.routers, teacher.experts, student.routers, student.experts].map(normalizeRows);
  const { basis, coords } = spanCoordinates(mats);
  const [tr, te, sr, se] = coords;
  const res = integrateFlow({ routers: tr, experts: te }, { routers: sr, experts: se }, opts);
  return {
    ...res,
    student: { routers: lift(res.student.routers, basis), experts: lift(res.student.experts, basis) },
    rank: basis.rows,
  };
}

/** Rows given in basis coordinates (n x r) back in R^d: coords * basis. */
export function lift(coords: Mat, basis: Mat): Mat {
  const d = basis.cols;
  const r = basis.rows;
  const out = zeros(coords.rows, d);
  for (let i = 0; i < coords.rows; i++) {
    for (let j = 0; j < r; j++) {
      const c = coords.data[i * r + j];
      if (c === 0) continue;
      for (let k = 0; k < d; k++) out.data[i * d + k] += c * basis.data[j * d + k];
    }
  }
  return out;
}
