import { normalizeRows, zeros, type Mat } from '../core/mat.ts';
import type { MoeParams } from '../model/params.ts';
import { spanCoordinates } from '../model/span.ts';
import { populationLossGrad } from '../population/quadrature.ts';
import { symmetricEigenvalues } from './symmetricEigenvalues.ts';

/** The spectrum of the loss's Hessian at the optimum and the fine-tuning rate it predicts. */
export interface OptimumHessian {
  /** Eigenvalues of the Riemannian Hessian, ascending (one per tangent direction of the 2 m* rows). */
  eigenvalues: number[];
  /** Smallest eigenvalue above 1e-8 of the largest: the slowest mode of the linearised flow. */
  lambdaMin: number;
  /** Predicted linear rate of the loss, 2 lambdaMin: L(t) ~ C exp(-2 lambdaMin t). */
  lossRate: number;
  /**
   * Largest eigenvalue of the slowest cluster, the eigenvalues below
   * 2 lambdaMin (the spectrum has a wide gap above it: ~0.27 then ~1.8). Modes
   * in one cluster separate only after a time ~1 / (their difference), far
   * beyond a fine-tuning run, so the rate a run shows lies in
   * [2 lambdaMin, 2 clusterTop]; for an orthonormal teacher the cluster is
   * degenerate (clusterTop = lambdaMin).
   */
  clusterTop: number;
  /** Dimension of the coordinates the Hessian was formed in (the teacher's span plus one orthogonal direction). */
  dimension: number;
}

/** Step of the fourth-order central differences of the gradient (truncation ~h^4, rounding ~1e-16 / h). */
const H = 1e-3;

/**
 * The Riemannian Hessian of the population loss at its optimum, the student
 * equal to the teacher (m = m*), on the product of unit spheres, and the
 * fine-tuning rate it predicts (the paper's fine-tuning claim, made
 * quantitative). Near the optimum the flow is d delta/dt = -Hess delta, so
 * delta ~ exp(-lambda t) per mode and the loss, 1/2 delta^T Hess delta,
 * decays like exp(-2 lambda_min t) once the slowest excited mode dominates:
 * a generic start excites every mode.
 *
 * Formed in the span of the teacher's 2 m* directions plus one direction
 * orthogonal to it (the flow of a pruned student lives in a larger span, but
 * by rotation invariance about the teacher's span every direction orthogonal
 * to it carries the same block of the Hessian, so one represents them all;
 * none when d equals the span's dimension). The gradient vanishes at the
 * optimum (zero residual), so the Riemannian Hessian is the Euclidean one on
 * the tangent spaces: H_ab = <v_a, d grad / d v_b> over an orthonormal
 * tangent basis v of each row, by fourth-order central differences of the
 * exact gradient (populationLossGrad), symmetrised; eigenvalues by Jacobi.
 *
 * For an orthonormal teacher (routers orthogonal to experts) the slowest
 * mode is one router turning about its aligned expert: with e = 1 the
 * one-pair flow drho/dt = 6 g'(rho) (1 - rho^2) linearises, for
 * rho = cos(theta), to dtheta/dt = -6 g'(1) theta, so
 * lambda_min = 6 g'(1) = 6 E[sig'(z)^2] (0.2690 here) whatever m*, and the
 * loss rate is 2 lambda_min = 0.5380; an expert turning about its router
 * gives 18 g(1) = 18 E[sig(z)^2] (src/theory/optimumHessian.test.ts checks
 * both against this finite-difference Hessian).
 */
export function optimumHessian(teacher: MoeParams, d: number, nodes?: number): OptimumHessian {
  const t = { routers: normalizeRows(teacher.routers), experts: normalizeRows(teacher.experts) };
  const { coords } = spanCoordinates([t.routers, t.experts]);
  const r = coords[0].cols;
  const dim = Math.min(d, r + 1);
  const pad = (c: Mat): Mat => {
    const out = zeros(c.rows, dim);
    for (let i = 0; i < c.rows; i++) for (let k = 0; k < r; k++) out.data[i * dim + k] = c.data[i * r + k];
    return out;
  };
  const tc: MoeParams = { routers: pad(coords[0]), experts: pad(coords[1]) };
  const mStar = tc.routers.rows;
  const rows = 2 * mStar;
  const base = new Float64Array(rows * dim);
  base.set(tc.routers.data, 0);
  base.set(tc.experts.data, mStar * dim);
  const tangents = tangentBasis(base, rows, dim);
  const grad = (y: Float64Array): Float64Array => {
    const g = populationLossGrad(tc, { routers: { rows: mStar, cols: dim, data: y.subarray(0, mStar * dim) }, experts: { rows: mStar, cols: dim, data: y.subarray(mStar * dim) } }, { nodes });
    const out = new Float64Array(rows * dim);
    out.set(g.routers.data, 0);
    out.set(g.experts.data, mStar * dim);
    return out;
  };
  const n = tangents.length;
  const hess = new Float64Array(n * n);
  const shifted = (v: Float64Array, s: number) => base.map((x, i) => x + s * v[i]);
  tangents.forEach((vb, b) => {
    const g1 = grad(shifted(vb, H)), g_1 = grad(shifted(vb, -H));
    const g2 = grad(shifted(vb, 2 * H)), g_2 = grad(shifted(vb, -2 * H));
    const dg = g1.map((x, i) => (8 * (x - g_1[i]) - (g2[i] - g_2[i])) / (12 * H));
    tangents.forEach((va, a) => {
      let s = 0;
      for (let i = 0; i < va.length; i++) s += va[i] * dg[i];
      hess[a * n + b] = s;
    });
  });
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const m = 0.5 * (hess[a * n + b] + hess[b * n + a]);
      hess[a * n + b] = m;
      hess[b * n + a] = m;
    }
  }
  const eigenvalues = Array.from(symmetricEigenvalues(hess, n));
  const top = eigenvalues[eigenvalues.length - 1];
  const lambdaMin = eigenvalues.find((x) => x > 1e-8 * top) ?? NaN;
  const clusterTop = Math.max(...eigenvalues.filter((x) => x >= lambdaMin && x < 2 * lambdaMin));
  return { eigenvalues, lambdaMin, lossRate: 2 * lambdaMin, clusterTop, dimension: dim };
}

/**
 * For each of the `rows` unit rows of `y` (row-major, width dim), an
 * orthonormal basis of its tangent space (dim - 1 vectors), each embedded
 * as a full-length perturbation of y that moves that row only.
 */
function tangentBasis(y: Float64Array, rows: number, dim: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < rows; i++) {
    const x = y.subarray(i * dim, (i + 1) * dim);
    const basis: Float64Array[] = [x.slice()];
    for (let k = 0; k < dim && basis.length < dim; k++) {
      const v = new Float64Array(dim);
      v[k] = 1;
      for (let pass = 0; pass < 2; pass++) {
        for (const q of basis) {
          let c = 0;
          for (let j = 0; j < dim; j++) c += v[j] * q[j];
          for (let j = 0; j < dim; j++) v[j] -= c * q[j];
        }
      }
      const len = Math.hypot(...v);
      if (len < 1e-8) continue;
      for (let j = 0; j < dim; j++) v[j] /= len;
      basis.push(v);
    }
    for (const v of basis.slice(1)) {
      const full = new Float64Array(rows * dim);
      full.set(v, i * dim);
      out.push(full);
    }
  }
  return out;
}
