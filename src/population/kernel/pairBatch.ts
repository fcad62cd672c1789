import { pairFactorOf } from './pairFactorOf.ts';
import { pairKernelByName, type PairKernelName } from './pairKernels.ts';

/** Int32 entries per pair in a {@link PairBatch} plan: rows of a_p, a_q, b_p, b_q, then 1 if derivatives are wanted. */
export const PLAN_STRIDE = 5;
/** Float64 outputs per pair: the slots of the pair kernel (src/population/kernel/pairKernel.ts, Slot). */
export const OUT_STRIDE = 7;

/**
 * A batch of pair kernels to evaluate: the unit directions (rows of length
 * `dim`), one plan entry per pair and the Gauss-Hermite node count. Each
 * pair's result depends on its own inputs only, so a batch can be split
 * between threads in any way and still give bit-identical outputs
 * (src/population/kernel/parallelism.ts).
 */
export interface PairBatch {
  readonly units: Float64Array;
  readonly dim: number;
  /** {@link PLAN_STRIDE} Int32 entries per pair. */
  readonly plan: Int32Array;
  readonly count: number;
  /** Gauss-Hermite nodes per axis (kernel 'gauss-hermite' only). */
  readonly nodes: number;
  /** The pair kernel by name (src/population/kernel/pairKernels.ts); default 'gauss-hermite', the only one helper threads run. */
  readonly kernel?: PairKernelName;
  /** units units^T (n x n), if the caller computed it: the factors read their correlations from it. */
  readonly gram?: Float64Array;
}

/**
 * Evaluates pairs [start, end) of `batch` into `out` (pair k at
 * out[7k .. 7k+7)): the factor of the pair's four directions
 * ({@link pairFactorOf}) and the kernel with, where the plan asks for them,
 * its six correlation derivatives. `work` needs 4 * dim entries.
 */
export function evaluatePairRange(
  batch: PairBatch, start: number, end: number, out: Float64Array, work: Float64Array,
): void {
  const kernel = pairKernelByName(batch.kernel ?? 'gauss-hermite');
  const { units, dim, plan, nodes, gram } = batch;
  const L = FACTOR;
  const res = RESULT;
  for (let k = start; k < end; k++) {
    const o = PLAN_STRIDE * k;
    pairFactorOf(units, dim, plan[o], plan[o + 1], plan[o + 2], plan[o + 3], L, work, gram);
    const deriv = plan[o + 4] === 1;
    kernel(L, deriv, nodes, res);
    const r = OUT_STRIDE * k;
    out[r] = res[0];
    for (let s = 1; s < OUT_STRIDE; s++) out[r + s] = deriv ? res[s] : 0;
  }
}

const FACTOR = new Float64Array(16);
const RESULT = new Float64Array(OUT_STRIDE);
