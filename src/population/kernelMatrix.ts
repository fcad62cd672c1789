import { zeros, type Mat } from '../core/mat.ts';
import type { MoeParams } from '../model/params.ts';
import { directions } from './gram.ts';
import { gaussHermite } from './kernel/gaussHermite.ts';
import { OUT_STRIDE, PLAN_STRIDE } from './kernel/pairBatch.ts';
import { Slot } from './kernel/pairKernel.ts';
import { evaluatePairs } from './kernel/parallelism.ts';
import { planPair, routerOrder } from './pairPlan.ts';
import { DEFAULT_PAIR_KERNEL, pairKernelByName } from './kernel/pairKernels.ts';
import { DEFAULT_NODES, type QuadratureOptions } from './quadrature.ts';

/**
 * The m x m matrix of inner products of the experts' output functions,
 * K_ij = E[f_i(x) f_j(x)] with f_i(x) = sig(<v_i,x>) He3(<w_i,x>), x ~ N(0, I).
 * The squared L2 norm of the summed output of a group G of experts is
 * sum_{i,j in G} K_ij; a group whose outputs cancel (pruning, claim C4) has it
 * ~0. Computed as the population loss computes its terms: the same unit
 * directions, the same pair order (pairPlan.ts), each pair's factor from its
 * four directions (src/population/kernel/pairFactorOf.ts, Gram-Schmidt where
 * routers are nearly collinear; with the tabulated kernel, correlations read
 * from the same Gram matrix) and the same pair kernel (`opts`, as the loss
 * takes them: default 'moment-table'), so K_ij has the bits
 * of the loss's term for that pair and the two members of a cancelling pair
 * cancel as they do in the loss (kernelMatrix.test.ts measures the
 * difference with the Gram-entry route).
 */
export function kernelMatrix(p: MoeParams, opts: QuadratureOptions = {}): Mat {
  const nodes = opts.nodes ?? DEFAULT_NODES;
  const kernel = opts.kernel ?? DEFAULT_PAIR_KERNEL;
  gaussHermite(nodes); // validates the node count before any work
  pairKernelByName(kernel, 'kernel');
  const none = { routers: zeros(0, p.routers.cols), experts: zeros(0, p.experts.cols) };
  const dirs = directions(none, p);
  const m = dirs.m;
  const count = (m * (m + 1)) / 2;
  const plan = new Int32Array(PLAN_STRIDE * count);
  const first = routerOrder(dirs);
  const pairs: [number, number][] = [];
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      planPair(dirs, first, i, j, false, plan, pairs.length);
      pairs.push([i, j]);
    }
  }
  const gram = kernel === 'gauss-hermite' ? undefined : dirs.gram.data;
  const out = evaluatePairs({ units: dirs.units.data, dim: dirs.units.cols, plan, count, nodes, kernel, gram });
  const K = zeros(m, m);
  pairs.forEach(([i, j], k) => {
    K.data[i * m + j] = out[OUT_STRIDE * k + Slot.K];
    K.data[j * m + i] = out[OUT_STRIDE * k + Slot.K];
  });
  return K;
}

/** Squared L2 norm E[(sum_{i in G} f_i)^2] of a group's summed output, from the kernel matrix. */
export function groupNormSquared(K: Mat, group: readonly number[]): number {
  let s = 0;
  for (const i of group) for (const j of group) s += K.data[i * K.cols + j];
  return s;
}
