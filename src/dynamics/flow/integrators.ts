/** Right-hand side y' = f(t, y), writing into `out`. */
export type Rhs = (t: number, y: Float64Array, out: Float64Array) => void;

/** One step's result of an embedded Runge-Kutta pair. */
export interface StepResult {
  /** Proposed new state (5th order). */
  y: Float64Array;
  /** Scaled error norm: <= 1 means accept. */
  err: number;
  /**
   * dopri5Step with `stiffness`: |k7 - k6| / |Y7 - Y6| from its last two
   * stages (arguments Y6, Y7 = y_new), an estimate of the Jacobian's
   * eigenvalue of largest modulus along the direction the step is most
   * sensitive to (Hairer and Wanner's stiffness detection); it approaches
   * the spectral radius when the step is held at the stability limit.
   */
  stiffness?: number;
}

// Dormand-Prince 5(4) tableau.
const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1];
const A = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
const B5 = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0];
const B4 = [5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40];

/**
 * Scratch buffers of one integrator, reused from step to step: `stages` for
 * the intermediate stage derivatives and two state buffers; a step writes its
 * new state into whichever of the two is not its input, so the caller may
 * keep the returned state as the next step's input.
 */
export interface StepWorkspace {
  readonly stages: Float64Array[];
  readonly states: [Float64Array, Float64Array];
}

/** A workspace for states of length n with `stages` stage buffers. */
export function stepWorkspace(n: number, stages: number): StepWorkspace {
  return {
    stages: Array.from({ length: stages }, () => new Float64Array(n)),
    states: [new Float64Array(n), new Float64Array(n)],
  };
}

/** The state buffer of `ws` that is not `y` (fresh arrays without a workspace). */
function outputBuffer(ws: StepWorkspace | undefined, y: Float64Array): Float64Array {
  if (!ws) return new Float64Array(y.length);
  return ws.states[0] === y ? ws.states[1] : ws.states[0];
}

/**
 * One Dormand-Prince 5(4) step of size h from (t, y), with the scaled RMS
 * error norm sqrt(mean((e_i / (atol + rtol max(|y_i|, |y_new_i|)))^2)).
 * `k0` is f(t, y) (first-same-as-last: the caller passes the last stage of
 * the previous accepted step). Returns the new state and f(t + h, y_new) in
 * `kLast`. With `ws` (5 stages) no arrays are allocated; the returned state
 * is then one of its state buffers.
 */
export function dopri5Step(
  f: Rhs, t: number, y: Float64Array, h: number, k0: Float64Array, kLast: Float64Array, rtol: number, atol: number,
  ws?: StepWorkspace, stiffness = false,
): StepResult {
  const n = y.length;
  const k: Float64Array[] = [k0];
  const tmp = outputBuffer(ws, y);
  for (let s = 1; s < 7; s++) {
    const a = A[s];
    for (let i = 0; i < n; i++) {
      let acc = y[i];
      for (let j = 0; j < s; j++) acc += h * a[j] * k[j][i];
      tmp[i] = acc;
    }
    const ks = s === 6 ? kLast : ws ? ws.stages[s - 1] : new Float64Array(n);
    f(t + C[s] * h, tmp, ks);
    k.push(ks);
  }
  // Stage 7 is evaluated at the 5th-order solution, which is tmp after s = 6.
  const y5 = tmp;
  let err = 0;
  for (let i = 0; i < n; i++) {
    let e = 0;
    for (let j = 0; j < 7; j++) e += (B5[j] - B4[j]) * k[j][i];
    e *= h;
    const sc = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(y5[i]));
    err += (e / sc) ** 2;
  }
  if (!stiffness) return { y: y5, err: Math.sqrt(err / n) };
  // Y7 - Y6 = h sum_j (A[6][j] - A[5][j]) k_j, k7 - k6 = kLast - k[5]: no extra evaluation.
  let dk = 0, dy = 0;
  for (let i = 0; i < n; i++) {
    let d = 0;
    for (let j = 0; j < 6; j++) d += (A[6][j] - (j < 5 ? A[5][j] : 0)) * k[j][i];
    dy += (h * d) ** 2;
    dk += (kLast[i] - k[5][i]) ** 2;
  }
  return { y: y5, err: Math.sqrt(err / n), stiffness: dy > 0 ? Math.sqrt(dk / dy) : 0 };
}

/**
 * One classical Runge-Kutta 4 step (the fixed-step reference). With `ws`
 * (5 stages) no arrays are allocated and the result is one of its state buffers.
 */
export function rk4Step(f: Rhs, t: number, y: Float64Array, h: number, ws?: StepWorkspace): Float64Array {
  const n = y.length;
  const [k1, k2, k3, k4, tmp] = ws ? ws.stages : Array.from({ length: 5 }, () => new Float64Array(n));
  f(t, y, k1);
  for (let i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * h * k1[i];
  f(t + 0.5 * h, tmp, k2);
  for (let i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * h * k2[i];
  f(t + 0.5 * h, tmp, k3);
  for (let i = 0; i < n; i++) tmp[i] = y[i] + h * k3[i];
  f(t + h, tmp, k4);
  const out = outputBuffer(ws, y);
  for (let i = 0; i < n; i++) out[i] = y[i] + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  return out;
}
