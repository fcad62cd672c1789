import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../parallel/tsWorker.ts';
import type { LaneShape } from './spanLane.ts';
import type { LaneWorkerInput } from './spanLaneWorker.ts';

/** How long a step waits for its lane thread before giving up (the first step includes the thread's start-up). */
const ANSWER_MS = 600_000;

/**
 * A span-SGD lane on a worker thread (spanLaneWorker.ts): `start` hands it
 * the step's student coordinates and returns at once, `finish` blocks until
 * its sums are in `gradIn`, `cov` and `sq` (shared memory). The thread draws
 * from stream `stream` of `new SeedStreams(root)`, exactly as the lane would
 * inline, so a run gives the same numbers with or without it.
 */
export class LaneThread {
  readonly gradIn: Float64Array;
  readonly cov: Float64Array;
  readonly sq: Float64Array;
  private readonly control: Int32Array;
  private readonly student: Float64Array;
  private readonly worker: Worker;
  private seq = 0;

  constructor(shape: LaneShape, teacher: Float64Array, batch: number, samples: number, root: number | string, stream: string) {
    const n2 = 2 * shape.m;
    const f64 = (n: number) => new Float64Array(new SharedArrayBuffer(8 * n));
    this.control = new Int32Array(new SharedArrayBuffer(16));
    this.student = f64(n2 * shape.maxDim);
    this.gradIn = f64(n2 * shape.maxDim);
    this.cov = f64(n2 * n2);
    this.sq = f64(1);
    const data: LaneWorkerInput = {
      shape, teacher: Float64Array.from(teacher), control: this.control, student: this.student, gradIn: this.gradIn, cov: this.cov, sq: this.sq,
      root, stream, batch, samples,
    };
    this.worker = startTsWorker(new URL('./spanLaneWorker.ts', import.meta.url), data);
    this.worker.unref();
  }

  /** Starts the lane's share of a step: `count` samples on the K coordinates of `student` (copied). */
  start(student: Float64Array, K: number, count: number): void {
    this.student.set(student);
    this.control[1] = K;
    this.control[2] = count;
    Atomics.store(this.control, 0, ++this.seq);
    Atomics.notify(this.control, 0);
  }

  /** Waits for the share started last; throws if the thread failed or did not answer. */
  finish(): void {
    const deadline = Date.now() + ANSWER_MS;
    for (;;) {
      const done = Atomics.load(this.control, 3);
      if (done === this.seq) return;
      if (done < 0) throw new Error('span-SGD lane thread failed (its error is printed by the worker)');
      if (Date.now() > deadline) throw new Error(`span-SGD lane thread did not answer within ${ANSWER_MS / 1000} s`);
      Atomics.wait(this.control, 3, done, 1000);
    }
  }

  /** Stops the thread. */
  close(): void {
    Atomics.store(this.control, 0, -1);
    Atomics.notify(this.control, 0);
    void this.worker.terminate();
  }
}
