/* eslint-disable */
/**
 * generated, do not edit: compiled from schemas/metrics.schema.json by tools/gen-types.ts
 * (run `npm run gen:types` after changing the schema).
 * Properties with a default are required here: loaders fill every default.
 */

/**
 * Alignments, one row per student expert, one column per teacher expert (rectangular, m* >= 1 columns); entries are cosines in [-1, 1] (a 1e-9 slack admits
 * round-off).
 */
export type AlignmentMatrix = number[][];
/**
 * A claim evaluated on one point; C1 must carry recoveryDetails.
 */
export type PointClaim = Claim;
/**
 * A claim aggregated over the run; C6, when evaluated (holds/fails), must carry timeScaleDetails.
 */
export type RunClaim = Claim;

/**
 * What one run of `moe-repro run scenario.yaml` writes as reports/<scenario>/metrics.json: the resolved scenario, the seed and environment, one entry per sweep
 * point (feature learning -> pruning -> fine-tuning) and the verdicts on the paper's claims C1..C6 and on the theory's quantitative predictions C7..C11.
 * Conventions: times are flow times (for SGD: steps x learning rate) and restart at 0 at the start of each stage; losses are the population loss L = 1/2
 * E[(f(x) - f*(x))^2] (exact engine) or its held-out estimate (SGD); alignment matrices have one row per student expert and one column per teacher expert,
 * entry [i][j] = <u_i/|u_i|, u*_j/|u*_j|>; indices are 0-based. Numbers that could not be computed are null, never NaN (JSON has no NaN).
 */
export interface Metrics {
  /**
   * Version of this schema; bumped on any incompatible change.
   */
  schemaVersion: 1;
  scenario: ScenarioInfo;
  /**
   * The root seed of the run: every random stream (teacher, student init, data, evaluation) is derived from it, so the same scenario and seed give the same
   * numbers.
   */
  seed: number;
  environment: Environment;
  /**
   * One entry per sweep point, in sweep order (at least one); exactly one when the scenario has no sweep.
   */
  points: Point[];
  /**
   * The verdicts on C1..C11 aggregated over all points, each id exactly once, in order C1..C11. A claim that could not be evaluated (e.g. C6 without a sweep
   * over d) has verdict 'not-evaluated' and says why in its evidence.
   */
  claims: RunClaim[];
  sweep?: SweepInfo;
}
/**
 * Which scenario was run.
 */
export interface ScenarioInfo {
  /**
   * Scenario name (also the report folder name).
   */
  name: string;
  /**
   * Path of the scenario file as given on the command line.
   */
  file: string;
  /**
   * The scenario's own description, if it has one.
   */
  description?: string;
  /**
   * The full resolved scenario configuration (every default filled in, sweeps not yet expanded), free-form: its shape is the scenario schema's.
   */
  resolved: {
    [k: string]: unknown | undefined;
  };
  /**
   * SHA-256 (hex) of `resolved` in canonical JSON (keys sorted at every level): the identity of the run's configuration. Shards of one sweep share it;
   * `moe-repro merge` joins only shards with the same hash.
   */
  hash?: string;
  /**
   * Command-line overrides applied on top of the file (`moe-repro run --set FIELD=VALUE`), as typed, in order; already part of `resolved`.
   */
  overrides?: string[];
}
/**
 * Where and with what the run was made.
 */
export interface Environment {
  /**
   * moe-repro package version.
   */
  moeRepro: string;
  /**
   * Node.js version (process.version).
   */
  node: string;
  /**
   * process.platform, e.g. 'linux'.
   */
  platform: string;
  /**
   * process.arch, e.g. 'x64'.
   */
  arch: string;
  /**
   * Number of logical CPUs seen by the run.
   */
  cpus: number;
  /**
   * Numerical backend: 'none (float64 exact engine)' when no tfjs stage ran, else the tfjs backend name ('cpu', 'wasm', 'tensorflow').
   */
  backend: string;
  /**
   * Versions of the libraries that produced the numbers, name -> version (e.g. '@tensorflow/tfjs-core': '4.22.0').
   */
  versions: {
    [k: string]: string | undefined;
  };
  /**
   * Start of the run, ISO 8601 date-time (new Date().toISOString()).
   */
  startedAt: string;
  /**
   * Wall-clock duration of the whole run, seconds.
   */
  wallSeconds: number;
  /**
   * The git commit of the moe-repro checkout that produced the run, and whether its tracked files (outside reports/ and references/, which hold run outputs)
   * differed from that commit; null when it is not a git checkout (e.g. an installed package) or git is unavailable.
   */
  git?: null | {
    /**
     * Full commit hash (git rev-parse HEAD).
     */
    commit: string;
    /**
     * True when a tracked file outside reports/ and references/ had uncommitted changes (git status --porcelain --untracked-files=no).
     */
    dirty: boolean;
  };
}
/**
 * One sweep point: the three stages run on one teacher/student draw, and the claims evaluated on it. featureLearning is stage 1, joint training of routers and
 * experts from the random initialisation (matrices m x m*). pruning is stage 2. fineTuning is stage 3, training of the pruned student with time restarting at
 * 0; its matrix rows are the kept students in the order of pruning.kept, and student indices in its matching/events are those row indices (original index =
 * pruning.kept[row]).
 */
