import { dotAt } from '../../core/dot.ts';
import { DivergenceError, InputError } from '../../core/errors.ts';
import { normalizeRows, toRows, type Mat } from '../../core/mat.ts';
import type { MoeParams } from '../../model/params.ts';
import { alignments } from '../../measure/alignment.ts';
import { EventTracker, recoveredNow, type ThresholdEvent } from '../../measure/events.ts';
import type { TeacherMatch } from '../../measure/matching.ts';
import { populationLoss, populationLossGrad } from '../../population/quadrature.ts';
import { dopri5Step, rk4Step, stepWorkspace, type Rhs } from './integrators.ts';
import { rkcStages, rkcStep, rkcWorkspace, spectralRadius } from './rkc.ts';
import type { TrainingRecord } from '../records.ts';
import { recordGrid } from './recordGrid.ts';

/** Integrators of the flow, by name. */
export const FLOW_METHODS = ['rkc', 'dopri5', 'rk4'] as const;
export type FlowMethod = (typeof FLOW_METHODS)[number];

/** Options of the gradient-flow engine. Times are flow times. */
export interface FlowOptions {
  /** Horizon T: integrate on [0, T]. */
  time: number;
  /**
   * 'dopri5' (default): adaptive Dormand-Prince 5(4), the accurate choice
   * while alignments move (its steps are then accuracy-limited, ~0.05-0.1 at
   * d = 1000); 'rkc': adaptive second-order Runge-Kutta-Chebyshev, whose
   * stability interval grows with its stage count, for long slow plateaus
   * (large d) where the explicit 5th-order method is held back by stiffness
   * (spectral radius ~25 here); 'rk4': fixed step `step`, the reference the
   * tests compare the adaptive methods to.
   */
  method?: FlowMethod;
  /** Relative and absolute tolerances of the adaptive integrator (default 1e-8, 1e-10). */
  rtol?: number;
  atol?: number;
  /** Largest step (default: none beyond the record grid's spacing). */
  maxStep?: number;
  /** Step of the fixed-step method (default 0.01). */
  step?: number;
  /** Gauss-Hermite nodes of the quadrature (default: the engine's). */
  quadratureNodes?: number;
  /** Record grid: this many uniform points and this many log-spaced points (defaults 200 and 100). */
  uniformPoints?: number;
  logPoints?: number;
  /** Threshold of the alignment events (default 0.9). */
  threshold?: number;
  /** Stop as soon as every teacher is recovered (expert and router alignment >= threshold). */
  stopWhenRecovered?: boolean;
  /** Stop as soon as the loss is <= this (fine-tuning). */
  targetLoss?: number;
  /** Called after every accepted step. */
  onProgress?: (t: number, horizon: number, loss: number) => void;
}

/** Largest RKC stage count per step. */
const MAX_RKC_STAGES = 200;

/** What a flow run returns (no side effects: the caller prints and writes). */
export interface FlowResult {
  records: TrainingRecord[];
  events: ThresholdEvent[];
  /** Final student, unit rows. */
  student: MoeParams;
  /** Final time (T, or earlier when a stop condition fired). */
  t: number;
  loss: number;
  /** First time every teacher was recovered at once, or null. */
  recoveryTime: number | null;
  steps: number;
  rejected: number;
  gradientEvaluations: number;
  /** Largest | |row| - 1 | seen: the flow is tangent, so this measures integration error. */
  normDrift: number;
  stoppedBy: 'horizon' | 'recovered' | 'target-loss';
}

/**
 * Gradient flow d theta/dt = -(I - u u^T) grad_u L on the product of unit
 * spheres, L the exact population loss (src/population/quadrature.ts), from
 * `student`. The vector field is tangent, so row norms are invariant; they
 * are not re-projected each step and their drift is reported as a check.
 * Works in whatever coordinates the rows are given in (R^d, or the reduced
 * span: see reducedFlow.ts). Deterministic: no randomness.
 */
