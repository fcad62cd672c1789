import { dotAt } from '../../core/dot.ts';
import { DivergenceError, InputError } from '../../core/errors.ts';
import { normalizeRows, toRows, type Mat } from '../../core/mat.ts';
import type { MoeParams } from '../../model/params.ts';
import { alignments } from '../../measure/alignment.ts';
import { EventTracker, recoveredNow, type AlignmentBetween, type ThresholdEvent } from '../../measure/events.ts';
import type { TeacherMatch } from '../../measure/matching.ts';
import type { PairKernelName } from '../../population/kernel/pairKernels.ts';
import { populationLoss, populationLossGrad } from '../../population/quadrature.ts';
import { autoController, type AutoStats } from './autoControl.ts';
import { dopri5Controller } from './dopri5Control.ts';
import { exprb43Controller } from './exprb43Control.ts';
import type { Rhs } from './integrators.ts';
import { rk4Controller } from './rk4Control.ts';
import { rkcController } from './rkcControl.ts';
import type { TrainingRecord, TrainingRun } from '../records.ts';
import { recordGrid } from './recordGrid.ts';
import type { StepController } from './stepController.ts';

/** Integrators of the flow, by name. */
export const FLOW_METHODS = ['auto', 'dopri5', 'exprb43', 'rkc', 'rk4'] as const;
export type FlowMethod = (typeof FLOW_METHODS)[number];

/** Options of the gradient-flow engine. Times are flow times. */
export interface FlowOptions {
  /** Horizon T: integrate on [0, T]. */
  time: number;
  /**
   * 'auto' (default): dopri5 where the flow moves, exprb43 where it is stiff
   * and slow, switched by cost (src/dynamics/flow/autoControl.ts); 'dopri5':
   * adaptive Dormand-Prince 5(4), the accurate choice while alignments move
   * (its steps are then accuracy-limited, ~0.05-0.1 at d = 1000), held at
   * h <= 3.3 / rho on the plateaus (spectral radius rho ~10-25 here);
   * 'exprb43': the exponential Rosenbrock method alone (steps bounded by
   * accuracy, not by stiffness; src/dynamics/flow/exprb43.ts); 'rkc':
   * adaptive second-order Runge-Kutta-Chebyshev, whose stability interval
   * grows with its stage count; 'rk4': fixed step `step`, the reference the
   * tests compare the adaptive methods to.
   */
  method?: FlowMethod;
  /** Relative and absolute tolerances of the adaptive integrator (default {@link DEFAULT_RTOL}, {@link DEFAULT_ATOL}). */
  rtol?: number;
  atol?: number;
  /** Largest step (default: none beyond the record grid's spacing). */
  maxStep?: number;
  /** Step of the fixed-step method (default 0.01). */
  step?: number;
  /** Pair kernel of the loss and gradient (default: the engine's, 'moment-table'; src/population/kernel/pairKernels.ts). */
  pairKernel?: PairKernelName;
  /** Gauss-Hermite nodes of the quadrature (pair kernel 'gauss-hermite'; default: the engine's). */
  quadratureNodes?: number;
  /** Record grid: this many uniform points and this many log-spaced points (defaults 200 and 100). */
  uniformPoints?: number;
  logPoints?: number;
  /** Threshold of the alignment events (default 0.9). */
  threshold?: number;
  /** Stop as soon as every teacher is recovered (expert and router alignment >= threshold). */
  stopWhenRecovered?: boolean;
  /**
   * Stop as soon as every teacher's expert alignment has passed the
   * threshold (its expert event is found). For the multi-pair model, whose
   * prediction is each teacher's first expert event and what came before it.
   */
  stopWhenExpertsPassed?: boolean;
  /** Stop as soon as the loss is <= this (fine-tuning). */
  targetLoss?: number;
  /** Called after every accepted step. */
  onProgress?: (t: number, horizon: number, loss: number) => void;
  /** Called after every accepted step with the state (rows as integrated, not renormalised; valid only during the call). */
  onStep?: (t: number, student: MoeParams) => void;
  /**
   * The loss and gradient the flow descends (default: the exact population
   * loss, {@link populationLossGrad} with `quadratureNodes`). Another function
   * of the same form gives the flow of another loss with the same integrator,
   * records and events, e.g. the leading-order model of src/theory/.
   */
  lossGrad?: LossGrad;
}

