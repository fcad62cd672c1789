import { phiFunctions } from './phiFunctions.ts';
import { tridiagonalEigen } from './tridiagonalEigen.ts';

/** y = J v for the Jacobian J of the flow at the current state (finite differences of the exact gradient). */
export type MatVec = (v: Float64Array, out: Float64Array) => void;

/** Scratch space of {@link krylovPhi}: the Lanczos basis and small matrices, reused from call to call. */
export interface KrylovWorkspace {
  readonly n: number;
  readonly maxDim: number;
  /** Lanczos vectors, row j at [j n, (j + 1) n), j <= maxDim. */
  readonly basis: Float64Array;
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
  readonly w: Float64Array;
  /** The coefficients of each request at the previous check. */
  readonly previous: Float64Array[];
  readonly scratch: { a: Float64Array; b: Float64Array; lambda: Float64Array; q: Float64Array; phi: Float64Array; coef: Float64Array };
}

/** A workspace for vectors of length n and Krylov spaces of dimension <= maxDim. */
export function krylovWorkspace(n: number, maxDim: number): KrylovWorkspace {
  const m = maxDim;
  return {
    n, maxDim,
    basis: new Float64Array((m + 1) * n),
    alpha: new Float64Array(m + 1),
    beta: new Float64Array(m + 1),
    w: new Float64Array(n),
    previous: Array.from({ length: 4 }, () => new Float64Array(m)),
    scratch: {
      a: new Float64Array(m), b: new Float64Array(m), lambda: new Float64Array(m), q: new Float64Array(m * m),
      phi: new Float64Array(8), coef: new Float64Array(m),
    },
  };
}

/** What {@link krylovPhi} did. */
export interface KrylovResult {
  /** Dimension of the Krylov space used (= matrix-vector products). */
  dim: number;
  /** Whether every error estimate met its tolerance (else the outputs hold the approximations at maxDim). */
  converged: boolean;
  /** Largest estimated error over the requests, in units of their tolerances. */
  error: number;
  /** Largest |eigenvalue| of the projected matrix: a lower estimate of J's spectral radius on the space. */
  rho: number;
}

/** One phi-function product wanted from a Krylov space: out = phi_k(h J) v to Euclidean error `tol`. */
export interface PhiRequest {
  readonly h: number;
  readonly k: number;
  readonly tol: number;
  readonly out: Float64Array;
}

/**
 * phi_k(h J) v for the symmetric Jacobian J of a gradient flow, for every
 * request (h, k) at once, from one Krylov space span{v, J v, ..., J^{m-1} v}:
 * Lanczos (with one full re-orthogonalisation pass against the basis, which
 * the finite-difference products make necessary) gives V_m and the
 * tridiagonal T_m = V_m^T J V_m, and phi_k(h J) v ~ |v| V_m phi_k(h T_m) e_1,
 * computed from T_m's eigen-decomposition. The dimension grows (4, 6, 8,
 * 11, ... up to maxDim) until, for every request, both Saad's a-posteriori
 * estimate of the error,
 *   |v| h beta_m |e_m^T phi_{k+1}(h T_m) e_1|,
 * and the change of the approximation since the previous dimension checked
 * are <= its `tol`, or an invariant subspace is found (then exact). The
 * change guards against the estimate's failure at low dimension when h rho
 * is large: on this flow's plateaus (h rho ~ 400) it accepted dimension 3
 * with errors 100x its claim.
 *
 * Why Lanczos: the flow is the gradient flow of L(theta / |theta|) in the
 * unnormalised rows, so J is minus a Hessian, symmetric, with real
 * eigenvalues in [-rho, small positive]. Krylov approximations of phi
 * functions then converge after ~sqrt(h rho) steps, and after as many steps as
 * J has distinct eigenvalue clusters when, as on this model's plateaus, its
 * spectrum is clustered.
 */
