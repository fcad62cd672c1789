import { dot } from '../../core/dot.ts';
import type { Rhs } from './integrators.ts';

/**
 * Coefficients of the s-stage second-order Runge-Kutta-Chebyshev method with
 * damping eps = 2/13 (Sommeijer, Shampine & Verwer 1997). Its real stability
 * interval grows like 0.65 s^2, which suits gradient flows: their Jacobian is
 * minus a (symmetric) Hessian, so its eigenvalues are real, and the flow of
 * this model is stiff (fast modes with rates ~10-100 beside slow escapes from
 * plateaus with rates ~1/sqrt(d)).
 */
interface RkcCoefficients {
  mu: Float64Array;
  nu: Float64Array;
  muTilde: Float64Array;
  gammaTilde: Float64Array;
  c: Float64Array;
}

const coefficientCache = new Map<number, RkcCoefficients>();

function coefficients(s: number): RkcCoefficients {
  const cached = coefficientCache.get(s);
  if (cached) return cached;
  const w0 = 1 + 2 / 13 / (s * s);
  const T = new Float64Array(s + 1), dT = new Float64Array(s + 1), ddT = new Float64Array(s + 1);
  T[0] = 1; T[1] = w0; dT[1] = 1;
  for (let j = 2; j <= s; j++) {
    T[j] = 2 * w0 * T[j - 1] - T[j - 2];
    dT[j] = 2 * T[j - 1] + 2 * w0 * dT[j - 1] - dT[j - 2];
    ddT[j] = 4 * dT[j - 1] + 2 * w0 * ddT[j - 1] - ddT[j - 2];
  }
  const w1 = dT[s] / ddT[s];
  const b = new Float64Array(s + 1);
  for (let j = 2; j <= s; j++) b[j] = ddT[j] / (dT[j] * dT[j]);
  b[0] = b[1] = b[2];
  const a = new Float64Array(s + 1);
  for (let j = 0; j <= s; j++) a[j] = 1 - b[j] * T[j];
  const mu = new Float64Array(s + 1), nu = new Float64Array(s + 1);
  const muTilde = new Float64Array(s + 1), gammaTilde = new Float64Array(s + 1), c = new Float64Array(s + 1);
  muTilde[1] = b[1] * w1;
  for (let j = 2; j <= s; j++) {
    mu[j] = (2 * b[j] * w0) / b[j - 1];
    nu[j] = -b[j] / b[j - 2];
    muTilde[j] = (2 * b[j] * w1) / b[j - 1];
    gammaTilde[j] = -a[j - 1] * muTilde[j];
    c[j] = (w1 * ddT[j]) / dT[j];
  }
  c[1] = c[2] / (4 * w0);
  const out = { mu, nu, muTilde, gammaTilde, c };
  coefficientCache.set(s, out);
  return out;
}

/** Stages needed for step h with spectral radius rho: stability needs h rho <= 0.653 s^2 (with margin). */
export function rkcStages(h: number, rho: number): number {
  return Math.max(2, Math.ceil(1 + Math.sqrt(1 + 1.54 * h * rho)));
}

/**
 * One RKC step of size h with s stages from (t, y); f0 = f(t, y). Writes
 * f(t + h, y_new) into `fNew` and returns y_new and the scaled error of the
 * embedded estimate (1/15)(12 (y_n - y_new) + 6 h (f_n + f_new)). With `ws`
 * (from {@link rkcWorkspace}) no arrays are allocated, whatever s; y_new is
 * then one of its buffers, never `y` itself.
 */
export function rkcStep(
  f: Rhs, t: number, y: Float64Array, h: number, s: number, f0: Float64Array, fNew: Float64Array, rtol: number, atol: number,
  ws?: RkcWorkspace,
): { y: Float64Array; err: number } {
  const { mu, nu, muTilde, gammaTilde, c } = coefficients(s);
  const n = y.length;
  // The recursion needs the last two stages; a new stage goes into a buffer that is none of y, Y_{j-1}, Y_{j-2}.
  const fresh = (a: Float64Array, b: Float64Array): Float64Array =>
    ws ? ws.states.find((z) => z !== y && z !== a && z !== b)! : new Float64Array(n);
  let yjm2 = y;
  let yjm1 = fresh(y, y);
  for (let i = 0; i < n; i++) yjm1[i] = y[i] + muTilde[1] * h * f0[i];
  const fj = ws ? ws.derivative : new Float64Array(n);
  for (let j = 2; j <= s; j++) {
    f(t + c[j - 1] * h, yjm1, fj);
    const yj = fresh(yjm1, yjm2);
    const w = 1 - mu[j] - nu[j];
    for (let i = 0; i < n; i++) {
      yj[i] = w * y[i] + mu[j] * yjm1[i] + nu[j] * yjm2[i] + muTilde[j] * h * fj[i] + gammaTilde[j] * h * f0[i];
    }
    yjm2 = yjm1;
    yjm1 = yj;
  }
  f(t + h, yjm1, fNew);
  let err = 0;
  for (let i = 0; i < n; i++) {
    const e = (12 * (y[i] - yjm1[i]) + 6 * h * (f0[i] + fNew[i])) / 15;
    const sc = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yjm1[i]));
    err += (e / sc) ** 2;
  }
  return { y: yjm1, err: Math.sqrt(err / n) };
}

/** Scratch buffers of {@link rkcStep}: four states (the input may be one of them) and one derivative. */
export interface RkcWorkspace {
  readonly states: Float64Array[];
  readonly derivative: Float64Array;
}

/** A workspace for states of length n. */
export function rkcWorkspace(n: number): RkcWorkspace {
  return { states: Array.from({ length: 4 }, () => new Float64Array(n)), derivative: new Float64Array(n) };
}

/**
 * Spectral radius of the Jacobian of f at y by nonlinear power iteration:
 * v <- (f(y + delta v) - f(y)) / delta, rho ~ |A v| / |v|. Starts from `v0`
 * (the previous estimate's vector, or f(y)); returns rho (with a 20% margin)
 * and the vector to reuse. Costs `iterations` evaluations of f.
 */
export function spectralRadius(
  f: Rhs, t: number, y: Float64Array, fy: Float64Array, v0: Float64Array, iterations = 8,
): { rho: number; v: Float64Array } {
  const n = y.length;
  const yNorm = Math.sqrt(dot(y, y)) || 1;
  let v = Float64Array.from(v0);
  let vNorm = Math.sqrt(dot(v, v));
  if (!(vNorm > 0)) {
    v = new Float64Array(n).map((_, i) => ((i * 7919) % 13) - 6);
    vNorm = Math.sqrt(dot(v, v));
  }
  const delta = 1e-7 * yNorm;
  const yp = new Float64Array(n);
  const fp = new Float64Array(n);
  let rho = 0;
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) yp[i] = y[i] + (delta * v[i]) / vNorm;
    f(t, yp, fp);
    for (let i = 0; i < n; i++) v[i] = (fp[i] - fy[i]) / delta;
    const prev = rho;
    rho = Math.sqrt(dot(v, v));
    vNorm = rho;
    if (!(vNorm > 0)) return { rho: 1, v };
    if (it > 2 && Math.abs(rho - prev) < 0.01 * rho) break;
  }
  return { rho: 1.2 * rho, v };
}
