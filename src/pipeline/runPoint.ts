import type { Point, Stage, Theory } from '../generated/metrics.ts';
import type { Scenario } from '../generated/scenario.ts';
import { alignments } from '../measure/alignment.ts';
import { matchStudents } from '../measure/matching.ts';
import { toRows } from '../core/mat.ts';
import type { MoeParams } from '../model/params.ts';
import { selectRows } from '../model/selectRows.ts';
import { kernelMatrix } from '../population/kernelMatrix.ts';
import { populationLoss } from '../population/quadrature.ts';
import { SeedStreams } from '../core/streams.ts';
import { CLAIMS } from '../claims/titles.ts';
import { claimFineTuning, claimGuided, claimPruning, claimRecovery, claimSequential } from '../claims/pointClaims.ts';
import { theoryClaims } from '../claims/theoryClaims.ts';
import { fineTuningPrediction } from '../theory/fineTuningPrediction.ts';
import { leadingOrder } from '../theory/leadingOrder.ts';
import { multiPairEvents } from '../theory/multiPairFlow.ts';
import { multiPairEventsInThread } from '../theory/multiPairThread.ts';
import { parallelism } from '../population/kernel/parallelism.ts';
import { teacherPredictions } from '../theory/teacherPredictions.ts';
import type { FlowMethod } from '../dynamics/flow/integrateFlow.ts';
import { fitRate } from '../claims/fitRate.ts';
import type { TrainingOutput } from './engines/engine.ts';
import { flowEngine } from './engines/flowEngine.ts';
import { buildProblem } from './problem.ts';
import { resolveEngine, resolvePruningRule } from './resolve.ts';
import { checkedOptions } from './engineOptions.ts';

/** Progress of one point: stage name, fraction of the stage done, status text. */
export type PointProgress = (stage: string, fraction: number, status: string) => void;

/** What the run of one point returns besides the metrics: the backend it used (if any). */
export interface PointResult {
  point: Point;
  backend?: string;
}

/**
 * Runs one resolved scenario point end to end: draw teacher and student,
 * feature learning, pruning, fine-tuning, claims C1-C5, and the theory's
 * predictions for this initialisation (src/theory: the multi-pair
 * leading-order flow from the same start, the one-pair escape and router
 * lag per teacher, the Hessian's fine-tuning rate) with claims C7-C11.
 * Pure apart from the progress callback: it returns the metrics; the caller
 * writes them.
 */
