/**
 * Worker-thread body of a span-SGD lane (laneThread.ts): on each signal in
 * the shared control words, evaluates its share of the step's batch
 * (accumulateLane) on the student coordinates in shared memory, drawing from
 * its own stream, writes C Z, C C^T and sum e^2 to shared memory, and
 * signals back. Control words: [0] step sequence (-1: exit), [1] K,
 * [2] sample count, [3] last sequence done (-1: failed).
 */
import { SeedStreams } from '../../core/streams.ts';
import { workerInput } from '../../parallel/tsWorker.ts';
import { accumulateLane, SpanLane, type LaneShape } from './spanLane.ts';

/** What the lane thread is given (SharedArrayBuffers stay shared). */
export interface LaneWorkerInput {
  shape: LaneShape;
  teacher: Float64Array;
  control: Int32Array;
  student: Float64Array;
  gradIn: Float64Array;
  cov: Float64Array;
  sq: Float64Array;
  root: number | string;
  stream: string;
  batch: number;
  samples: number;
}

const input = workerInput<LaneWorkerInput>();
const { shape, teacher, control, student, sq } = input;
const rng = new SeedStreams(input.root).stream(input.stream);
const lane = new SpanLane(shape, input.samples, { gradIn: input.gradIn, cov: input.cov });
let seen = 0;
try {
  for (;;) {
    Atomics.wait(control, 0, seen);
    const seq = Atomics.load(control, 0);
    if (seq < 0) break;
    seen = seq;
    sq[0] = accumulateLane(shape, teacher, student, control[1], lane, rng, control[2], input.batch);
    Atomics.store(control, 3, seq);
    Atomics.notify(control, 3);
  }
} catch (e) {
  Atomics.store(control, 3, -1);
  Atomics.notify(control, 3);
  throw e;
}