/** A loss and its gradient with respect to the (unnormalised) student rows, as populationLossGrad returns them. */
export type LossGrad = (teacher: MoeParams, student: MoeParams) => { loss: number; routers: Mat; experts: Mat };

/** What a flow run returns (no side effects: the caller prints and writes); its student has unit rows. */
export interface FlowResult extends TrainingRun {
  steps: number;
  rejected: number;
  gradientEvaluations: number;
  /** Largest | |row| - 1 | seen: the flow is tangent, so this measures integration error. */
  normDrift: number;
  stoppedBy: 'horizon' | 'recovered' | 'experts-passed' | 'target-loss';
  /** With method 'auto': evaluations and flow time of each family and the number of switches. */
  autoStats?: AutoStats;
}

/**
 * Gradient flow d theta/dt = -(I - u u^T) grad_u L on the product of unit
 * spheres, L the exact population loss (src/population/quadrature.ts), from
 * `student`. The vector field is tangent, so row norms are invariant; they
 * are not re-projected each step and their drift is reported as a check.
 * Works in whatever coordinates the rows are given in (R^d, or the reduced
 * span: see reducedFlow.ts). Deterministic: no randomness.
 *
 * This is the driver: a step controller of the chosen family
 * (dopri5Control.ts, rkcControl.ts, rk4Control.ts) advances the state; the
 * driver records on the grid (recordGrid.ts), feeds every accepted step to
 * the event tracker, and stops at the horizon, at recovery or at the target
 * loss, or on a non-finite loss.
 */
export function integrateFlow(teacher: MoeParams, student: MoeParams, opts: FlowOptions): FlowResult {
  checkOptions(opts);
  const m = student.routers.rows;
  const dim = student.routers.cols;
  const q = { nodes: opts.quadratureNodes, kernel: opts.pairKernel };
  const unpack = (y: Float64Array): MoeParams => ({
    routers: { rows: m, cols: dim, data: y.subarray(0, m * dim) },
    experts: { rows: m, cols: dim, data: y.subarray(m * dim) },
  });
  const lossGrad: LossGrad = opts.lossGrad ?? ((tch, st) => populationLossGrad(tch, st, q));
  const lossOf = (st: MoeParams): number => (opts.lossGrad ? opts.lossGrad(teacher, st).loss : populationLoss(teacher, st, q));
  const field = vectorField(teacher, unpack, lossGrad);
  const f = field.f;
  let y: Float64Array = new Float64Array(2 * m * dim);
  y.set(normalizeRows(student.routers).data, 0);
  y.set(normalizeRows(student.experts).data, m * dim);

  const grid = recordGrid(opts.time, opts.uniformPoints ?? 200, opts.logPoints ?? 100);
  const threshold = opts.threshold ?? 0.9;
  const tracker = new EventTracker(teacher.routers.rows, threshold);
  const records: TrainingRecord[] = [];
  let recoveryTime: number | null = null;
  let normDrift = 0;
  let t = 0;
  const k0 = new Float64Array(y.length);
  f(t, y, k0);
  let loss = field.lastLoss;
  const dense = denseOutput(y, k0, teacher, m, dim);
  const observe = (isGridPoint: boolean, between?: AlignmentBetween): TeacherMatch[] => {
    const al = alignments(unpack(y), teacher);
    const matches = tracker.observe(t, al, between);
    if (recoveryTime === null && recoveredNow(matches, threshold)) recoveryTime = t;
    if (isGridPoint) records.push({ t, loss, router: toRows(al.router), expert: toRows(al.expert) });
    return matches;
  };
  let gi = 0;
  if (grid[0] === 0) {
    observe(true);
    gi = 1;
  } else observe(false);
  const controller = controllerFor(f, k0, opts);
  let steps = 0;
  let stoppedBy: FlowResult['stoppedBy'] = 'horizon';
  while (t < opts.time) {
    const tNext = gi < grid.length ? grid[gi] : opts.time;
    const step = controller.attempt(t, y, tNext);
    if (!step.accepted) continue;
    const between = dense.step(t, step.t, step.y, step.dydt);
    t = step.t;
    y = step.y;
    steps++;
    loss = field.lastLoss;
    if (!Number.isFinite(loss)) throw new DivergenceError(`gradient flow: loss is ${loss} at t = ${t}`);
    normDrift = Math.max(normDrift, maxNormDrift(y, 2 * m, dim));
    const onGrid = t === tNext && gi < grid.length;
    if (onGrid) gi++;
    const matches = observe(onGrid, between);
    opts.onProgress?.(t, opts.time, loss);
    opts.onStep?.(t, unpack(y));
    if (opts.stopWhenRecovered && recoveredNow(matches, threshold)) {
      stoppedBy = 'recovered';
      break;
    }
    if (opts.stopWhenExpertsPassed && tracker.allExpertsPassed()) {
      stoppedBy = 'experts-passed';
      break;
    }
    // The loss returned is re-evaluated on the unit rows; near the target it can differ from the
    // step's own evaluation (on rows ~1e-10 off the sphere) by rounding, ~1e-16 absolute, which at
    // a target of 1e-12 decides which side of it the run ends on. Stop only when that one is met too.
    if (opts.targetLoss !== undefined && loss <= opts.targetLoss && lossOf(unitRows(unpack(y))) <= opts.targetLoss) {
      stoppedBy = 'target-loss';
      break;
    }
  }
  const finalStudent = unitRows(unpack(y));
  if (records.length === 0 || records[records.length - 1].t !== t) {
    const al = alignments(finalStudent, teacher);
    records.push({ t, loss, router: toRows(al.router), expert: toRows(al.expert) });
  }
  return {
    records, events: tracker.events(), student: finalStudent, t, loss: lossOf(finalStudent),
    recoveryTime, steps, rejected: controller.rejected, gradientEvaluations: field.evaluations, normDrift, stoppedBy,
    ...('stats' in controller ? { autoStats: { ...(controller.stats as AutoStats) } } : {}),
  };
}