export async function runPoint(
  s: Scenario, id: string, overrides: Record<string, unknown>, scenarioFile: string, onProgress?: PointProgress,
): Promise<PointResult> {
  const streams = new SeedStreams(s.seed);
  const fl = s.featureLearning;
  const flEngine = await resolveEngine(fl.engine, scenarioFile, 'featureLearning.engine');
  const flSettings = checkedOptions(flEngine, settingsFor(fl.engine, s, 'featureLearning'), 'featureLearning.options');
  const problem = buildProblem(s, streams, flEngine.needsVectors?.(flSettings, s.d) ?? true);
  const { teacher } = problem;
  const threshold = s.claims.recoveryThreshold;
  const nodes = fl.flow.quadratureNodes;
  const quadrature = { nodes, kernel: fl.flow.pairKernel };
  // The multi-pair model needs only the start: given more than one thread (the command line's points), it runs on its
  // own beside the feature learning; else after it, here.
  const multiPairOptions = {
    time: fl.time, threshold, stopWhenRecovered: fl.stopWhenRecovered,
    method: fl.flow.method as FlowMethod | undefined, rtol: fl.flow.rtol, atol: fl.flow.atol, maxStep: fl.flow.maxStep,
  };
  const multiPairAside = parallelism() > 1 ? multiPairEventsInThread(teacher, problem.student, multiPairOptions) : null;
  // A failed feature learning stops the model's thread too.
  const guarded = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      multiPairAside?.cancel();
      throw e;
    }
  };
  let clock = performance.now();
  const flOut = await guarded(() => flEngine.train({
    teacher, student: problem.student, d: s.d, time: fl.time, stopWhenRecovered: fl.stopWhenRecovered, threshold,
    uniformPoints: s.recording.uniformPoints, logPoints: s.recording.logPoints, quadratureNodes: nodes,
    settings: flSettings, streams: streams.child('featureLearning'),
    onProgress: (f, st) => onProgress?.('feature learning', f, st),
  }));
  const featureLearning = stageOf(flEngine.name, fl.time, flOut, teacher, (performance.now() - clock) / 1000);
  if (fl.compareWithFlow && flEngine.name !== 'flow') {
    clock = performance.now();
    const ref = await guarded(() => flowEngine.train({
      teacher, student: problem.student, d: s.d, time: fl.time, stopWhenRecovered: fl.stopWhenRecovered, threshold,
      uniformPoints: s.recording.uniformPoints, logPoints: s.recording.logPoints, quadratureNodes: nodes, settings: { ...fl.flow },
      streams: streams.child('referenceFlow'),
      onProgress: (f, st) => onProgress?.('exact flow (reference)', f, st),
    }));
    featureLearning.reference = { ...stageOf(flowEngine.name, fl.time, ref, teacher, (performance.now() - clock) / 1000), recoveryTime: ref.recoveryTime };
  }
  onProgress?.('theory', 0, 'multi-pair leading-order model');
  const multiPair = multiPairAside ? await multiPairAside.result : multiPairEvents(teacher, problem.student, multiPairOptions);

  const rule = await resolvePruningRule(s.pruning.rule, scenarioFile, 'pruning.rule');
  onProgress?.('pruning', 0, 'kernel matrix');
  const trained = flOut.student;
  const decision = await rule.prune({ teacher, student: trained, kernel: kernelMatrix(trained, quadrature), cancelTolerance: s.pruning.cancelTolerance, threshold });
  const pruned = selectRows(trained, decision.kept);
  const lossBefore = populationLoss(teacher, trained, quadrature);
  const lossAfter = populationLoss(teacher, pruned, quadrature);
  const before = alignments(trained, teacher);
  const after = alignments(pruned, teacher);
  const pruning = {
    rule: rule.name, kept: decision.kept, removed: decision.removed, lossBefore, lossAfter, lossChange: lossAfter - lossBefore,
    tolerance: s.claims.pruneLossTolerance,
    before: { router: toRows(before.router), expert: toRows(before.expert) },
    after: { router: toRows(after.router), expert: toRows(after.expert) },
  };

  const ft = s.fineTuning;
  let fineTuning: Stage | undefined;
  if (decision.kept.length > 0) {
    const ftEngine = await resolveEngine(ft.engine, scenarioFile, 'fineTuning.engine');
    clock = performance.now();
    const ftOut = await ftEngine.train({
      teacher, student: pruned, d: s.d, time: ft.maxTime, stopWhenRecovered: false, targetLoss: ft.targetLoss, threshold,
      uniformPoints: s.recording.uniformPoints, logPoints: s.recording.logPoints, quadratureNodes: nodes,
      settings: ft.engine === 'flow'
        ? { ...settingsFor(ft.engine, s, 'fineTuning'), ...FINE_TUNING_TOLERANCES }
        : checkedOptions(ftEngine, settingsFor(ft.engine, s, 'fineTuning'), 'fineTuning.options'),
      streams: streams.child('fineTuning'),
      onProgress: (f, st) => onProgress?.('fine-tuning', f, st),
    });
    fineTuning = stageOf(ftEngine.name, ft.maxTime, ftOut, teacher, (performance.now() - clock) / 1000);
    fineTuning.rate = fitRate(ftOut.records, ft.targetLoss);
  }
  const { kappa, routerRate } = leadingOrder();
  const theory: Theory = {
    kappa, routerRate, threshold,
    teachers: teacherPredictions(featureLearning, teacher.routers.rows, s.d, threshold, multiPair),
    ...(fineTuning && decision.kept.length === teacher.routers.rows
      ? { fineTuning: fineTuningPrediction(teacher, s.d, fineTuning.rate?.perTime ?? null, nodes) }
      : {}),
  };
  const th = s.claims;
  const claims = [
    claimRecovery(featureLearning, flOut.recoveryTime, s.d, th),
    claimGuided(featureLearning, th),
    claimSequential(featureLearning, th),
    claimPruning(pruning, teacher.routers.rows, th),
    fineTuning ? claimFineTuning(fineTuning, th) : { id: 'C5' as const, title: CLAIMS.C5.title, verdict: 'not-evaluated' as const, evidence: 'pruning kept no student' },
  ];
  const base = { d: s.d, mStar: s.teacher.experts, featureLearning, pruning, fineTuning, claims, theory };
  claims.push(...theoryClaims(base, th));
  const point: Point = {
    id, overrides, seed: s.seed, d: s.d, m: s.student.experts, mStar: s.teacher.experts,
    featureLearning, pruning, fineTuning, claims, theory,
  };
  return { point, backend: flOut.backend };
}

/**
 * Fine-tuning drives the loss to ~1e-12: the integrator's tolerances must be
 * tighter than those adequate for feature learning, or the error control
 * stalls progress near the optimum.
 */
const FINE_TUNING_TOLERANCES = { rtol: 1e-10, atol: 1e-13 };

/** Engine settings from the scenario: `flow` or `sgd` blocks for built-ins, `options` for a user's module. */
function settingsFor(engine: Scenario['featureLearning']['engine'], s: Scenario, stage: 'featureLearning' | 'fineTuning'): Record<string, unknown> {
  if (engine === 'flow') return { ...s.featureLearning.flow };
  if (engine === 'sgd') return { ...s.featureLearning.sgd };
  return { ...((stage === 'featureLearning' ? s.featureLearning.options : s.fineTuning.options) ?? {}) };
}

/** The metrics of a stage from an engine's output. */
function stageOf(engine: string, horizon: number, out: TrainingOutput, teacher: MoeParams, wallSeconds: number): Stage {
  const al = alignments(out.student, teacher);
  const matching = matchStudents(al).map((mt) => ({
    teacher: mt.teacher, student: mt.student,
    expert: Number.isFinite(mt.expert) ? mt.expert : null,
    router: Number.isFinite(mt.router) ? mt.router : null,
  }));
  return {
    engine, method: out.method, horizon, wallSeconds,
    records: out.records, events: out.events,
    final: { t: out.t, loss: out.loss, router: toRows(al.router), expert: toRows(al.expert) },
    matching,
    ...(out.backend ? { backend: out.backend } : {}),
    ...(out.steps !== undefined ? { steps: out.steps } : {}),
    ...(out.sgd ? { sgd: out.sgd } : {}),
  };
}