export interface Point {
  /**
   * Identifier of the point, unique within the run (e.g. 'd=1000').
   */
  id: string;
  /**
   * The swept field values of this point, dotted path -> value ({} without a sweep).
   */
  overrides: {
    [k: string]: unknown | undefined;
  };
  /**
   * The seed this point's streams were derived from.
   */
  seed: number;
  /**
   * Input dimension.
   */
  d: number;
  /**
   * Number of student experts at the start of feature learning.
   */
  m: number;
  /**
   * Number of teacher experts m*.
   */
  mStar: number;
  featureLearning: Stage;
  pruning?: Pruning;
  fineTuning?: Stage;
  /**
   * The claims evaluated on this point (C1..C5 and C7..C11; C6 only exists over a sweep). C1 is always present and carries the recovery time T in its details
   * (see recoveryDetails); the C6 plot (T against d, log-log) is drawn from points[].d and points[].claims[id = C1].details.T.
   */
  claims: PointClaim[];
  theory?: Theory;
}
/**
 * One training stage (feature learning or fine-tuning): its engine, the recorded trajectory, the threshold events and the final state.
 */
export interface Stage {
  /**
   * Training engine by registered name, e.g. 'exact-flow', 'sgd', or a user's module.
   */
  engine: string;
  /**
   * Integrator or optimiser within the engine, e.g. 'rk45' or 'momentum'.
   */
  method?: string;
  /**
   * Time horizon the stage was allowed (flow time units).
   */
  horizon: number;
  /**
   * Wall-clock duration of the stage, seconds.
   */
  wallSeconds: number;
  /**
   * The recorded trajectory, in increasing time; at least the initial state.
   */
  records: StageRecord[];
  /**
   * First times a matched student's alignment passed a threshold (C2, C3).
   */
  events: StageEvent[];
  final: StageFinal;
  /**
   * At the final time, for each teacher expert j (in order 0..m*-1): the student matched to it (maximal summed expert alignment, one-to-one) and that student's
   * alignments.
   */
  matching: StageMatch[];
  rate?: ConvergenceRate;
  /**
   * tfjs backend this stage ran on (SGD stages).
   */
  backend?: string;
  /**
   * Number of optimiser steps taken (step-based engines).
   */
  steps?: number;
  /**
   * Online-SGD stages: the step size used at this d, the batch, where the step ran and the samples drawn (steps x batch).
   */
  sgd?: {
    learningRate: number;
    batch: number;
    space: "full" | "span";
    samples: number;
  };
  /**
   * First time every teacher was recovered at once (C1's condition), or null; given for a reference stage.
   */
  recoveryTime?: null | number;
  reference?: Stage1;
}
/**
 * The state of a stage at one recorded time: loss, router alignments <v_i/|v_i|, v*_j/|v*_j|> and expert alignments <w_i/|w_i|, w*_j/|w*_j|>.
 */
export interface StageRecord {
  /**
   * Time since the start of the stage (flow time; for SGD steps x learning rate).
   */
  t: number;
  /**
   * Optimiser step count (step-based engines).
   */
  step?: number;
  /**
   * Population loss (exact engine) or held-out estimate (SGD); >= 0 exactly, and as computed down to the rounding floor of a cancelling sum, -64 u 3 (m + m*)^2
   * with u = 2^-53 (src/core/rounding.ts, checked beside this schema): a converged student can give e.g. -4.45e-15, reported as computed.
   */
  loss: number;
  /**
   * The engine's own loss estimate at this time, as it reported it (e.g. the minibatch loss of an external training program); `loss` is the exact population
   * loss computed by moe-repro from the snapshot.
   */
  engineLoss?: number;
  router: AlignmentMatrix;
  expert: AlignmentMatrix;
}
/**
 * The first time teacher j's matched student passed an alignment threshold.
 */