/**
 * Dense output of the accepted steps for event times: the cubic Hermite
 * interpolant of the state from (t0, y0, f0) to (t1, y1, f1), error
 * O(h^4 |y''''|) (the integrators' own orders are 4-5), and from it the
 * alignment of one student row with a teacher row at any time in between.
 * `step` copies the new end point (the controllers' buffers are reused) and
 * returns the alignment function of the step just taken.
 */
function denseOutput(y0: Float64Array, f0: Float64Array, teacher: MoeParams, m: number, dim: number) {
  // `next` holds the end of the last accepted step (at first the initial state); `step` moves it to `prev`.
  const prev = { t: 0, y: new Float64Array(y0.length), f: new Float64Array(y0.length) };
  const next = { t: 0, y: Float64Array.from(y0), f: Float64Array.from(f0) };
  const units = { router: normalizeRows(teacher.routers), expert: normalizeRows(teacher.experts) };
  const row = new Float64Array(dim);
  const between: AlignmentBetween = (kind, student, j, s) => {
    const h = next.t - prev.t;
    const x = (s - prev.t) / h, x2 = x * x, x3 = x2 * x;
    const a = 2 * x3 - 3 * x2 + 1, b = (x3 - 2 * x2 + x) * h, c = 3 * x2 - 2 * x3, e = (x3 - x2) * h;
    const o = (kind === 'router' ? student : m + student) * dim;
    for (let k = 0; k < dim; k++) row[k] = a * prev.y[o + k] + b * prev.f[o + k] + c * next.y[o + k] + e * next.f[o + k];
    const w = units[kind];
    return dotAt(row, 0, w.data, j * dim, dim) / Math.sqrt(dotAt(row, 0, row, 0, dim));
  };
  return {
    step(t0: number, t1: number, y1: Float64Array, f1: Float64Array): AlignmentBetween {
      // Every step starts where the last accepted one ended.
      [prev.y, next.y] = [next.y, prev.y];
      [prev.f, next.f] = [next.f, prev.f];
      prev.t = t0;
      next.t = t1;
      next.y.set(y1);
      next.f.set(f1);
      return between;
    },
  };
}

/**
 * The flow's vector field -grad L (the tangent gradient of the loss, by
 * default the exact one) on the packed state [routers; experts], with the
 * loss of its last evaluation and the number of evaluations.
 */
