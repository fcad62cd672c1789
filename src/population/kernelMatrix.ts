import { dotAt } from '../core/dot.ts';
import { normalizeRows, zeros, type Mat } from '../core/mat.ts';
import type { MoeParams } from '../model/params.ts';
import { gaussHermite } from './kernel/gaussHermite.ts';
import { pairKernel, Slot } from './kernel/pairKernel.ts';
import { DEFAULT_NODES } from './quadrature.ts';

/**
 * The m x m matrix of inner products of the experts' output functions,
 * K_ij = E[f_i(x) f_j(x)] with f_i(x) = sig(<v_i,x>) He3(<w_i,x>), x ~ N(0, I).
 * The squared L2 norm of the summed output of a group G of experts is
 * sum_{i,j in G} K_ij; a group whose outputs cancel (pruning, claim C4) has it
 * ~0. Same quadrature as the population loss.
 */
export function kernelMatrix(p: MoeParams, nodes = DEFAULT_NODES): Mat {
  const a = normalizeRows(p.routers);
  const b = normalizeRows(p.experts);
  const m = a.rows;
  const d = a.cols;
  const dot = (x: Mat, i: number, y: Mat, j: number): number => dotAt(x.data, i * d, y.data, j * d, d);
  const rule = gaussHermite(nodes);
  const out = new Float64Array(7);
  const K = zeros(m, m);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const r = i === j ? 1 : dot(a, i, a, j);
      const e = i === j ? 1 : dot(b, i, b, j);
      pairKernel(r, dot(a, i, b, i), dot(a, i, b, j), dot(b, i, a, j), dot(a, j, b, j), e, rule, false, out);
      K.data[i * m + j] = out[Slot.K];
      K.data[j * m + i] = out[Slot.K];
    }
  }
  return K;
}

/** Squared L2 norm E[(sum_{i in G} f_i)^2] of a group's summed output, from the kernel matrix. */
export function groupNormSquared(K: Mat, group: readonly number[]): number {
  let s = 0;
  for (const i of group) for (const j of group) s += K.data[i * K.cols + j];
  return s;
}
