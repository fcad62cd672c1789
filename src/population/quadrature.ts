import { zeros, type Mat } from '../model/mat.ts';
import { pullBack } from '../model/forward.ts';
import type { MoeParams } from '../model/params.ts';
import { rowNorms } from '../model/mat.ts';
import { gaussHermite } from './gaussHermite.ts';
import { directions, expertIndex, routerIndex, type Directions } from './gram.ts';
import { pairKernel, Slot } from './pairKernel.ts';

/** Options of the quadrature engine. */
export interface QuadratureOptions {
  /**
   * Gauss-Hermite nodes per dimension of the 2-D router integral. Default 32:
   * relative error of the loss ~1e-12 or better on the tests' configurations
   * (src/population/quadrature.test.ts measures it against 96 nodes).
   */
  nodes?: number;
}

/** Default number of Gauss-Hermite nodes. */
export const DEFAULT_NODES = 32;

/** Population loss and its gradient with respect to the unnormalised student parameters. */
export interface PopulationLossGrad {
  loss: number;
  routers: Mat;
  experts: Mat;
  /** dL/dG for every pair of directions (symmetric, zero diagonal), in the {@link Directions} order. */
  gramGradient: Mat;
}

/**
 * Exact population loss L = 1/2 E[(f(x) - f*(x))^2], x ~ N(0, I_d):
 *   L = 1/2 sum_{p,q} s_p s_q K(p, q),  s = +1 for students, -1 for teacher experts,
 * with K the pair kernel ({@link pairKernel}), computed from the Gram matrix of
 * normalised directions at a cost independent of d. Summed with Neumaier's
 * compensation so that exactly cancelling terms (a student equal to a
 * teacher; a cancelling pair) cancel to rounding level.
 */
export function populationLoss(teacher: MoeParams, student: MoeParams, opts: QuadratureOptions = {}): number {
  return accumulate(directions(teacher, student), opts, false).loss;
}

/**
 * Population loss and gradient. The gradient with respect to unit direction x
 * is sum_{y != x} dL/dG_xy y (the diagonal of G is fixed at 1); pulled back
 * through the normalisation it becomes (I - x x^T) g / |theta_x|, the
 * gradient with respect to the unnormalised row theta_x, orthogonal to it.
 */
export function populationLossGrad(
  teacher: MoeParams, student: MoeParams, opts: QuadratureOptions = {},
): PopulationLossGrad {
  const dirs = directions(teacher, student);
  const { loss, dG } = accumulate(dirs, opts, true);
  const m = dirs.m;
  const dim = dirs.units.cols;
  const n = dirs.gram.rows;
  const gUnit = zeros(2 * m, dim);
  for (let x = 0; x < 2 * m; x++) {
    for (let y = 0; y < n; y++) {
      const c = dG.data[x * n + y];
      if (c === 0 || y === x) continue;
      for (let k = 0; k < dim; k++) gUnit.data[x * dim + k] += c * dirs.units.data[y * dim + k];
    }
  }
  const routersUnit = { rows: m, cols: dim, data: gUnit.data.slice(0, m * dim) };
  const expertsUnit = { rows: m, cols: dim, data: gUnit.data.slice(m * dim) };
  const unitR = { rows: m, cols: dim, data: dirs.units.data.slice(0, m * dim) };
  const unitE = { rows: m, cols: dim, data: dirs.units.data.slice(m * dim, 2 * m * dim) };
  return {
    loss,
    routers: pullBack(routersUnit, unitR, rowNorms(student.routers)),
    experts: pullBack(expertsUnit, unitE, rowNorms(student.experts)),
    gramGradient: dG,
  };
}

/** Sums the pair kernels (and, with `withGrad`, their Gram derivatives). */
function accumulate(dirs: Directions, opts: QuadratureOptions, withGrad: boolean): { loss: number; dG: Mat } {
  const rule = gaussHermite(opts.nodes ?? DEFAULT_NODES);
  const { m, mStar, gram } = dirs;
  const n = gram.rows;
  const G = gram.data;
  const total = m + mStar;
  const dG = zeros(n, n);
  const out = new Float64Array(7);
  let sum = 0;
  let comp = 0;
  for (let p = 0; p < total; p++) {
    const rp = routerIndex(dirs, p), ep = expertIndex(dirs, p);
    for (let q = p; q < total; q++) {
      const rq = routerIndex(dirs, q), eq = expertIndex(dirs, q);
      const sign = (p < m ? 1 : -1) * (q < m ? 1 : -1);
      const c = p === q ? 0.5 * sign : sign;
      // Teacher-teacher terms are constants: no derivative needed.
      const deriv = withGrad && p < m;
      const r = p === q ? 1 : G[rp * n + rq];
      const e = p === q ? 1 : G[ep * n + eq];
      pairKernel(r, G[rp * n + ep], G[rp * n + eq], G[ep * n + rq], G[rq * n + eq], e, rule, deriv, out);
      // Neumaier-compensated sum of c * K.
      const term = c * out[Slot.K];
      const t = sum + term;
      comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
      sum = t;
      if (!deriv) continue;
      addSym(dG, rp, rq, c * out[Slot.U1U2]);
      addSym(dG, rp, ep, c * out[Slot.U1W1]);
      addSym(dG, rp, eq, c * out[Slot.U1W2]);
      addSym(dG, ep, rq, c * out[Slot.U2W1]);
      addSym(dG, rq, eq, c * out[Slot.U2W2]);
      addSym(dG, ep, eq, c * out[Slot.W1W2]);
    }
  }
  return { loss: sum + comp, dG };
}

/** Adds v to the derivative of the symmetric Gram variable {i, j}; the diagonal is fixed and skipped. */
function addSym(dG: Mat, i: number, j: number, v: number): void {
  if (i === j) return;
  const n = dG.cols;
  dG.data[i * n + j] += v;
  dG.data[j * n + i] += v;
}