export function krylovPhi(matvec: MatVec, v: Float64Array, requests: readonly PhiRequest[], ws: KrylovWorkspace): KrylovResult {
  const { n, maxDim, basis: V, alpha, beta, w } = ws;
  const norm0 = Math.sqrt(dot(v, v, n));
  for (const r of requests) r.out.fill(0, 0, n);
  if (!(norm0 > 0)) return { dim: 0, converged: true, error: 0, rho: 0 };
  for (let i = 0; i < n; i++) V[i] = v[i] / norm0;
  let checkAt = 3;
  let checks = 0;
  let prevDim = 0;
  if (ws.previous.length < requests.length) throw new RangeError(`krylovPhi: at most ${ws.previous.length} requests per space`);
  for (let j = 0; j < maxDim; j++) {
    const vj = V.subarray(j * n, (j + 1) * n);
    matvec(vj, w);
    const product = Math.sqrt(dot(w, w, n));
    alpha[j] = dot(vj, w, n);
    for (let i = 0; i < n; i++) w[i] -= alpha[j] * vj[i] + (j > 0 ? beta[j - 1] * V[(j - 1) * n + i] : 0);
    // One full re-orthogonalisation pass (classical Gram-Schmidt): the products are finite
    // differences, so the three-term recurrence alone loses orthogonality quickly.
    for (let l = 0; l <= j; l++) {
      const c = dot(V.subarray(l * n, (l + 1) * n), w, n);
      for (let i = 0; i < n; i++) w[i] -= c * V[l * n + i];
    }
    beta[j] = Math.sqrt(dot(w, w, n));
    // An invariant subspace: what is left of J v_j is at the level of the products' own error
    // (finite differences, ~1e-8 relative), or the space is the whole of R^n.
    const invariant = !(beta[j] > INVARIANT * product) || j + 1 >= n;
    if (!invariant) for (let i = 0; i < n; i++) V[(j + 1) * n + i] = w[i] / beta[j];
    const m = j + 1;
    if (m < checkAt && !invariant && m < maxDim) continue;
    checkAt = m < 4 ? m + 1 : Math.max(m + 2, Math.ceil(1.2 * m));
    const rho = decompose(ws, m);
    let converged = checks > 0;
    let worst = 0;
    requests.forEach((r, i) => {
      const next = phiCoefficients(ws, m, r.h, r.k);
      // Saad's estimate and the change since the previous check, both in the request's units: the
      // estimate alone can be far too small at low dimension when h rho is large (measured: 100x).
      const coef = ws.scratch.coef, prev = ws.previous[i];
      let change = 0;
      for (let l = 0; l < m; l++) change += (coef[l] - (l < prevDim ? prev[l] : 0)) ** 2;
      prev.set(coef.subarray(0, m));
      const error = invariant ? 0 : norm0 * Math.max(r.h * beta[j] * Math.abs(next), Math.sqrt(change));
      worst = Math.max(worst, error / r.tol);
      if (!(error <= r.tol)) converged = false;
    });
    prevDim = m;
    checks++;
    if (converged || invariant || m === maxDim) {
      for (const r of requests) {
        phiCoefficients(ws, m, r.h, r.k);
        const coef = ws.scratch.coef;
        for (let l = 0; l < m; l++) {
          const c = norm0 * coef[l];
          for (let i = 0; i < n; i++) r.out[i] += c * V[l * n + i];
        }
      }
      return { dim: m, converged: converged || invariant, error: worst, rho };
    }
  }
  return { dim: maxDim, converged: false, error: Infinity, rho: 0 };
}

/** Eigen-decomposition of T_m into ws.scratch (lambda, q); returns the largest |eigenvalue|. */
function decompose(ws: KrylovWorkspace, m: number): number {
  const { a, b, lambda, q } = ws.scratch;
  for (let i = 0; i < m; i++) {
    a[i] = ws.alpha[i];
    b[i] = i < m - 1 ? ws.beta[i] : 0;
  }
  tridiagonalEigen(a, b, m, lambda, q);
  let rho = 0;
  for (let j = 0; j < m; j++) rho = Math.max(rho, Math.abs(lambda[j]));
  return rho;
}

/**
 * phi_k(h T_m) e_1 into ws.scratch.coef from the decomposition of {@link decompose};
 * returns e_m^T phi_{k+1}(h T_m) e_1.
 */
function phiCoefficients(ws: KrylovWorkspace, m: number, h: number, k: number): number {
  const { lambda, q, phi, coef } = ws.scratch;
  coef.fill(0, 0, m);
  let next = 0;
  for (let j = 0; j < m; j++) {
    phiFunctions(h * lambda[j], k + 1, phi);
    const w0 = q[j]; // Q[0, j]: the component of e_1 on eigenvector j
    for (let i = 0; i < m; i++) coef[i] += q[i * m + j] * phi[k] * w0;
    next += q[(m - 1) * m + j] * phi[k + 1] * w0;
  }
  return next;
}

/**
 * A remainder below this fraction of |J v_j| ends the space as invariant: the
 * finite-difference products are accurate to ~1e-8 relative, so a smaller
 * remainder is their error, and normalising it would put noise into the basis
 * (on a 3-dimensional flow that turned the phi products wrong by percents).
 */
const INVARIANT = 1e-7;

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}
