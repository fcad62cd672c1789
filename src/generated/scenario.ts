/* eslint-disable */
/**
 * generated, do not edit: compiled from schemas/scenario.schema.json by tools/gen-types.ts
 * (run `npm run gen:types` after changing the schema).
 * Properties with a default are required here: loaders fill every default.
 */

/**
 * A user's own module, as a path relative to the scenario file (./name.ts or ./name.js). It must export the interface of the slot it fills (see
 * scenarios/examples/).
 */
export type ModulePath = string;

/**
 * One experiment of moe-repro: a teacher and a student soft-routed MoE, the three stages (feature learning, pruning, fine-tuning), what is recorded, the
 * thresholds of the paper's claims C1-C6, and an optional sweep. Written in YAML (comments allowed) or JSON. Unknown keys are errors; every field not given
 * takes the default stated here.
 */
export interface Scenario {
  /**
   * Optional pointer to this schema, for editors. Ignored by moe-repro.
   */
  $schema?: string;
  /**
   * Name of the scenario; the report is written to reports/<name>/.
   */
  name: string;
  /**
   * Free text shown at the top of the report: what this scenario reproduces.
   */
  description?: string;
  /**
   * Root seed. Every random draw (teacher, student initialisation, SGD data, evaluation samples) comes from a named stream split off this seed, so the same
   * scenario and seed give the same numbers.
   */
  seed: number;
  /**
   * Input dimension d: inputs are x ~ N(0, I_d). The feature-learning time is predicted to grow like sqrt(d) (claim C6).
   */
  d: number;
  teacher: TeacherSpec;
  student: StudentSpec;
  featureLearning: FeatureLearning;
  pruning: Pruning;
  fineTuning: FineTuning;
  recording: Recording;
  claims: ClaimThresholds;
  sweep?: Sweep;
}
/**
 * The teacher MoE the student learns from.
 */
export interface TeacherSpec {
  /**
   * Number of teacher experts m*.
   */
  experts: number;
  /**
   * How the teacher's router and expert directions are chosen: 'orthonormal' (routers orthonormal among themselves, experts among themselves; the paper's
   * natural default), 'random' (independent, uniform on the sphere) or 'explicit' (given in routerDirections and expertDirections).
   */
  geometry: "orthonormal" | "random" | "explicit";
  /**
   * With geometry 'orthonormal': also make every router orthogonal to every expert (all 2 m* directions orthonormal, needs d >= 2 m*); false draws the two sets
   * independently (needs d >= m*). Ignored by the other geometries.
   */
  routersOrthogonalToExperts: boolean;
  /**
   * Only with geometry 'explicit' (then required): the m* router directions v*_j, rows of length d.
   *
   * @minItems 1
   */
  routerDirections?: number[][];
  /**
   * Only with geometry 'explicit' (then required): the m* expert directions w*_j, rows of length d.
   *
   * @minItems 1
   */
  expertDirections?: number[][];
}
/**
 * The student MoE, initialised with routers and experts uniform on the unit sphere (from the 'student' stream).
 */
export interface StudentSpec {
  /**
   * Number of student experts m. Over-parameterisation m > m* is what the paper's feature-learning result needs (claim C1).
   */
  experts: number;
}
/**
 * Stage 1: train the over-parameterised student from its random initialisation; the paper predicts each teacher expert is recovered, experts before routers,
 * one teacher after another (claims C1-C3).
 */
export interface FeatureLearning {
  /**
   * Training engine: 'flow' (exact gradient flow on the population loss, float64, cost independent of d), 'sgd' (online batch SGD on fresh Gaussian samples, as
   * in the paper's experiment), a path to a user module exporting a training engine, or { command: [...] }, an external training program
   * (docs/engine-protocol.md).
   */
  engine: ("flow" | "sgd") | ModulePath | CommandEngine;
  /**
   * Horizon in flow time (for 'sgd': learning rate x steps).
   */
  time: number;
  /**
   * Stop early once every teacher expert is recovered (expert and router alignment >= claims.recoveryThreshold, as in C1). false runs to the horizon, which
   * lets the surplus students settle (e.g. into cancelling pairs).
   */
  stopWhenRecovered: boolean;
  /**
   * Also run the exact gradient flow from the same initialisation, with the same horizon and stopping rule, and show it beside this stage (dashed under its
   * alignment curves, its recovery time in the tables): how closely SGD or your engine follows the flow it simulates. Ignored when the engine is 'flow'.
   */
  compareWithFlow: boolean;
  flow: FlowSettings;
  sgd: SgdSettings;
  /**
   * Settings handed to a user engine (module or command) as its `options`; checked against the engine's optionsSchema when it declares one. Not allowed with
   * 'flow' and 'sgd', whose settings are the flow and sgd blocks.
   */
  options: {
    [k: string]: unknown | undefined;
  };
}
/**
 * An external training program in any language (Python, Julia, ...), speaking the engine protocol of docs/engine-protocol.md: it reads the problem (JSON) on
 * standard input, or from the file named by the environment variable MOE_REPRO_PROBLEM, and writes one JSON line {"t": ..., "student": {"routers": [[...]],
 * "experts": [[...]]}} per snapshot on standard output; moe-repro computes the exact loss, alignments, events and claims from the snapshots.
 */