export interface StageEvent {
  teacher: number;
  student: number;
  /**
   * Which alignment passed: the expert's or the router's.
   */
  kind: "expert" | "router";
  threshold: number;
  /**
   * Time since the start of the stage.
   */
  t: number;
  /**
   * The same student's other alignment with that teacher at the crossing (router alignment at an expert event, expert alignment at a router event),
   * interpolated like t.
   */
  other?: number;
}
/**
 * The state at the end of the stage.
 */
export interface StageFinal {
  t: number;
  /**
   * Loss at the end of the stage (as in stageRecord.loss, possibly below 0 by rounding).
   */
  loss: number;
  router: AlignmentMatrix;
  expert: AlignmentMatrix;
}
/**
 * Teacher expert j and its matched student. With fewer students than teachers some teachers are unmatched: student -1, alignments null.
 */
export interface StageMatch {
  teacher: number;
  student: number;
  expert: number | null;
  router: number | null;
}
/**
 * Fine-tuning: least-squares fit of log loss = log C - perTime * t over the tail of the stage (linear convergence, C5).
 */
export interface ConvergenceRate {
  /**
   * Fitted rate, per unit flow time (loss ~ C exp(-perTime t)).
   */
  perTime: number;
  /**
   * Coefficient of determination of the fit (1 = exactly exponential).
   */
  r2: number;
  /**
   * Number of records the fit used.
   */
  points: number;
}
/**
 * The exact gradient flow from the same initialisation with the same horizon and stopping rule (featureLearning.compareWithFlow).
 */
export interface Stage1 {
  /**
   * Training engine by registered name, e.g. 'exact-flow', 'sgd', or a user's module.
   */
  engine: string;
  /**
   * Integrator or optimiser within the engine, e.g. 'rk45' or 'momentum'.
   */
  method?: string;
  /**
   * Time horizon the stage was allowed (flow time units).
   */
  horizon: number;
  /**
   * Wall-clock duration of the stage, seconds.
   */
  wallSeconds: number;
  /**
   * The recorded trajectory, in increasing time; at least the initial state.
   */
  records: StageRecord[];
  /**
   * First times a matched student's alignment passed a threshold (C2, C3).
   */
  events: StageEvent[];
  final: StageFinal;
  /**
   * At the final time, for each teacher expert j (in order 0..m*-1): the student matched to it (maximal summed expert alignment, one-to-one) and that student's
   * alignments.
   */
  matching: StageMatch[];
  rate?: ConvergenceRate;
  /**
   * tfjs backend this stage ran on (SGD stages).
   */
  backend?: string;
  /**
   * Number of optimiser steps taken (step-based engines).
   */
  steps?: number;
  /**
   * Online-SGD stages: the step size used at this d, the batch, where the step ran and the samples drawn (steps x batch).
   */
  sgd?: {
    learningRate: number;
    batch: number;
    space: "full" | "span";
    samples: number;
  };
  /**
   * First time every teacher was recovered at once (C1's condition), or null; given for a reference stage.
   */
  recoveryTime?: null | number;
  reference?: Stage1;
}
/**
 * Stage 2: removal of redundant students (cancelling groups, students matched to no teacher), keeping one per teacher expert. before: alignments of all m
 * students just before pruning (m x m*); after: alignments of the kept students, rows in the order of kept.
 */
export interface Pruning {
  /**
   * Pruning rule by registered name, e.g. 'cancelling-groups' or 'best-aligned'.
   */
  rule: string;
  /**
   * Original indices of the kept students, in the order they appear as rows of the fine-tuning matrices and of after.*.
   */
  kept: number[];
  /**
   * Every removed student and why.
   */
  removed: RemovedStudent[];
  /**
   * Loss of the student just before pruning (as in stageRecord.loss, possibly below 0 by rounding).
   */
  lossBefore: number;
  /**
   * Loss of the pruned student (as in stageRecord.loss, possibly below 0 by rounding).
   */
  lossAfter: number;
  /**
   * lossAfter - lossBefore (signed).
   */
  lossChange: number;
  /**
   * Largest increase of the loss (lossChange) accepted as 'function preserved' (C4), from the scenario; a decrease is always accepted (pruning may lower the
   * loss).
   */
  tolerance: number;
  before: AlignmentPair;
  after: AlignmentPair;
}
/**
 * A student removed by pruning.
 */
