import { pullBack } from '../model/forward.ts';
import { rowNorms, zeros, type Mat } from '../core/mat.ts';
import type { MoeParams } from '../model/params.ts';
import { directions, expertIndex, routerIndex } from '../population/gram.ts';
import { gateCorrelation } from './gateCorrelation.ts';
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
 * quadrature: the gate correlation is a Chebyshev interpolant.
 */
export function leadingOrderLossGrad(teacher: MoeParams, student: MoeParams): LeadingOrderLossGrad {
  const dirs = directions(teacher, student);
  const { m, mStar } = dirs;
  const u = dirs.units.data;
  const dim = dirs.units.cols;
  const n = dirs.units.rows;
  const G = { data: gram(u, n, dim) };
  const total = m + mStar;
  const dG = new Float64Array(n * n);
  let loss = 0;
  for (let p = 0; p < total; p++) {
    const sp = p < m ? 1 : -1;
    const ap = routerIndex(dirs, p), bp = expertIndex(dirs, p);
    if (p < m) {
      const self = selfKernel(G.data[ap * n + bp]);
      loss += 0.5 * self.h;
      dG[ap * n + bp] += 0.5 * self.dh;
    } else loss += 0.5 * selfKernel(G.data[ap * n + bp]).h;
    for (let q = p + 1; q < total; q++) {
      const c = sp * (q < m ? 1 : -1);
      const aq = routerIndex(dirs, q), bq = expertIndex(dirs, q);
      const rho = G.data[ap * n + aq], e = G.data[bp * n + bq];
      const { g, dg } = gateCorrelation(Math.max(-1, Math.min(1, rho)));
      loss += c * 6 * g * e * e * e;
      if (p >= m) continue; // teacher-teacher: a constant
      dG[ap * n + aq] += c * 6 * dg * e * e * e;
      dG[bp * n + bq] += c * 18 * g * e * e;
    }
  }
  // The derivative of a symmetric variable G_xy feeds both rows x and y.
  const gUnit = zeros(2 * m, dim);
  for (let x = 0; x < 2 * m; x++) {
    for (let y = 0; y < n; y++) {
      const c = x < y ? dG[x * n + y] : dG[y * n + x];
      if (c === 0 || x === y) continue;
      for (let k = 0; k < dim; k++) gUnit.data[x * dim + k] += c * u[y * dim + k];
    }
  }
  const part = (from: number): Mat => ({ rows: m, cols: dim, data: gUnit.data.slice(from * dim, (from + m) * dim) });
  const unit = (from: number): Mat => ({ rows: m, cols: dim, data: u.slice(from * dim, (from + m) * dim) });
  return {
    loss,
    routers: pullBack(part(0), unit(0), rowNorms(student.routers)),
    experts: pullBack(part(m), unit(m), rowNorms(student.experts)),
  };
}

/** The Gram matrix of n unit rows of width dim (row-major), unit diagonal; a local loop on one array type keeps V8 on its fast path. */
function gram(u: Float64Array, n: number, dim: number): Float64Array {
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    G[i * n + i] = 1;
    const io = i * dim;
    for (let j = i + 1; j < n; j++) {
      const jo = j * dim;
      let s = 0;
      for (let k = 0; k < dim; k++) s += u[io + k] * u[jo + k];
      G[i * n + j] = s;
      G[j * n + i] = s;
    }
  }
  return G;
}
