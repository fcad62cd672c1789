import { alignments } from '../../measure/alignment.ts';
import { EventTracker, recoveredNow, type ThresholdEvent } from '../../measure/events.ts';
import type { TeacherMatch } from '../../measure/matching.ts';
import { availableParallelism } from 'node:os';
import { toRows, type Mat } from '../../core/mat.ts';
import type { MoeParams } from '../../model/params.ts';
import { populationLoss } from '../../population/quadrature.ts';
import type { SeedStreams } from '../../core/streams.ts';
import type { TrainingRecord } from '../records.ts';
import { checkDivergence } from './divergence.ts';
import { resolveSgdOptions, type ResolvedSgdOptions, type SgdOptions } from './sgdOptions.ts';
import { laneCount, spanSgdStep, SpanStepWork, type OutOfSpanSampler } from './spanSgdStep.ts';
import { liftStudent, spanParams, spanStateOf, type SpanSgdState } from './spanState.ts';

/** Settings of a span-SGD run: those of online SGD that apply (no backend, sampler thread or held-out sample). */
export interface SpanSgdOptions extends Omit<SgdOptions, 'backend' | 'prefetch' | 'evalSamples'> {
  /** Gauss-Hermite nodes of the exact loss recorded (default: the quadrature engine's). */
  quadratureNodes?: number;
  /**
   * Observe the alignments for the threshold events (and stopWhenRecovered)
   * every this many steps (default: recordEvery / 20, at least 1): cheaper
   * than a record, which also evaluates the exact loss.
   */
  observeEvery?: number;
  /** The out-of-span factor (default: the exact Bartlett factor). Only the property suite passes another, to show a wrong one is caught. */
  outOfSpan?: OutOfSpanSampler;
  /**
   * Threads for a step split in two lanes (laneCount): 2 runs the second on
   * a worker thread, 1 inline; the numbers are the same. Default: 2 when
   * the machine has two cores and the run is long enough to repay the
   * thread's start (about 0.5 s): more than 2^33 multiply-adds in all.
   */
  threads?: 1 | 2;
}

/** What a span-SGD run returns (no side effects: the caller prints or writes). */
export interface SpanSgdResult {
  /** Records at step 0, every recordEvery steps and the last step: t = step x lr, the exact population loss, exact alignments. */
  records: TrainingRecord[];
  /** First threshold passages (expert, router) of each teacher's matched student, observed every observeEvery steps. */
  events: ThresholdEvent[];
  /** The final student in the coordinates the input rows were given in (see liftStudent). */
  student: MoeParams;
  /** The final state (coordinates on the span basis). */
  state: SpanSgdState;
  steps: number;
  learningRate: number;
  batch: number;
  wallSeconds: number;
}

/**
 * Online batch SGD on the product of unit spheres (the paper's experiment),
 * exactly in distribution in R^d for any d at the cost of a run in at most
 * k_T + 2m dimensions (spanSgdStep.ts has the derivation), float64, every
 * random number from the 'data' stream of `seeds`. The teacher and student
 * rows may have length d or be coordinates on an orthonormal set of R^d
 * (sampleReducedProblem); `d` is the dimension they stand for. Unlike the
 * full-d tfjs SGD, what is recorded is exact: the population loss of the
 * current directions by quadrature on their Gram matrix, and their
 * alignments. Same inputs and seeds, same records.
 * Throws DivergenceError (step, learning rate, value) on a NaN, an overflow
 * or a batch loss above divergenceFactor x max(1, initial loss).
 */
export function trainSpanSgd(teacher: MoeParams, student: MoeParams, d: number, seeds: SeedStreams, options: SpanSgdOptions): SpanSgdResult {
  const o = resolveSgdOptions(options);
  const started = performance.now();
  const { state, basis } = spanStateOf(teacher, student, d);
  const work = new SpanStepWork(state, o.batch, { seeds, stream: 'data', thread: threadsFor(options.threads, state, o.batch, o.steps) === 2 });
  try {
    return run(state, work, basis, seeds, o, options, started);
  } finally {
    work.close();
  }
}

/** The thread count: as asked, or 2 where there are two lanes, two cores and more than 2^33 multiply-adds to do. */
function threadsFor(asked: 1 | 2 | undefined, state: SpanSgdState, batch: number, steps: number): 1 | 2 {
  if (laneCount(state, batch) === 1) return 1;
  if (asked) return asked;
  return availableParallelism() >= 2 && steps * batch * state.maxDim * 2 * state.m > 2 ** 33 ? 2 : 1;
}

/** The step loop of trainSpanSgd: steps, divergence checks, observations and records, the stop at recovery. */
function run(
  state: SpanSgdState, work: SpanStepWork, basis: Mat, seeds: SeedStreams, o: ResolvedSgdOptions, options: SpanSgdOptions, started: number,
): SpanSgdResult {
  const lr = o.learningRate;
  const rng = seeds.stream('data');
  const tracker = new EventTracker(state.mStar, o.threshold);
  const nodes = options.quadratureNodes;
  const observeEvery = options.observeEvery ?? Math.max(1, Math.round(o.recordEvery / 20));
  const records: TrainingRecord[] = [];
  const observe = (step: number, withLoss: boolean): TeacherMatch[] => {
    const p = spanParams(state);
    const al = alignments(p.student, p.teacher);
    if (withLoss) records.push({ t: step * lr, step, loss: populationLoss(p.teacher, p.student, { nodes }), router: toRows(al.router), expert: toRows(al.expert) });
    return tracker.observe(step * lr, al);
  };
  observe(0, true);
  const limits = { learningRate: lr, maxLoss: o.divergenceFactor * Math.max(1, records[0].loss) };
  let step = 0;
  while (step < o.steps) {
    const loss = spanSgdStep(state, lr, work, rng, options.outOfSpan);
    step++;
    checkDivergence(step, loss, work.norms, limits);
    o.onProgress?.(step, o.steps);
    const isRecord = step % o.recordEvery === 0 || step === o.steps;
    if (isRecord || step % observeEvery === 0) {
      const matches = observe(step, isRecord);
      if (o.stopWhenRecovered && recoveredNow(matches, o.threshold)) {
        if (!isRecord) observe(step, true);
        break;
      }
    }
  }
  return {
    records, events: tracker.events(), student: liftStudent(state, basis), state, steps: step, learningRate: lr, batch: o.batch,
    wallSeconds: (performance.now() - started) / 1000,
  };
}
