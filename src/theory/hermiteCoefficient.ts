import { gaussHermite } from '../population/kernel/gaussHermite.ts';

/** Gauss-Hermite nodes of the 1-D expectations: sigmoid-type integrands converge to ~1e-16 well before (48 nodes give 1e-14). */
const NODES = 120;

/**
 * The k-th probabilists' Hermite coefficient of f,
 *   c_k = E[f(z) He_k(z)] / k!,  z ~ N(0, 1),
 * so that f = sum_k c_k He_k in L^2(N(0, 1)) and, by Mehler's formula,
 * E[f(u) f(v)] = sum_k c_k^2 k! rho^k for standard normals u, v of
 * correlation rho. For the sigmoid router: c0 = 1/2 (sig(z) - 1/2 is odd),
 * c1 = E[sig'(z)] (Stein), even k >= 2 vanish. These are the constants of
 * the leading-order dynamics (src/theory/leadingOrder.ts). Computed by
 * 120-node Gauss-Hermite quadrature, He_k by the recurrence
 * He_{k+1} = z He_k - k He_{k-1}; meant for small k (<= 12).
 */
export function hermiteCoefficient(f: (z: number) => number, k: number): number {
  if (!Number.isInteger(k) || k < 0 || k > 12) throw new RangeError(`hermiteCoefficient: k must be an integer in [0, 12], found ${k}`);
  const { nodes, weights } = gaussHermite(NODES);
  let sum = 0;
  for (let i = 0; i < NODES; i++) sum += weights[i] * f(nodes[i]) * hermite(k, nodes[i]);
  let factorial = 1;
  for (let j = 2; j <= k; j++) factorial *= j;
  return sum / factorial;
}

/** He_k(z) by the three-term recurrence. */
export function hermite(k: number, z: number): number {
  let prev = 1;
  if (k === 0) return prev;
  let cur = z;
  for (let j = 1; j < k; j++) {
    const next = z * cur - j * prev;
    prev = cur;
    cur = next;
  }
  return cur;
}
