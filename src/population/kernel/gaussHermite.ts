/**
 * Gauss-Hermite rule for the standard normal: nodes x_k and weights w_k with
 * sum_k w_k p(x_k) = E[p(Z)], Z ~ N(0, 1), exact for polynomials of degree
 * <= 2n - 1. Smooth integrands such as sigmoid(z) * polynomial converge
 * geometrically in n, which is what makes the population loss computable to
 * near machine precision (docs/model.md).
 */
export interface GaussHermiteRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const cache = new Map<number, GaussHermiteRule>();

/** The n-point rule (cached). Newton iteration on the physicists' Hermite polynomials, then rescaled. */
export function gaussHermite(n: number): GaussHermiteRule {
  if (!Number.isInteger(n) || n < 1 || n > 160) {
    throw new RangeError(`gaussHermite: n must be an integer in [1, 160], found ${n}`);
  }
  let rule = cache.get(n);
  if (!rule) {
    rule = physicistsToStandardNormal(physicistsRule(n));
    cache.set(n, rule);
  }
  return rule;
}

/** Roots and weights for the weight exp(-x^2) (Numerical Recipes' gauher scheme, float64). */
function physicistsRule(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const PIM4 = Math.pow(Math.PI, -0.25);
  const half = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < half; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -1 / 6);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0];
    else if (i === 3) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 2];
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      // Orthonormal recurrence avoids overflow for large n.
      let p1 = PIM4;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i];
  }
  return { x, w };
}

/** Substitution z = sqrt(2) x turns the exp(-x^2) rule into one for N(0, 1), weights summing to 1. */
function physicistsToStandardNormal(r: { x: Float64Array; w: Float64Array }): GaussHermiteRule {
  const n = r.x.length;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  // Ascending order; weights normalised by their (exact in theory) sum sqrt(pi).
  let sum = 0;
  for (let k = 0; k < n; k++) sum += r.w[k];
  for (let k = 0; k < n; k++) {
    nodes[k] = Math.SQRT2 * r.x[n - 1 - k];
    weights[k] = r.w[n - 1 - k] / sum;
  }
  return { nodes, weights };
}
