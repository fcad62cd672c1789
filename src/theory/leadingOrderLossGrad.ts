import { pullBack } from '../model/forward.ts';
import { rowNorms, type Mat } from '../core/mat.ts';
import type { MoeParams } from '../model/params.ts';
import { directions } from '../population/gram.ts';
import { gateCorrelationInto, type GateCorrelation } from './gateCorrelation.ts';
import { selfKernel } from './selfKernel.ts';

/** The leading-order loss and its gradient with respect to the unnormalised student rows (tangent to each row, as populationLossGrad's). */
export interface LeadingOrderLossGrad {
  loss: number;
  routers: Mat;
  experts: Mat;
}

/**
 * The population loss with every pair kernel replaced by its leading order
 * (src/theory/leadingOrder.ts):
 *   L_LO = 1/2 sum_{p != q} s_p s_q 6 g(<a_p, a_q>) <b_p, b_q>^3 + 1/2 sum_p h(<a_p, b_p>),
 * s = +1 for students and -1 for teacher experts, g the gate correlation,
 * h the self kernel. It keeps every overlap of the exact loss (all m x m*
 * and m x m router and expert overlaps, and each expert's router-expert
 * overlap through h) and drops only the cross overlaps between one expert's
 * router and another's expert inside a pair kernel, the terms of relative
 * order 1/sqrt(d) in the diagram expansion. It equals the exact loss when
 * those cross overlaps vanish (e.g. m = m* = 1 with routers orthogonal to
 * experts). Its gradient flow is the reduced multi-pair model of the later
 * recoveries (src/theory/leadingOrderFlow.ts). Cost O((m + m*)^2 dim), no
 * quadrature: the gate correlation is a Chebyshev interpolant. It forms only
 * the overlaps it uses (about half of the Gram matrix) and is called once per
 * stage of the multi-pair model's integrator, so it is written for speed.
 */
export function leadingOrderLossGrad(teacher: MoeParams, student: MoeParams): LeadingOrderLossGrad {
  const dirs = directions(teacher, student);
  const { m, mStar } = dirs;
  const u = dirs.units.data;
  const dim = dirs.units.cols;
  const total = m + mStar;
  // Only three kinds of overlap enter: router-router and expert-expert between experts, and each
  // expert's own router-expert overlap. dRho[p q] and dE[p q] (total x total, p < q) hold the loss's
  // derivatives in the first two; the cross overlaps <a_p, b_q> (p != q) are never formed.
  const dRho = new Float64Array(total * total);
  const dE = new Float64Array(total * total);
  const ra = (p: number) => (p < m ? p : m + p) * dim;
  const eb = (p: number) => (p < m ? m + p : m + mStar + p) * dim;
  let loss = 0;
  const gc: GateCorrelation = { g: 0, dg: 0 };
  const dSelf = new Float64Array(m);
  for (let p = 0; p < total; p++) {
    const sp = p < m ? 1 : -1;
    const ap = ra(p), bp = eb(p);
    const self = selfKernel(dot(u, ap, bp, dim));
    loss += 0.5 * self.h;
    if (p < m) dSelf[p] = 0.5 * self.dh;
    for (let q = p + 1; q < total; q++) {
      const c = sp * (q < m ? 1 : -1);
      const r = Math.max(-1, Math.min(1, dot(u, ap, ra(q), dim)));
      const eq = dot(u, bp, eb(q), dim);
      gateCorrelationInto(r, gc);
      loss += c * 6 * gc.g * eq * eq * eq;
      if (p >= m) continue; // teacher-teacher: a constant
      dRho[p * total + q] = c * 6 * gc.dg * eq * eq * eq;
      dE[p * total + q] = c * 18 * gc.g * eq * eq;
    }
  }
  // The derivative of a symmetric overlap G_xy feeds both rows x and y (students only: teachers are fixed).
  const gr = new Float64Array(m * dim);
  const ge = new Float64Array(m * dim);
  for (let p = 0; p < m; p++) {
    const o = p * dim;
    axpy(gr, o, dSelf[p], u, eb(p), dim);
    axpy(ge, o, dSelf[p], u, ra(p), dim);
    for (let q = 0; q < total; q++) {
      if (q === p) continue;
      const k = q > p ? p * total + q : q * total + p;
      axpy(gr, o, dRho[k], u, ra(q), dim);
      axpy(ge, o, dE[k], u, eb(q), dim);
    }
  }
  const unit = (from: number): Mat => ({ rows: m, cols: dim, data: u.slice(from * dim, (from + m) * dim) });
  return {
    loss,
    routers: pullBack({ rows: m, cols: dim, data: gr }, unit(0), rowNorms(student.routers)),
    experts: pullBack({ rows: m, cols: dim, data: ge }, unit(m), rowNorms(student.experts)),
  };
}

/** <u[i..i+dim), u[j..j+dim)> with four partial sums (independent add chains; the order is fixed, so results are deterministic). */
function dot(u: Float64Array, i: number, j: number, dim: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k = 0;
  for (; k + 3 < dim; k += 4) {
    s0 += u[i + k] * u[j + k];
    s1 += u[i + k + 1] * u[j + k + 1];
    s2 += u[i + k + 2] * u[j + k + 2];
    s3 += u[i + k + 3] * u[j + k + 3];
  }
  for (; k < dim; k++) s0 += u[i + k] * u[j + k];
  return (s0 + s1) + (s2 + s3);
}

/** y[o..o+dim) += c x[j..j+dim). */
function axpy(y: Float64Array, o: number, c: number, x: Float64Array, j: number, dim: number): void {
  if (c === 0) return;
  for (let k = 0; k < dim; k++) y[o + k] += c * x[j + k];
}
