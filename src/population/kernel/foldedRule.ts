import type { GaussHermiteRule } from './gaussHermite.ts';

/**
 * A symmetric quadrature rule folded onto its positive half: the nodes x_j > 0
 * (each standing for the pair +-x_j, which share a weight), the weight of a
 * node at 0 (odd n), weighted powers and the node sigmoids the pair kernel
 * needs, precomputed once per rule.
 *
 * Why: the integrand of the pair kernel is sig(.) times a polynomial, and
 * sig(-y) = 1 - sig(y); pairing +-x turns even and odd moments into sums and
 * differences, and lets the kernel evaluate the sigmoid sums once per node
 * pair instead of once per node (src/population/kernel/pairKernel.ts).
 */
export interface FoldedRule {
  /** Number of positive nodes. */
  readonly half: number;
  /** Positive nodes x_j, ascending. */
  readonly x: Float64Array;
  /** Weight w_j of x_j (and of -x_j). */
  readonly w: Float64Array;
  /** w_j x_j^k at [7 j + k], k = 0..6. */
  readonly powers: Float64Array;
  /** sig(x_j) and sig(-x_j) = 1 / (1 + e^{x_j}). */
  readonly sigPos: Float64Array;
  readonly sigNeg: Float64Array;
  /** Weight of the node at 0 (odd rules), else 0. */
  readonly w0: number;
  /** Even moments sum_k w_k x_k^{2i} of the whole rule, i = 0..3 (the odd ones vanish by symmetry). */
  readonly m0: number;
  readonly m2: number;
  readonly m4: number;
  readonly m6: number;
}

/** Nodes this close to 0 are the middle node of an odd rule (Newton leaves it at ~1e-32, not 0). */
const ZERO_NODE = 1e-12;

const cache = new WeakMap<GaussHermiteRule, FoldedRule>();

/**
 * The folded form of `rule` (cached per rule object). The rule must be
 * symmetric (nodes in ascending order, node k = -node n-1-k with equal
 * weights), as every Gauss-Hermite rule is; anything else is a RangeError.
 */
export function foldedRule(rule: GaussHermiteRule): FoldedRule {
  let f = cache.get(rule);
  if (!f) {
    f = fold(rule);
    cache.set(rule, f);
  }
  return f;
}

function fold(rule: GaussHermiteRule): FoldedRule {
  const { nodes, weights } = rule;
  const n = nodes.length;
  const half = Math.floor(n / 2);
  for (let k = 0; k < half; k++) {
    if (nodes[n - 1 - k] !== -nodes[k] || weights[n - 1 - k] !== weights[k] || !(nodes[n - 1 - k] > 0)) {
      throw new RangeError(`foldedRule: the rule is not symmetric at node ${k} (${nodes[k]}, ${nodes[n - 1 - k]})`);
    }
  }
  if (n % 2 === 1 && !(Math.abs(nodes[half]) < ZERO_NODE)) {
    throw new RangeError(`foldedRule: the middle node of an odd rule must be 0, found ${nodes[half]}`);
  }
  const x = new Float64Array(half), w = new Float64Array(half), powers = new Float64Array(7 * half);
  const sigPos = new Float64Array(half), sigNeg = new Float64Array(half);
  const w0 = n % 2 === 1 ? weights[half] : 0;
  const m = [w0, 0, 0, 0];
  for (let j = 0; j < half; j++) {
    const k = n - half + j;
    x[j] = nodes[k];
    w[j] = weights[k];
    let p = w[j];
    for (let i = 0; i <= 6; i++, p *= x[j]) {
      powers[7 * j + i] = p;
      if (i % 2 === 0) m[i / 2] += 2 * p;
    }
    sigPos[j] = 1 / (1 + Math.exp(-x[j]));
    sigNeg[j] = 1 / (1 + Math.exp(x[j]));
  }
  return { half, x, w, powers, sigPos, sigNeg, w0, m0: m[0], m2: m[1], m4: m[2], m6: m[3] };
}
