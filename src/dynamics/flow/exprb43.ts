import type { Rhs } from './integrators.ts';
import { krylovPhi, krylovWorkspace, type KrylovWorkspace, type MatVec } from './krylovPhi.ts';

/** Scratch space of {@link exprb43Step}. */
export interface Exprb43Workspace {
  readonly krylov: KrylovWorkspace;
  readonly states: [Float64Array, Float64Array];
  readonly v: Float64Array[];
}

/** A workspace for states of length n, with Krylov spaces of dimension <= maxDim (default 60). */
export function exprb43Workspace(n: number, maxDim = 60): Exprb43Workspace {
  return { krylov: krylovWorkspace(n, maxDim), states: [new Float64Array(n), new Float64Array(n)], v: Array.from({ length: 14 }, () => new Float64Array(n)) };
}

/** One step's result. */
export interface ExponentialStepResult {
  /** New state; one of the workspace's state buffers, never `y`. */
  y: Float64Array;
  /** Scaled RMS norm of the embedded error estimate: <= 1 means accept. */
  err: number;
  /** Evaluations of f used (Krylov products included). */
  evaluations: number;
  /** Dimensions of the Krylov spaces. */
  krylov: number[];
  /** False when a Krylov space did not reach its tolerance within its dimension limit: retry with a smaller h. */
  krylovConverged: boolean;
  /** Largest |eigenvalue| seen in the first Krylov space (a lower estimate of the spectral radius). */
  rho: number;
}

/**
 * One step of the exponential Rosenbrock method exprb43 (Hochbruck,
 * Ostermann and Schweitzer, SIAM J. Numer. Anal. 47, 2009), order 4 with an
 * embedded order-3 solution, for y' = f(y). With J = f'(y_n) and
 * D(u) = f(u) - f(y_n) - J (u - y_n):
 *   U2 = y_n + (h/2) phi_1(h J / 2) f(y_n),
 *   U3 = y_n + h phi_1(h J) (f(y_n) + D(U2)),
 *   y_{n+1} = y_n + h phi_1(h J) f(y_n) + h (16 phi_3 - 48 phi_4)(h J) D(U2) + h (-2 phi_3 + 12 phi_4)(h J) D(U3),
 * and the embedded solution drops the phi_4 terms, so the error estimate is
 * h phi_4(h J) (12 D(U3) - 48 D(U2)) (scaled RMS norm as in dopri5Step).
 * The linear part is integrated exactly: on the plateaus of this flow the
 * step is limited by how fast the solution changes, not by its stiff modes.
 * J must be symmetric, as it is for a gradient flow (here minus the Hessian of
 * L(theta / |theta|)): the Krylov products use Lanczos, which is wrong for
 * other Jacobians (a non-gradient test flow was off by percents).
 *
 * J is never formed: products J v are forward differences of f,
 * (f(y_n + eps v) - f(y_n)) / eps with eps = sqrt(u) (1 + |y_n|) / |v|,
 * inside three Lanczos Krylov spaces, of f(y_n), D(U2) and D(U3)
 * (src/dynamics/flow/krylovPhi.ts), each built to `krylovShare` (default
 * {@link KRYLOV_SHARE}) of the step's tolerance. The differences are accurate to ~1e-8 relative and act as an
 * inexact Jacobian: beyond order 1 the order conditions then hold up to
 * terms ~h^2 |dJ| |f|, which the D's, and so the error estimate, contain.
 *
 * `f0` = f(y_n); on return `fNew` = f(y_{n+1}). Evaluations: the three
 * Krylov dimensions plus 5 (f(U2), f(U3), two products J (U - y_n), f(y_{n+1})).
 */
