import { routerIndex, expertIndex, type Directions } from './gram.ts';
import { PLAN_STRIDE } from './kernel/pairBatch.ts';

/**
 * The pair order of every population quantity: first(p, q) says whether
 * expert p's router unit vector precedes expert q's in lexicographic order
 * (ties: false). The quadrature is not exactly symmetric in the two experts
 * of a pair (the first router is the outer variable); evaluating every pair
 * in an order fixed by the routers alone makes equal pairs give
 * bit-identical terms wherever they sit, so a permuted teacher and
 * cancelling pairs cancel to rounding, not to quadrature error. Depends on
 * the routers only, so it is the same for both members of a cancelling pair
 * and for a permuted copy.
 */
export function routerOrder(dirs: Directions): (p: number, q: number) => boolean {
  const u = dirs.units.data;
  const dim = dirs.units.cols;
  return (p, q) => {
    const i = routerIndex(dirs, p) * dim, j = routerIndex(dirs, q) * dim;
    for (let k = 0; k < dim; k++) if (u[i + k] !== u[j + k]) return u[i + k] < u[j + k];
    return false;
  };
}

/**
 * Writes plan entry k of pair {p, q} (src/population/kernel/pairBatch.ts):
 * the rows of its four directions, the expert whose router comes first by
 * `first` ({@link routerOrder}) taking the first slot, and whether its
 * derivatives are wanted. The loss and the kernel matrix both plan their
 * pairs here, so a pair's kernel has the same bits in both.
 */
export function planPair(dirs: Directions, first: (p: number, q: number) => boolean, p: number, q: number, deriv: boolean, plan: Int32Array, k: number): void {
  const [a, b] = first(q, p) ? [q, p] : [p, q];
  const o = PLAN_STRIDE * k;
  plan[o] = routerIndex(dirs, a);
  plan[o + 1] = routerIndex(dirs, b);
  plan[o + 2] = expertIndex(dirs, a);
  plan[o + 3] = expertIndex(dirs, b);
  plan[o + 4] = deriv ? 1 : 0;
}