export interface CommandEngine {
  /**
   * The program and its arguments, run without a shell in `cwd`, e.g. [python3, train.py].
   *
   * @minItems 1
   */
  command: string[];
  /**
   * Working folder of the program, relative to the scenario file (default: the scenario file's folder).
   */
  cwd?: string;
  /**
   * Seconds moe-repro waits for each line of output (a snapshot) or for the program to exit (default 600); a program silent for longer is killed and the run
   * fails, naming the last line read.
   */
  timeout?: number;
  /**
   * A JSON Schema (draft-07) file for the stage's `options`, relative to the scenario file: the options are then checked like the rest of the scenario (unknown
   * keys and wrong types are errors at FILE:LINE:COL) and its defaults filled in. Without it the options reach the program unchecked, with a warning.
   */
  optionsSchema?: string;
}
/**
 * Settings of the exact gradient-flow engine (engine 'flow').
 */
export interface FlowSettings {
  /**
   * ODE integrator: 'auto' (dopri5 where the flow moves, the exponential Rosenbrock method exprb43 where it is stiff and slow, switched by cost: the plateaus
   * of large d cost ~accuracy, not ~sqrt(d); src/dynamics/flow/autoControl.ts), 'dopri5' (adaptive Dormand-Prince 5(4), error controlled by rtol and atol;
   * accurate while alignments move, held at h <= 3.3 / rho on stiff plateaus), 'exprb43' (the exponential method alone), 'rkc' (adaptive second-order
   * Runge-Kutta-Chebyshev: its stability interval grows with its stage count) or 'rk4' (classical Runge-Kutta with the fixed step `step`, a reference).
   */
  method: "auto" | "dopri5" | "exprb43" | "rkc" | "rk4";
  /**
   * Relative error tolerance per step of the adaptive integrator. The default moves event times by <= 1.2e-5 relative at d = 10^6 and alignments by <= 2.5e-8
   * on the figure's run, against rtol 1e-11 (tools/flowTolerance.ts); the claims need event times to ~1e-4.
   */
  rtol: number;
  /**
   * Absolute error tolerance per step of the adaptive integrator (default rtol / 100, as measured with it).
   */
  atol: number;
  /**
   * How each pair term of the population loss and gradient is computed: 'moment-table' (router moments tabulated once as functions of the routers' angle;
   * ~1e-15 from the 96-node quadrature, tools/kernelAccuracy.ts) or 'gauss-hermite' (2-D Gauss-Hermite quadrature with quadratureNodes per axis, the engine
   * before it).
   */
  pairKernel: "moment-table" | "gauss-hermite";
  /**
   * Gauss-Hermite nodes per axis of the 2-D quadrature (pairKernel 'gauss-hermite' only). 24 gives a relative error of the loss up to 7e-8, 40 up to 2e-11
   * (tools/kernelAccuracy.ts); cost grows like the square.
   */
  quadratureNodes: number;
  /**
   * Largest step of the adaptive integrators, in flow time (default: none; the record grid bounds steps, and the exponential steps of 'auto' need room on
   * plateaus).
   */
  maxStep?: number;
  /**
   * Fixed step of the integrator 'rk4', in flow time.
   */
  step: number;
}
/**
 * Settings of the online-SGD engine (engine 'sgd'): every step draws a fresh batch x ~ N(0, I_d) from the 'data' stream.
 */