export function exprb43Step(
  f: Rhs, t: number, y: Float64Array, h: number, f0: Float64Array, fNew: Float64Array, rtol: number, atol: number,
  ws: Exprb43Workspace, krylovShare = KRYLOV_SHARE,
): ExponentialStepResult {
  const n = y.length;
  const [shifted, fShifted, p1half, p1, u2, fu2, d2, u3, fu3, d3, q1, q3, q4, r3] = ws.v;
  const r4 = ws.states[0] === y ? ws.states[1] : ws.states[0]; // scratch until it holds y_{n+1}
  let evaluations = 0;
  const yNorm = norm(y);
  const matvec: MatVec = (v, out) => {
    const vNorm = norm(v);
    if (!(vNorm > 0)) {
      out.fill(0);
      return;
    }
    const eps = (SQRT_EPS * (1 + yNorm)) / vNorm;
    for (let i = 0; i < n; i++) shifted[i] = y[i] + eps * v[i];
    f(t, shifted, fShifted);
    evaluations++;
    for (let i = 0; i < n; i++) out[i] = (fShifted[i] - f0[i]) / eps;
  };
  // Krylov tolerance: a share of the step's error tolerance, as a Euclidean norm.
  let scale2 = 0;
  for (let i = 0; i < n; i++) scale2 += (atol + rtol * Math.abs(y[i])) ** 2;
  const tolK = krylovShare * Math.sqrt(scale2);
  const k1 = krylovPhi(matvec, f0, [{ h: h / 2, k: 1, tol: tolK / h, out: p1half }, { h, k: 1, tol: tolK / h, out: p1 }], ws.krylov);
  // D(U) = f(U) - f(y) - J (U - y), with U - y in `step`.
  const remainder = (step: Float64Array, u: Float64Array, fu: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < n; i++) u[i] = y[i] + step[i];
    f(t + h, u, fu);
    evaluations++;
    matvec(step, out);
    for (let i = 0; i < n; i++) out[i] = fu[i] - f0[i] - out[i];
  };
  for (let i = 0; i < n; i++) p1half[i] *= h / 2;
  remainder(p1half, u2, fu2, d2);
  const k2 = krylovPhi(matvec, d2, [{ h, k: 1, tol: tolK / h, out: q1 }, { h, k: 3, tol: tolK / (16 * h), out: q3 }, { h, k: 4, tol: tolK / (48 * h), out: q4 }], ws.krylov);
  for (let i = 0; i < n; i++) r3[i] = h * (p1[i] + q1[i]);
  remainder(r3, u3, fu3, d3);
  // The D(U3) space: phi_3 and phi_4 (reuse p1half and q1 as outputs, no longer needed).
  const s3 = p1half, s4 = q1;
  const k3 = krylovPhi(matvec, d3, [{ h, k: 3, tol: tolK / (2 * h), out: s3 }, { h, k: 4, tol: tolK / (12 * h), out: s4 }], ws.krylov);
  const yNew = r4;
  let err = 0;
  for (let i = 0; i < n; i++) {
    const e = h * (12 * s4[i] - 48 * q4[i]);
    yNew[i] = y[i] + h * (p1[i] + 16 * q3[i] - 48 * q4[i] - 2 * s3[i] + 12 * s4[i]);
    const sc = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
    err += (e / sc) ** 2;
  }
  f(t + h, yNew, fNew);
  evaluations++;
  return {
    y: yNew, err: Math.sqrt(err / n), evaluations, krylov: [k1.dim, k2.dim, k3.dim],
    krylovConverged: k1.converged && k2.converged && k3.converged, rho: k1.rho,
  };
}

const SQRT_EPS = Math.sqrt(2.220446049250313e-16);

/**
 * Each Krylov product is built to this share of the step's tolerance. On a
 * plateau of the flow (m* = 2, m = 8, d = 10^6, seed 1, at t = 1000; one step
 * of h = 80, h rho ~ 1400, against dopri5 at rtol 1e-12: tools/flowSteps.ts)
 * a tenth gave an error of 0.19 tolerance units where the step estimated
 * 0.044; a hundredth gave 0.015 against 0.045, with 57 products instead of 35.
 */
export const KRYLOV_SHARE = 0.01;

function norm(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}
