import { dotAt } from '../core/dot.ts';
import { sigmoid, he3, dhe3 } from './activations.ts';
import { normalizeRows, rowNorms, zeros, type Mat } from '../core/mat.ts';
import type { MoeParams } from './params.ts';

/**
 * f(x) = sum_i sigmoid(<a_i, x>) He3(<b_i, x>) at one input x = x[xo .. xo + dim),
 * for unit router rows a_i and expert rows b_i of length dim: the one forward
 * loop of the float64 core (the batch forward pass and gradient, Monte Carlo).
 * With `u` and `w` (length m), the pre-activations <a_i, x> and <b_i, x> are
 * kept there for the gradient.
 */
export function outputAt(a: Mat, b: Mat, x: ArrayLike<number>, xo: number, u?: Float64Array, w?: Float64Array): number {
  const d = a.cols;
  let f = 0;
  for (let i = 0; i < a.rows; i++) {
    const ui = dotAt(a.data, i * d, x, xo, d);
    const wi = dotAt(b.data, i * d, x, xo, d);
    if (u && w) {
      u[i] = ui;
      w[i] = wi;
    }
    f += sigmoid(ui) * he3(wi);
  }
  return f;
}

/**
 * f(x) = sum_i sigmoid(<v_i/|v_i|, x>) He3(<w_i/|w_i|, x>) for every row x of
 * the batch X (n x d). Directions are normalised here, so any positive scale
 * of a row gives the same output.
 */
export function forward(p: MoeParams, x: Mat): Float64Array {
  const a = normalizeRows(p.routers);
  const b = normalizeRows(p.experts);
  const out = new Float64Array(x.rows);
  for (let n = 0; n < x.rows; n++) out[n] = outputAt(a, b, x.data, n * x.cols);
  return out;
}

/** Loss value and gradients with respect to the unnormalised routers and experts. */
export interface BatchLossGrad {
  loss: number;
  routers: Mat;
  experts: Mat;
}

/**
 * Empirical squared loss (1/2n) sum_n (f(x_n) - y_n)^2 on a batch and its exact
 * gradient with respect to the *unnormalised* parameters: the gradient g with
 * respect to the unit direction u = v/|v| is pulled back through the
 * normalisation as (I - u u^T) g / |v|, so it is orthogonal to v.
 */
export function batchLossGrad(p: MoeParams, x: Mat, y: Float64Array): BatchLossGrad {
  const a = normalizeRows(p.routers);
  const b = normalizeRows(p.experts);
  const m = a.rows;
  const d = x.cols;
  const n = x.rows;
  const ga = zeros(m, d);
  const gb = zeros(m, d);
  const au = new Float64Array(m);
  const bw = new Float64Array(m);
  let loss = 0;
  for (let s = 0; s < n; s++) {
    const xo = s * d;
    const f = outputAt(a, b, x.data, xo, au, bw);
    const r = (f - y[s]) / n;
    loss += 0.5 * (f - y[s]) * (f - y[s]);
    for (let i = 0; i < m; i++) {
      const sg = sigmoid(au[i]);
      const cu = r * sg * (1 - sg) * he3(bw[i]);
      const cw = r * sg * dhe3(bw[i]);
      const io = i * d;
      for (let k = 0; k < d; k++) {
        ga.data[io + k] += cu * x.data[xo + k];
        gb.data[io + k] += cw * x.data[xo + k];
      }
    }
  }
  return {
    loss: loss / n,
    routers: pullBack(ga, a, rowNorms(p.routers)),
    experts: pullBack(gb, b, rowNorms(p.experts)),
  };
}

/**
 * Gradient with respect to unnormalised rows from the gradient with respect
 * to their unit directions: (I - u u^T) g / |v|, in place on g.
 */
export function pullBack(g: Mat, unit: Mat, norms: Float64Array): Mat {
  const d = g.cols;
  for (let i = 0; i < g.rows; i++) {
    const o = i * d;
    const gu = dotAt(g.data, o, unit.data, o, d);
    for (let k = 0; k < d; k++) g.data[o + k] = (g.data[o + k] - gu * unit.data[o + k]) / norms[i];
  }
  return g;
}
