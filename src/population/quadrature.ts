import { zeros, type Mat } from '../core/mat.ts';
import { pullBack } from '../model/forward.ts';
import type { MoeParams } from '../model/params.ts';
import { rowNorms } from '../core/mat.ts';
import { gaussHermite } from './kernel/gaussHermite.ts';
import { directions, type Directions } from './gram.ts';
import { OUT_STRIDE, PLAN_STRIDE } from './kernel/pairBatch.ts';
import { Slot } from './kernel/pairKernel.ts';
import { evaluatePairs } from './kernel/parallelism.ts';
import { planPair, routerOrder } from './pairPlan.ts';

/** Options of the quadrature engine. */
export interface QuadratureOptions {
  /**
   * Gauss-Hermite nodes per dimension of the 2-D router integral. Default 40:
   * relative error of the loss against 96 nodes at most 2e-11 over 1,800
   * random low-d configurations (d = 2..10, generic, near-collinear and
   * cancelling; median 5e-14). 32 nodes reach 1e-9 there (9% above 1e-10:
   * large overlaps, e.g. a router and its expert at overlap 0.9, make the
   * sigmoid-times-degree-6 integrands converge slowly), though ~3e-12 at
   * high d. src/population/quadrature.test.ts checks the default.
   */
  nodes?: number;
}

/** Default number of Gauss-Hermite nodes. */
export const DEFAULT_NODES = 40;

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
 *
 * L >= 0 exactly, but near an optimum the terms cancel and the value can come
 * out below 0 by rounding, down to roundingFloor(sum |terms|)
 * (src/core/rounding.ts; e.g. -4.45e-15 at a converged flow). It is returned
 * as computed, never clamped; {@link populationLossTerms} also gives the
 * magnitude that bounds the rounding.
 */
export function populationLoss(teacher: MoeParams, student: MoeParams, opts: QuadratureOptions = {}): number {
  return accumulate(directions(teacher, student), opts, false).loss;
}

/**
 * The population loss as {@link populationLoss} computes it, and the sum of
 * the magnitudes of its pair terms, sum_{p <= q} |c_pq K(p, q)|: the scale of
 * its rounding (a value below roundingFloor(magnitude) of src/core/rounding.ts
 * is not rounding but a defect).
 */
export function populationLossTerms(teacher: MoeParams, student: MoeParams, opts: QuadratureOptions = {}): { loss: number; magnitude: number } {
  const { loss, magnitude } = accumulate(directions(teacher, student), opts, false);
  return { loss, magnitude };
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
  const n = dirs.units.rows;
  const gUnit = zeros(2 * m, dim);
  combineRows(dG.data, n, 2 * m, dirs.units.data, dim, gUnit.data);
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

/**
 * out[x] = sum_{y != x} coef[x n + y] units[y] for the first `rows` rows x
 * (the student directions); zero coefficients are skipped. Unrolled by hand:
 * V8 keeps it ~8x slower otherwise, and the order of the additions (over y,
 * per entry) is that of the plain loop, so the sums are the same to the bit.
 */
function combineRows(coef: Float64Array, n: number, rows: number, units: Float64Array, dim: number, out: Float64Array): void {
  for (let x = 0; x < rows; x++) {
    const xo = x * dim;
    for (let y = 0; y < n; y++) {
      const c = coef[x * n + y];
      if (c === 0 || y === x) continue;
      const yo = y * dim;
      let k = 0;
      for (; k + 3 < dim; k += 4) {
        out[xo + k] += c * units[yo + k];
        out[xo + k + 1] += c * units[yo + k + 1];
        out[xo + k + 2] += c * units[yo + k + 2];
        out[xo + k + 3] += c * units[yo + k + 3];
      }
      for (; k < dim; k++) out[xo + k] += c * units[yo + k];
    }
  }
}

/**
 * Sums the pair kernels (and, with `withGrad`, their Gram derivatives). The
 * pairs are planned here, evaluated by {@link evaluatePairs} (on one thread,
 * or split between threads: src/population/kernel/parallelism.ts) and summed here in
 * the planned order, so the result does not depend on the thread count.
 */
function accumulate(dirs: Directions, opts: QuadratureOptions, withGrad: boolean): { loss: number; magnitude: number; dG: Mat } {
  const nodes = opts.nodes ?? DEFAULT_NODES;
  gaussHermite(nodes); // validates the node count before any work
  const n = dirs.units.rows;
  const { plan, coef, count } = planPairs(dirs, withGrad);
  // Each pair's factor comes from its four directions (src/population/kernel/pairFactorOf.ts).
  const out = evaluatePairs({ units: dirs.units.data, dim: dirs.units.cols, plan, count, nodes });
  const dG = zeros(n, n);
  let sum = 0;
  let comp = 0;
  let magnitude = 0;
  for (let k = 0; k < count; k++) {
    const c = coef[k];
    const r = OUT_STRIDE * k;
    // Neumaier-compensated sum of c * K.
    const term = c * out[r + Slot.K];
    magnitude += Math.abs(term);
    const t = sum + term;
    comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    const o = PLAN_STRIDE * k;
    if (plan[o + 4] === 0) continue;
    const rp = plan[o], rq = plan[o + 1], ep = plan[o + 2], eq = plan[o + 3];
    addSym(dG, rp, rq, c * out[r + Slot.U1U2]);
    addSym(dG, rp, ep, c * out[r + Slot.U1W1]);
    addSym(dG, rp, eq, c * out[r + Slot.U1W2]);
    addSym(dG, ep, rq, c * out[r + Slot.U2W1]);
    addSym(dG, rq, eq, c * out[r + Slot.U2W2]);
    addSym(dG, ep, eq, c * out[r + Slot.W1W2]);
  }
  return { loss: sum + comp, magnitude, dG };
}

/**
 * Every pair p <= q of experts (students first, then the teacher's) with the
 * rows of its four directions (in the pair order of pairPlan.ts), whether its derivatives are needed, and its
 * coefficient in L = sum_{p <= q} coef K(p, q): s_p s_q, halved on the
 * diagonal (s = +1 for students, -1 for teacher experts).
 */
function planPairs(dirs: Directions, withGrad: boolean): { plan: Int32Array; coef: Float64Array; count: number } {
  const { m, mStar } = dirs;
  const total = m + mStar;
  const count = (total * (total + 1)) / 2;
  const plan = new Int32Array(PLAN_STRIDE * count);
  const coef = new Float64Array(count);
  const first = routerOrder(dirs);
  let k = 0;
  for (let p = 0; p < total; p++) {
    for (let q = p; q < total; q++, k++) {
      // Teacher-teacher terms are constants: no derivative needed.
      planPair(dirs, first, p, q, withGrad && p < m, plan, k);
      const sign = (p < m ? 1 : -1) * (q < m ? 1 : -1);
      coef[k] = p === q ? 0.5 * sign : sign;
    }
  }
  return { plan, coef, count };
}

/** Adds v to the derivative of the symmetric Gram variable {i, j}; the diagonal is fixed and skipped. */
function addSym(dG: Mat, i: number, j: number, v: number): void {
  if (i === j) return;
  const n = dG.cols;
  dG.data[i * n + j] += v;
  dG.data[j * n + i] += v;
}
