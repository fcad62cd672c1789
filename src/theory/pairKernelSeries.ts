import { sigmoid } from '../model/activations.ts';
import { gaussHermite } from '../population/kernel/gaussHermite.ts';

/** Gauss-Hermite nodes per dimension of G_ab. */
const NODES = 80;

/**
 * The pair kernel K = E[sig(u1) He3(w1) sig(u2) He3(w2)] from its diagram
 * expansion (src/theory/leadingOrder.ts), an independent route to the exact
 * engine's kernel (src/population/pairKernel.ts) and the derivation of the
 * leading-order model made executable:
 *   K = 36 sum_{n11 + n21 = n12 + n22 = q <= 3} e^(3-q)/(3-q)!
 *       s1^n11 c12^n12 c21^n21 s2^n22 / (n11! n12! n21! n22!) G_{n11+n12, n21+n22}(r),
 * G_ab(r) = E[sig^(a)(u) sig^(b)(v)] at correlation r. Arguments as
 * pairKernel's: r = <a_p, a_q>, s1 = <a_p, b_p>, c12 = <a_p, b_q>,
 * c21 = <b_p, a_q>, s2 = <a_q, b_q>, e = <b_p, b_q>. `maxCross` keeps only
 * the terms with at most that many cross edges per expert (q): 0 gives the
 * leading order 6 g(r) e^3, 3 (default) the whole kernel.
 */
export function pairKernelSeries(r: number, s1: number, c12: number, c21: number, s2: number, e: number, maxCross = 3): number {
  const G = gTable(r);
  let K = 0;
  for (let q = 0; q <= maxCross; q++) {
    const eq = e ** (3 - q) / FACT[3 - q];
    for (let n11 = 0; n11 <= q; n11++) {
      const n21 = q - n11;
      for (let n12 = 0; n12 <= q; n12++) {
        const n22 = q - n12;
        const mono = (s1 ** n11 * c12 ** n12 * c21 ** n21 * s2 ** n22) / (FACT[n11] * FACT[n12] * FACT[n21] * FACT[n22]);
        K += 36 * eq * mono * G[(n11 + n12) * ORDERS + (n21 + n22)];
      }
    }
  }
  return K;
}

const FACT = [1, 1, 2, 6];
/** A router vertex has up to 6 cross edges (3 from each expert). */
const ORDERS = 7;

/**
 * Coefficients of sig^(k) as a polynomial in s = sig(z), k = 0..6:
 * sig' = s (1 - s), so d/dz P(s) = P'(s) s (1 - s).
 */
const DERIVATIVE_POLYNOMIALS: number[][] = (() => {
  const out: number[][] = [[0, 1]];
  for (let k = 1; k < ORDERS; k++) {
    const p = out[k - 1];
    const next = new Array<number>(p.length + 1).fill(0);
    for (let i = 1; i < p.length; i++) {
      // i p_i s^(i-1) (s - s^2) = i p_i (s^i - s^(i+1))
      next[i] += i * p[i];
      next[i + 1] -= i * p[i];
    }
    out.push(next);
  }
  return out;
})();

function sigmoidDerivatives(z: number, out: Float64Array): void {
  const s = sigmoid(z);
  for (let k = 0; k < ORDERS; k++) {
    const p = DERIVATIVE_POLYNOMIALS[k];
    let v = 0;
    for (let i = p.length - 1; i >= 0; i--) v = v * s + p[i];
    out[k] = v;
  }
}

/** G_ab(r), a, b = 0..6, row-major, by 2-D Gauss-Hermite (u = z1, v = r z1 + sqrt(1 - r^2) z2). */
function gTable(r: number): Float64Array {
  const { nodes, weights } = gaussHermite(NODES);
  const sr = Math.sqrt(Math.max(0, 1 - r * r));
  const du = new Float64Array(ORDERS);
  const dv = new Float64Array(ORDERS);
  const G = new Float64Array(ORDERS * ORDERS);
  const inner = new Float64Array(ORDERS);
  for (let i = 0; i < NODES; i++) {
    sigmoidDerivatives(nodes[i], du);
    inner.fill(0);
    for (let j = 0; j < NODES; j++) {
      sigmoidDerivatives(r * nodes[i] + sr * nodes[j], dv);
      for (let b = 0; b < ORDERS; b++) inner[b] += weights[j] * dv[b];
    }
    for (let a = 0; a < ORDERS; a++) for (let b = 0; b < ORDERS; b++) G[a * ORDERS + b] += weights[i] * du[a] * inner[b];
  }
  return G;
}