export interface SgdSettings {
  /**
   * Step size eta; one step advances flow time by eta.
   */
  learningRate: number;
  /**
   * Scale the step with the dimension: learningRate x (d / reference)^exponent at each d (a sweep over d then keeps the step at the same fraction of the
   * largest stable one). null: learningRate at every d.
   */
  learningRateScaling: null | {
    /**
     * The d at which the step is learningRate.
     */
    reference: number;
    /**
     * Power of d / reference the step scales with (online SGD with information exponent 3 needs -1.5).
     */
    exponent: number;
  };
  /**
   * Fresh Gaussian samples per step.
   */
  batch: number;
  /**
   * Where the step is computed: 'full', the literal online SGD in R^d on tfjs (float32, cost ~ B d m per step); 'span', online SGD in the span of the current
   * directions, exactly in distribution for any d, float64, cost independent of d (src/dynamics/sgd/spanSgdStep.ts), recording the exact loss; 'auto', 'span'
   * where the problem is drawn in the span (d > 20000), else 'full'.
   */
  space: "auto" | "full" | "span";
  /**
   * tfjs backend of a 'full' run (float32): 'wasm', 'cpu', 'tensorflow' (tfjs-node, only if installed) or 'auto' (the fastest one available).
   */
  backend: "auto" | "wasm" | "cpu" | "tensorflow";
  /**
   * Samples (from the 'evaluation' stream) of the Monte-Carlo test loss recorded along a 'full' run ('span' records the exact loss).
   */
  evalSamples: number;
}
/**
 * Stage 2: remove the redundant students without changing the function (claim C4).
 */
export interface Pruning {
  /**
   * Pruning rule: 'cancel-groups' (remove groups of students whose summed output cancels, and students matched to no teacher, keeping one per teacher expert),
   * 'best-aligned' (keep only the best-aligned student per teacher expert) or a path to a user module exporting a pruning rule.
   */
  rule: ("cancel-groups" | "best-aligned") | ModulePath;
  /**
   * A group of students whose summed output has squared L2 norm E[(sum of their outputs)^2] below this counts as cancelling.
   */
  cancelTolerance: number;
}
/**
 * Stage 3: train the pruned student to a global optimum (claim C5). A built-in engine uses the settings of featureLearning.flow or featureLearning.sgd.
 */
export interface FineTuning {
  /**
   * Training engine: 'flow' (exact gradient flow on the population loss, float64, cost independent of d), 'sgd' (online batch SGD on fresh Gaussian samples, as
   * in the paper's experiment), a path to a user module exporting a training engine, or { command: [...] }, an external training program
   * (docs/engine-protocol.md).
   */
  engine: ("flow" | "sgd") | ModulePath | CommandEngine;
  /**
   * Stop once the population loss is at most this.
   */
  targetLoss: number;
  /**
   * Give up after this much flow time if targetLoss is not reached.
   */
  maxTime: number;
  /**
   * Settings handed to a user engine (module or command) for fine-tuning; checked against its optionsSchema when it declares one. Not allowed with 'flow' and
   * 'sgd'.
   */
  options: {
    [k: string]: unknown | undefined;
  };
}
/**
 * When training records (loss, router and expert alignments) are taken; both grids are merged.
 */
export interface Recording {
  /**
   * Records on a uniform grid of the stage's time span.
   */
  uniformPoints: number;
  /**
   * Extra records on a log-spaced grid (resolves the early phase and the fine-tuning tail); 0 for none.
   */
  logPoints: number;
}
/**
 * Thresholds of the verdicts on the paper's claims C1-C6 and on the theory's predictions C7-C10 (C11 uses C1's and C5's).
 */
export interface ClaimThresholds {
  /**
   * C1-C3: a teacher expert counts as recovered when its matched student's expert and router alignments are both at least this (0.9 in the paper's proof).
   */
  recoveryThreshold: number;
  /**
   * C1: flow time by which every teacher expert must be recovered; null means by the end of feature learning.
   */
  recoveryTimeBound: null | number;
  /**
   * C4: largest accepted increase of the loss by pruning (loss after - loss before); any decrease is accepted.
   */
  pruneLossTolerance: number;
  /**
   * C5: fine-tuning must reach a population loss at most this.
   */
  fineTuneLoss: number;
  /**
   * C5: after fine-tuning every kept student's expert and router alignment with its teacher must be at least 1 - gap.
   */
  fineTuneAlignmentGap: number;
  timeLawExponent: TimeLawExponent;
  escapeLaw: RelativeBound;
  multiPair: RelativeBound1;
  routerLag: RouterLagBounds;
  /**
   * C10: the fitted fine-tuning rate must lie in [2 lambda_min (1 - tol), 2 lambda_c (1 + tol)], lambda_min the smallest non-zero eigenvalue of the Hessian at
   * the optimum and lambda_c the top of its slowest cluster (equal for an orthonormal teacher). Measured (test-support/claims/regimes.ts): relative distance
   * outside the cluster median 1.9e-5, 38 of 41 judged runs within 4.1e-3, then 0.0120, 0.0122 and 0.064.
   */
  fineTuningRate: number;
}
/**
 * C6: over a sweep of d, the fitted slope of log(T z) against log d must lie within tolerance of expected, T the first-recovered teacher's expert time and z =
 * r0 sqrt(d) its crossing student's standardised initial overlap (theory: T = sqrt(d) / (kappa z)).
 */
