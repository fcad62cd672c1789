import { InputError } from '../../core/errors.ts';
import { gaussHermite } from './gaussHermite.ts';
import { momentKernelFromFactor } from './momentKernel.ts';
import { pairKernelFromFactor } from './pairKernel.ts';

/**
 * Ways of computing one pair kernel K = E[sig(u1) He3(w1) sig(u2) He3(w2)] and
 * its six correlation derivatives from the factor L of the pair's correlation
 * matrix, chosen by name (the first is the default):
 * - 'moment-table': the polynomial in (g0, g1) against router moments tabulated
 *   once as functions of the routers' angle (src/population/kernel/momentKernel.ts);
 *   no node count; ~1e-15 from the 96-node quadrature (momentKernel.test.ts);
 * - 'gauss-hermite': tensor Gauss-Hermite quadrature of the 2-D router
 *   integral with `nodes` per axis (src/population/kernel/pairKernel.ts), the
 *   reference the table is checked against and the engine before it.
 * Both fill the same slots (src/population/kernel/pairKernel.ts, Slot).
 */
export const PAIR_KERNELS = ['moment-table', 'gauss-hermite'] as const;
export type PairKernelName = (typeof PAIR_KERNELS)[number];

/** The default pair kernel. */
export const DEFAULT_PAIR_KERNEL: PairKernelName = 'moment-table';

/** One pair kernel from its factor: writes the slots into `out` (only K without `derivatives`). */
export type PairKernelFn = (L: Float64Array, derivatives: boolean, nodes: number, out: Float64Array) => Float64Array;

const KERNELS: Readonly<Record<PairKernelName, PairKernelFn>> = {
  'moment-table': (L, derivatives, _nodes, out) => momentKernelFromFactor(L, derivatives, out),
  'gauss-hermite': (L, derivatives, nodes, out) => pairKernelFromFactor(L, gaussHermite(nodes), derivatives, out),
};

/**
 * The kernel called `name`; an unknown name is an InputError listing the
 * known ones (`where` names the option or field it came from).
 */
export function pairKernelByName(name: string, where = 'kernel'): PairKernelFn {
  if (!(PAIR_KERNELS as readonly string[]).includes(name)) {
    throw new InputError(where, `unknown pair kernel '${name}'; known kernels: ${PAIR_KERNELS.join(', ')}`);
  }
  return KERNELS[name as PairKernelName];
}