export function integrateFlow(teacher: MoeParams, student: MoeParams, opts: FlowOptions): FlowResult {
  checkOptions(opts);
  const m = student.routers.rows;
  const dim = student.routers.cols;
  const q = { nodes: opts.quadratureNodes };
  const unpack = (y: Float64Array): MoeParams => ({
    routers: { rows: m, cols: dim, data: y.subarray(0, m * dim) },
    experts: { rows: m, cols: dim, data: y.subarray(m * dim) },
  });
  let evals = 0;
  let lastLoss = NaN;
  const f: Rhs = (_t, y, out) => {
    const g = populationLossGrad(teacher, unpack(y), q);
    evals++;
    lastLoss = g.loss;
    const gr = g.routers.data, ge = g.experts.data; // hoisted: V8 reloads them per iteration otherwise
    for (let i = 0; i < m * dim; i++) {
      out[i] = -gr[i];
      out[m * dim + i] = -ge[i];
    }
  };
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
  let k0: Float64Array = new Float64Array(y.length);
  f(t, y, k0);
  let loss = lastLoss;
  const observe = (isGridPoint: boolean): TeacherMatch[] => {
    const p = unpack(y);
    const al = alignments(p, teacher);
    const matches = tracker.observe(t, al);
    if (recoveryTime === null && recoveredNow(matches, threshold)) recoveryTime = t;
    if (isGridPoint) records.push({ t, loss, router: toRows(al.router), expert: toRows(al.expert) });
    return matches;
  };
  let gi = 0;
  if (grid[0] === 0) {
    observe(true);
    gi = 1;
  } else observe(false);
  const method = opts.method ?? 'dopri5';
  const maxStep = opts.maxStep ?? Infinity;
  const rtol = opts.rtol ?? 1e-8;
  const atol = opts.atol ?? 1e-10;
  let h = Math.min(maxStep, opts.time / 100, 0.01);
  let rho = 0;
  let rhoVec: Float64Array = k0;
  let rhoAge = Infinity;
  let steps = 0;
  let rejected = 0;
  let stoppedBy: FlowResult['stoppedBy'] = 'horizon';
  // Buffers reused by every step (the integrators allocate nothing with them); f(t + h, y_new)
  // alternates between two buffers so that it never overwrites k0 = f(t, y) of the step in progress.
  const rkWs = method === 'rkc' ? undefined : stepWorkspace(y.length, 5);
  const rkcWs = method === 'rkc' ? rkcWorkspace(y.length) : undefined;
  const kBuffers = [new Float64Array(y.length), new Float64Array(y.length)];
  while (t < opts.time) {
    const tNext = gi < grid.length ? grid[gi] : opts.time;
    const hTry = Math.min(h, tNext - t);
    let yNew: Float64Array;
    if (method === 'rk4') {
      const hs = Math.min(opts.step ?? 0.01, tNext - t);
      yNew = rk4Step(f, t, y, hs, rkWs);
      t = hs === tNext - t ? tNext : t + hs;
      f(t, yNew, k0);
    } else {
      const kLast = kBuffers[0] === k0 ? kBuffers[1] : kBuffers[0];
      let res: { y: Float64Array; err: number };
      let hUsed = hTry;
      if (method === 'rkc') {
        // The spectral radius changes slowly; re-estimate it every 25 accepted steps.
        if (rhoAge >= 25) {
          const est = spectralRadius(f, t, y, k0, rhoVec);
          rho = est.rho;
          rhoVec = est.v;
          rhoAge = 0;
        }
        // Cap the stage count (round-off grows with it): shorten the step instead.
        hUsed = Math.min(hTry, (0.653 * MAX_RKC_STAGES * MAX_RKC_STAGES) / (1.54 * rho));
        res = rkcStep(f, t, y, hUsed, rkcStages(hUsed, rho), k0, kLast, rtol, atol, rkcWs);
      } else res = dopri5Step(f, t, y, hUsed, k0, kLast, rtol, atol, rkWs);
      if (!Number.isFinite(res.err)) {
        throw new DivergenceError(`gradient flow: non-finite state at t = ${t} (step ${hUsed}); the vector field produced NaN or Infinity`);
      }
      const order = method === 'rkc' ? 2 : 4;
      if (res.err > 1) {
        rejected++;
        h = hUsed * Math.max(0.1, 0.8 * Math.pow(res.err, -1 / (order + 1)));
        if (h < 1e-14 * Math.max(1, t)) throw new DivergenceError(`gradient flow: step size underflow at t = ${t}`);
        continue;
      }
      h = Math.min(maxStep, hUsed * Math.min(5, Math.max(0.2, 0.8 * Math.pow(Math.max(res.err, 1e-10), -1 / (order + 1)))));
      yNew = res.y;
      t = hUsed === tNext - t ? tNext : t + hUsed;
      k0 = kLast;
      rhoAge++;
    }
    y = yNew;
    steps++;
    loss = lastLoss;
    if (!Number.isFinite(loss)) throw new DivergenceError(`gradient flow: loss is ${loss} at t = ${t}`);
    normDrift = Math.max(normDrift, maxNormDrift(y, 2 * m, dim));
    const onGrid = t === tNext && gi < grid.length;
    if (onGrid) gi++;
    const matches = observe(onGrid);
    opts.onProgress?.(t, opts.time, loss);
    if (opts.stopWhenRecovered && recoveredNow(matches, threshold)) {
      stoppedBy = 'recovered';
      break;
    }
    // The loss returned is re-evaluated on the unit rows; near the target it can differ from the
    // step's own evaluation (on rows ~1e-10 off the sphere) by rounding, ~1e-16 absolute, which at
    // a target of 1e-12 decides which side of it the run ends on. Stop only when that one is met too.
    if (opts.targetLoss !== undefined && loss <= opts.targetLoss && populationLoss(teacher, unitRows(unpack(y)), q) <= opts.targetLoss) {
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
    records, events: tracker.events(), student: finalStudent, t, loss: populationLoss(teacher, finalStudent, q),
    recoveryTime, steps, rejected, gradientEvaluations: evals, normDrift, stoppedBy,
  };
}

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

/** Unit-row copy of a Mat pair, for callers that want the final student as plain rows. */
export function studentRows(p: MoeParams): { routers: number[][]; experts: number[][] } {
  return { routers: toRows(p.routers as Mat), experts: toRows(p.experts as Mat) };
}