export interface RemovedStudent {
  /**
   * Original student index.
   */
  student: number;
  /**
   * Why, in words with numbers (e.g. 'cancelling pair with 7: summed output norm 3e-13').
   */
  reason: string;
  /**
   * The other members of the cancelling group it was removed with, original indices.
   */
  group?: number[];
}
/**
 * Router and expert alignment matrices of one student set.
 */
export interface AlignmentPair {
  router: AlignmentMatrix;
  expert: AlignmentMatrix;
}
/**
 * A verdict on one claim. The paper's: C1 recovery, C2 guided by the experts, C3 sequential recovery, C4 pruning keeps the function unchanged (stricter than
 * the paper's pruning claim, C11), C5 fine-tuning, C6 time-scale law (on the escape times: T z against d). The theory's quantitative predictions (src/theory):
 * C7 escape law (first-recovered teacher's expert time against the one-pair closed form), C8 router lag (guided by the experts, quantitatively), C9 every
 * teacher's expert time against the multi-pair leading-order model, C10 fine-tuning rate against the Hessian at the optimum, C11 pruning as the paper states it
 * (one recovered student per teacher remains and fine-tuning reaches the optimum).
 */
export interface Claim {
  id: "C1" | "C2" | "C3" | "C4" | "C5" | "C6" | "C7" | "C8" | "C9" | "C10" | "C11";
  /**
   * The claim in a few words, e.g. 'Recovery of the teacher'.
   */
  title: string;
  verdict: "holds" | "fails" | "not-evaluated";
  /**
   * One sentence with the measured numbers that decided the verdict (or why it was not evaluated).
   */
  evidence: string;
  /**
   * The thresholds applied, from the scenario (e.g. {alignment: 0.9}).
   */
  threshold?: {
    [k: string]: unknown | undefined;
  };
  /**
   * Claim-specific numbers. Point C1: recoveryDetails. Run-level C6 (when evaluated): timeScaleDetails. Others: free-form.
   */
  details?: RecoveryDetails | TimeScaleDetails | OtherClaimDetails;
}
/**
 * C1 on a point: T is the first time every teacher expert had a matched student with expert and router alignment >= the threshold (flow time, feature-learning
 * stage); null if that never happened within the horizon.
 */
export interface RecoveryDetails {
  /**
   * Recovery time, or null if not recovered.
   */
  T: number | null;
  /**
   * T / sqrt(d), or null if not recovered (the paper's O(sqrt d) time scale makes it ~ constant in d).
   */
  TOverSqrtD: number | null;
  [k: string]: unknown | undefined;
}
/**
 * C6: least-squares fit ln(T z) = intercept + slope * ln d (natural logarithms) over the sweep points, T the expert time of the first-recovered teacher and z =
 * r0 sqrt(d) the standardised initial overlap of the student that crossed (theory: T = sqrt(d) / (kappa z), slope 1/2). fullRecovery is the same fit of the
 * full-recovery time T (claim C1), reported, not judged.
 */
export interface TimeScaleDetails {
  slope: number;
  /**
   * In natural-log units: T ~ exp(intercept) * d^slope.
   */
  intercept: number;
  /**
   * Coefficient of determination of the fit.
   */
  r2?: number | null;
  /**
   * Number of (d, T z) pairs in the fit.
   */
  points: number;
  /**
   * The fit of ln T(full recovery) on ln d over the recovered points, reported (null with fewer than two distinct d).
   */
  fullRecovery?: null | {
    slope: number;
    intercept: number;
    r2: number;
    points: number;
  };
  [k: string]: unknown | undefined;
}
export interface OtherClaimDetails {
  [k: string]: unknown | undefined;
}
/**
 * The leading-order theory's predictions for this point's initialisation (src/theory), against the measurement: per teacher its escape (expert threshold time),
 * the router's lag behind its expert, and the multi-pair model's times; for fine-tuning the rate from the Hessian at the optimum.
 */
export interface Theory {
  /**
   * 18 c0^2, c0 = E[sigmoid(z)]: dr/dt = kappa r^2 (1 - r^2) for an expert overlap r at leading order.
   */
  kappa: number;
  /**
   * 6 c1^2, c1 = E[sigmoid'(z)]: the router overlap's rate once its expert is aligned, at small router overlap.
   */
  routerRate: number;
  /**
   * The alignment threshold the times refer to (claims.recoveryThreshold).
   */
  threshold: number;
  teachers: TeacherPrediction[];
  fineTuning?: FineTuningPrediction;
}
/**
 * For one teacher expert: the student whose expert passed the threshold first and the theory's predictions from its initial overlaps, against the measurement
 * (feature-learning stage, flow time).
 */