export interface TimeLawExponent {
  /**
   * Predicted exponent (T z ~ d^0.5 from the information exponent 3 of He3).
   */
  expected: number;
  /**
   * Largest accepted |fitted slope - expected|.
   */
  tolerance: number;
}
/**
 * C7: the first-recovered teacher's expert time T must satisfy |T / T_pred - 1| <= coefficient / (r0 d) + floor, T_pred the one-pair closed form from the
 * crossing student's initial overlap r0 (1/(r0 d) = 1/(z sqrt(d)) is the order of the terms the leading order drops; floor covers the integrator's event
 * timing). Set from a measured distribution (test-support/claims/regimes.ts, THEORY_MEASUREMENT): |T / T_pred - 1| r0 d had median 0.40 and worst 2.20 over 37
 * judged runs, d 10^3-10^8, so coefficient 3 (default {coefficient: 3, floor: 0.001}).
 */
export interface RelativeBound {
  /**
   * Multiplies 1/(r0 d) (required: each claim's default is its own measured value).
   */
  coefficient: number;
  /**
   * Added relative tolerance (the integrator's event timing).
   */
  floor: number;
}
/**
 * C9: every teacher's expert time T must satisfy |T / T_LO - 1| <= coefficient / (r0 d) + floor, T_LO the multi-pair leading-order model's time for it, with
 * the same crossing student. Set from a measured distribution (test-support/claims/regimes.ts, THEORY_MEASUREMENT): |T / T_LO - 1| r0 d had median 0.083 and
 * worst 2.81 over 76 judged teachers (later teachers, held in a cancelling pair, the worst), so coefficient 4 (default {coefficient: 4, floor: 0.001}).
 */
export interface RelativeBound1 {
  /**
   * Multiplies 1/(r0 d) (required: each claim's default is its own measured value).
   */
  coefficient: number;
  /**
   * Added relative tolerance (the integrator's event timing).
   */
  floor: number;
}
/**
 * C8: for the first-recovered teacher, the router overlap at the expert's threshold time must be at most routerAtExpertTime and the router lag must be within
 * tolerance (flow time) of the one-pair prediction.
 */
export interface RouterLagBounds {
  /**
   * Largest accepted router overlap of the crossing student when its expert passes the threshold (measured: median 0.047, worst 0.124 over 37 runs;
   * test-support/claims/regimes.ts).
   */
  routerAtExpertTime: number;
  /**
   * Largest accepted |measured lag - predicted lag|, flow time (measured: median 4.2e-5, second worst 0.108, worst 1.42 over 37 runs, the worst at d = 1000
   * where another student interferes; at d >= 10^4 worst 1.8e-4; test-support/claims/regimes.ts).
   */
  tolerance: number;
}
/**
 * Runs this scenario at every point of the cartesian product of the axes (first axis outermost), each replicated with seeds seed, seed + 1, ...
 */
export interface Sweep {
  /**
   * The axes of the sweep.
   *
   * @minItems 1
   */
  over: SweepAxis[];
  /**
   * Runs per point, with root seeds seed, seed + 1, ..., seed + replicates - 1.
   */
  replicates: number;
}
/**
 * One axis of a sweep: a field of this scenario and the values it takes.
 */
export interface SweepAxis {
  /**
   * Dotted path of a field of this scenario, e.g. 'd', 'student.experts' or 'featureLearning.sgd.learningRate'.
   */
  field: string;
  /**
   * Values the field takes; each must be valid for that field.
   *
   * @minItems 1
   */
  values: unknown[];
}
