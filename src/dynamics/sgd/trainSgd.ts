import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, type BackendInfo } from './selectBackend.ts';
import { alignments } from '../../measure/alignment.ts';
import { EventTracker, recoveredNow, type ThresholdEvent } from '../../measure/events.ts';
import type { TeacherMatch } from '../../measure/matching.ts';
import { toRows } from '../../core/mat.ts';
import type { MoeParams } from '../../model/params.ts';
import type { SeedStreams } from '../../core/streams.ts';
import type { TrainingRecord } from '../records.ts';
import { openBatchSource } from './batchSource.ts';
import { fromColumns, toColumns } from './columns.ts';
import { checkDivergence } from './divergence.ts';
import { makeHeldOut } from './heldOut.ts';
import { sgdStep } from './sgdStep.ts';
import { resolveSgdOptions, type SgdOptions } from './sgdOptions.ts';
import { checkPair } from './checkPair.ts';

/** What an online-SGD run returns (no side effects: the caller prints or writes). */
export interface SgdResult {
  /** Records at step 0, every `recordEvery` steps and the last step; t = step x learningRate. */
  records: TrainingRecord[];
  /**
   * When each teacher's matched student first passed the threshold (expert, router), by the shared
   * EventTracker (src/measure/events.ts): observed at the records, the crossing time interpolated
   * linearly between the two records around it, so resolution is recordEvery x learningRate.
   */
  events: ThresholdEvent[];
  /** The final student (float32 values widened to float64, unit rows). */
  student: MoeParams;
  /** The tfjs backend that ran the steps. */
  backend: BackendInfo;
  /** Steps taken (fewer than asked only with stopWhenRecovered). */
  steps: number;
  /** The step size used (flow time per step). */
  learningRate: number;
  /** Samples per step. */
  batch: number;
  /** Wall-clock seconds of the whole run, sampling and records included. */
  wallSeconds: number;
}

/**
 * Online batch SGD on the product of unit spheres, the paper's experiment:
 * every step draws a fresh batch x ~ N(0, I_d) from the 'data' stream of
 * `seeds`, labels it with the teacher and takes the projected step
 * u <- normalize(u - lr (g - <g,u>u)) on every router and expert direction
 * (sgdStep). With lr -> 0 and B -> infinity this tracks the gradient flow of
 * the population loss at flow time t = steps x lr (docs/model.md). The recorded
 * loss is measured on a fixed held-out sample ('evaluation' stream).
 * Same seeds and options on the same backend give the same records.
 * Throws DivergenceError (step, learning rate, value) on a NaN, a float32
 * overflow or a batch loss above divergenceFactor x max(1, initial loss).
 * The tfjs backend is process-global: run one training at a time.
 */
export async function trainSgd(teacher: MoeParams, student: MoeParams, seeds: SeedStreams, options: SgdOptions): Promise<SgdResult> {
  const o = resolveSgdOptions(options);
  const { d, m, mStar } = checkPair(teacher, student);
  const backend = await selectBackend(o.backend);
  const started = performance.now();
  const lr = o.learningRate;
  const tCols = tf.tensor2d(toColumns(teacher), [d, 2 * mStar]);
  let sCols = tf.tensor2d(toColumns(student), [d, 2 * m]);
  const heldOut = makeHeldOut(tCols, o.evalSamples, seeds.stream('evaluation'));
  const source = openBatchSource(seeds, 'data', o.batch * d, o.prefetch);
  const tracker = new EventTracker(mStar, o.threshold);
  const records: TrainingRecord[] = [];
  const record = (step: number): TeacherMatch[] => {
    const al = alignments(fromColumns(sCols.dataSync(), d, m), teacher);
    records.push({ t: step * lr, step, loss: heldOut.loss(sCols), router: toRows(al.router), expert: toRows(al.expert) });
    return tracker.observe(step * lr, al);
  };
  try {
    record(0);
    // The floor 1 (the loss scale at chance: E[He3^2] = 6 per expert) keeps a run that starts at the
    // teacher (initial loss ~0) from calling float32 rounding a divergence.
    const limits = { learningRate: lr, maxLoss: o.divergenceFactor * Math.max(1, records[0].loss) };
    let step = 0;
    while (step < o.steps) {
      const buf = await source.next();
      const x = tf.tensor2d(buf, [o.batch, d]);
      const out = sgdStep(sCols, tCols, x, lr);
      const loss = out.loss.dataSync()[0];
      const norms = out.norms.dataSync();
      tf.dispose([x, out.loss, out.norms, sCols]);
      source.release(buf); // only now: the cpu backend keeps a reference to buf while x lives
      sCols = out.student;
      step++;
      checkDivergence(step, loss, norms, limits);
      o.onProgress?.(step, o.steps);
      if (step % o.recordEvery === 0 || step === o.steps) {
        const matches = record(step);
        checkDivergence(step, records[records.length - 1].loss, norms, limits, 'held-out loss');
        if (o.stopWhenRecovered && recoveredNow(matches, o.threshold)) break;
      }
    }
    const final = fromColumns(sCols.dataSync(), d, m);
    const wallSeconds = (performance.now() - started) / 1000;
    return { records, events: tracker.events(), student: final, backend, steps: step, learningRate: lr, batch: o.batch, wallSeconds };
  } finally {
    tf.dispose([tCols, sCols]);
    heldOut.dispose();
    await source.close();
  }
}
