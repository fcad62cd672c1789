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
import { DEFAULT_PAIR_KERNEL, pairKernelByName, type PairKernelName } from './kernel/pairKernels.ts';

/** Options of the quadrature engine. */
export interface QuadratureOptions {
  /**
   * Gauss-Hermite nodes per dimension of the 2-D router integral. Default 40:
   * relative error of the loss against 96 nodes at most 2e-11 over 1,800
   * random low-d configurations (d = 2..10, generic, near-collinear and
   * cancelling; median 5e-14). 32 nodes reach 1e-9 there (9% above 1e-10:
   * large overlaps, e.g. a router and its expert at overlap 0.9, make the
   * sigmoid-times-degree-6 integrands converge slowly), though ~3e-12 at
   * high d. src/population/quadrature.test.ts checks the default. Used by
   * the kernel 'gauss-hermite' only.
   */
  nodes?: number;
  /**
   * How each pair term is computed (src/population/kernel/pairKernels.ts):
   * 'moment-table' (default: tabulated router moments, no node count) or
   * 'gauss-hermite' (2-D quadrature with `nodes`).
   */
  kernel?: PairKernelName;
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
 * with K the pair kernel (src/population/kernel/pairKernels.ts), computed from the Gram matrix of
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
  // Views, not copies: gUnit is this call's own, and the unit rows are only read.
  const routersUnit = { rows: m, cols: dim, data: gUnit.data.subarray(0, m * dim) };
  const expertsUnit = { rows: m, cols: dim, data: gUnit.data.subarray(m * dim) };
  const unitR = { rows: m, cols: dim, data: dirs.units.data.subarray(0, m * dim) };
  const unitE = { rows: m, cols: dim, data: dirs.units.data.subarray(m * dim, 2 * m * dim) };
  return {
    loss,
    routers: pullBack(routersUnit, unitR, rowNorms(student.routers)),
    experts: pullBack(expertsUnit, unitE, rowNorms(student.experts)),
    gramGradient: dG,
  };
}

/**
 * out[x] = sum_y coef[x n + y] units[y] for the first `rows` rows x (the
 * student directions; coef has a zero diagonal): a matrix product, in
 * register tiles of 4 rows x 4 coordinates (16 sums from 8 loads per y),
 * each entry one sum over y in order, so the result does not depend on the
 * tiling; rows and coordinates past the end are clamped to the last (their
 * writes repeat real entries). ~4x faster than one row update per
 * coefficient at m = 25, m* = 5 in the span.
 */
function combineRows(coef: Float64Array, n: number, rows: number, units: Float64Array, dim: number, out: Float64Array): void {
  const lastRow = rows - 1, lastCol = dim - 1;
  for (let x = 0; x < rows; x += 4) {
    const x1 = Math.min(x + 1, lastRow), x2 = Math.min(x + 2, lastRow), x3 = Math.min(x + 3, lastRow);
    const c0 = x * n, c1 = x1 * n, c2 = x2 * n, c3 = x3 * n;
    for (let k = 0; k < dim; k += 4) {
      const k1 = Math.min(k + 1, lastCol), k2 = Math.min(k + 2, lastCol), k3 = Math.min(k + 3, lastCol);
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
      let e0 = 0, e1 = 0, e2 = 0, e3 = 0, g0 = 0, g1 = 0, g2 = 0, g3 = 0;
      for (let y = 0; y < n; y++) {
        const p = coef[c0 + y], q = coef[c1 + y], r = coef[c2 + y], s = coef[c3 + y];
        const yo = y * dim;
        const u0 = units[yo + k], u1 = units[yo + k1], u2 = units[yo + k2], u3 = units[yo + k3];
        a0 += p * u0; a1 += p * u1; a2 += p * u2; a3 += p * u3;
        b0 += q * u0; b1 += q * u1; b2 += q * u2; b3 += q * u3;
        e0 += r * u0; e1 += r * u1; e2 += r * u2; e3 += r * u3;
        g0 += s * u0; g1 += s * u1; g2 += s * u2; g3 += s * u3;
      }
      const o0 = x * dim, o1 = x1 * dim, o2 = x2 * dim, o3 = x3 * dim;
      out[o0 + k] = a0; out[o0 + k1] = a1; out[o0 + k2] = a2; out[o0 + k3] = a3;
      out[o1 + k] = b0; out[o1 + k1] = b1; out[o1 + k2] = b2; out[o1 + k3] = b3;
      out[o2 + k] = e0; out[o2 + k1] = e1; out[o2 + k2] = e2; out[o2 + k3] = e3;
      out[o3 + k] = g0; out[o3 + k1] = g1; out[o3 + k2] = g2; out[o3 + k3] = g3;
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
  const kernel = opts.kernel ?? DEFAULT_PAIR_KERNEL;
  pairKernelByName(kernel, 'kernel'); // validates the name before any work
  const nodes = opts.nodes ?? DEFAULT_NODES;
  gaussHermite(nodes); // validates the node count before any work
  const n = dirs.units.rows;
  const { plan, coef, count } = planPairs(dirs, withGrad);
  // Each pair's factor comes from its four directions (src/population/kernel/pairFactorOf.ts); the
  // tabulated kernel is cheap enough that reading the correlations from one Gram matrix pays.
  const gram = kernel === 'gauss-hermite' ? undefined : dirs.gram.data;
  const out = evaluatePairs({ units: dirs.units.data, dim: dirs.units.cols, plan, count, nodes, kernel, gram });
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