export interface TeacherPrediction {
  teacher: number;
  /**
   * Recovery order by measured expert time (1 = first), null if the expert never passed the threshold.
   */
  order: number | null;
  /**
   * The student matched to this teacher when its expert passed the threshold, null if it never did.
   */
  student: number | null;
  /**
   * That student's initial expert overlap <w_i, w*_j> (t = 0).
   */
  r0: number | null;
  /**
   * r0 sqrt(d), the standardised initial overlap.
   */
  z: number | null;
  /**
   * That student's initial router overlap <v_i, v*_j>.
   */
  rho0: number | null;
  expertTime: PredictedMeasured;
  /**
   * The multi-pair leading-order model (the flow of the leading-order loss from the same start): its expert threshold time for this teacher, the student that
   * crossed there (null if none did by the horizon), whether that student was held in a cancelling pair first, and whether it shared another teacher first.
   */
  multiPair?: {
    predicted: number | null;
    student: number | null;
    /**
     * Whether, in the model, that student's expert was antiparallel to another student's (overlap <= -0.9: a cancelling pair) before its escape: the one-pair
     * law does not apply to it (claims C7, C8 and C6 leave such a teacher out). Null if it never crossed.
     */
    paired: boolean | null;
    /**
     * The other teacher whose expert that student overlapped by at least 0.5 (a shared representation) before its escape, in the model, or null: there the
     * model is least accurate (claim C9 leaves such a teacher out).
     */
    sharedWith: number | null;
  };
  routerAtExpertTime: PredictedMeasured1;
  routerLag: PredictedMeasured2;
}
/**
 * Expert threshold time: predicted by the one-pair closed form (1/kappa)[1/r0 - 1/th + atanh(th) - atanh(r0)] (null unless 0 < r0 < th), measured from the
 * event.
 */
export interface PredictedMeasured {
  predicted: number | null;
  measured: number | null;
}
/**
 * The crossing student's router overlap when its expert passed the threshold: predicted by the one-pair flow from (r0, rho0), measured at the event.
 */
export interface PredictedMeasured1 {
  predicted: number | null;
  measured: number | null;
}
/**
 * Router threshold time minus expert threshold time of the same student: predicted by the one-pair flow from (r0, rho0), measured (null when the router never
 * passed, or a different student passed it).
 */
export interface PredictedMeasured2 {
  predicted: number | null;
  measured: number | null;
}
/**
 * The fine-tuning rate predicted by the Hessian of the population loss at the optimum (student = teacher, on the product of unit spheres) against the rate
 * fitted on the stage's records (C5's fit): 2 lambda_min, and the top of the slowest eigenvalue cluster.
 */
export interface FineTuningPrediction {
  /**
   * Smallest non-zero eigenvalue of the Riemannian Hessian at the optimum.
   */
  lambdaMin: number;
  /**
   * 2 lambdaMin: the loss decays like exp(-2 lambdaMin t) near the optimum.
   */
  predictedRate: number;
  /**
   * 2 lambda_c, lambda_c the largest eigenvalue below 2 lambdaMin (the slowest cluster): modes within it separate only after a time ~1/(their difference), so a
   * run's rate lies in [predictedRate, clusterRate]; equal to predictedRate when the cluster is degenerate (orthonormal teacher).
   */
  clusterRate: number;
  /**
   * The stage's fitted rate (fineTuning.rate.perTime), null if none could be fitted.
   */
  fittedRate: number | null;
  /**
   * Dimension of the coordinates the Hessian was formed in (the teacher's span plus one orthogonal direction).
   */
  hessianDimension: number;
}
/**
 * Present when the scenario sweeps over fields; points[].overrides hold each point's values.
 */
export interface SweepInfo {
  /**
   * Dotted paths of the swept scenario fields (at least one), e.g. 'teacher.d' or 'student.experts'.
   */
  fields: string[];
  /**
   * Free text about the sweep (e.g. which shard(s) were merged).
   */
  note?: string;
  /**
   * Present when this run is one shard of the sweep (`run --shard i/n`): part `index` of `count`, the points whose expansion index is index - 1 modulo count.
   */
  shard?: {
    index: number;
    count: number;
  };
}