function vectorField(teacher: MoeParams, unpack: (y: Float64Array) => MoeParams, lossGrad: LossGrad): {
  f: Rhs; readonly lastLoss: number; readonly evaluations: number;
} {
  let evaluations = 0;
  let lastLoss = NaN;
  const f: Rhs = (_t, y, out) => {
    const g = lossGrad(teacher, unpack(y));
    evaluations++;
    lastLoss = g.loss;
    const half = y.length / 2;
    const gr = g.routers.data, ge = g.experts.data; // hoisted: V8 reloads them per iteration otherwise
    for (let i = 0; i < half; i++) {
      out[i] = -gr[i];
      out[half + i] = -ge[i];
    }
  };
  return {
    f,
    get lastLoss() {
      return lastLoss;
    },
    get evaluations() {
      return evaluations;
    },
  };
}

/**
 * The step controller of the method's family, starting from k0 = f(0, y0):
 * auto (default), dopri5, exprb43 and rkc with tolerances rtol, atol
 * (default {@link DEFAULT_RTOL}, {@link DEFAULT_ATOL}), a first step of
 * min(maxStep, T/100, 0.01) and no step above maxStep; rk4 with the fixed
 * step `step` (default 0.01).
 */
function controllerFor(f: Rhs, k0: Float64Array, opts: FlowOptions): StepController {
  const method = opts.method ?? 'auto';
  if (method === 'rk4') return rk4Controller(f, k0.length, opts.step ?? 0.01);
  const maxStep = opts.maxStep ?? Infinity;
  const h0 = Math.min(maxStep, opts.time / 100, 0.01);
  const control = { auto: autoController, dopri5: dopri5Controller, exprb43: exprb43Controller, rkc: rkcController }[method];
  return control(f, k0, opts.rtol ?? DEFAULT_RTOL, opts.atol ?? DEFAULT_ATOL, h0, maxStep);
}

/**
 * Default tolerances of the adaptive integrators, from what the claims need:
 * event times (threshold crossings: C1-C3, C6) to ~1e-4 relative, and the
 * figure's alignments to ~1e-6. Measured with `npx tsx tools/flowTolerance.ts
 * --methods auto,dopri5 --rtols 1e-8,3e-8,1e-7,3e-7,1e-6 --figure` against
 * dopri5 at rtol 1e-11 (atol = rtol / 100 throughout): with 'auto' at
 * rtol 3e-8 the largest relative event-time error was 6.5e-7 (m* = 2, m = 8,
 * d = 10^2), 2.4e-6 (d = 10^4) and 1.2e-5 (d = 10^6), and the figure's run
 * (m* = 5, m = 25, d = 1000, t <= 60) moved alignments at the records by
 * <= 2.5e-8 and event times by <= 2.2e-8; at rtol 1e-7 the d = 10^6 error was
 * already 1e-4. rtol 1e-8 (the earlier default) costs 1.1-1.2x more.
 */
export const DEFAULT_RTOL = 3e-8;
export const DEFAULT_ATOL = 3e-10;

/** The student with unit rows (the form every returned student and loss is in). */
function unitRows(p: MoeParams): MoeParams {
  return { routers: normalizeRows(p.routers), experts: normalizeRows(p.experts) };
}

function maxNormDrift(y: Float64Array, rows: number, dim: number): number {
  let worst = 0;
  for (let i = 0; i < rows; i++) {
    worst = Math.max(worst, Math.abs(Math.sqrt(dotAt(y, i * dim, y, i * dim, dim)) - 1));
  }
  return worst;
}

function checkOptions(o: FlowOptions): void {
  if (!(o.time > 0) || !Number.isFinite(o.time)) throw new InputError('flow.time', `must be a finite number > 0, found ${o.time}`);
  if (o.method && !FLOW_METHODS.includes(o.method)) {
    throw new InputError('flow.method', `unknown method '${o.method}'; use one of ${FLOW_METHODS.join(', ')}`);
  }
  for (const k of ['rtol', 'atol', 'maxStep', 'step'] as const) {
    const v = o[k];
    if (v !== undefined && !(v > 0)) throw new InputError(`flow.${k}`, `must be > 0, found ${v}`);
  }
}
