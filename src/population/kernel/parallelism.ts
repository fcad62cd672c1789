import type { Worker } from 'node:worker_threads';
import { InputError } from '../../core/errors.ts';
import { startTsWorker } from '../../parallel/tsWorker.ts';
import { evaluatePairRange, OUT_STRIDE, PLAN_STRIDE, type PairBatch } from './pairBatch.ts';
import { Ctl, type PairWorkerData } from './pairWorkerProtocol.ts';

/**
 * Optional multi-threaded evaluation of the pair kernels (opt-in, default off).
 *
 * `setParallelism(n)` starts n - 1 helper threads; every later batch large
 * enough to pay for the hand-off ({@link MIN_PARALLEL_WORK}) is then split
 * between them and the calling thread, which stays synchronous: it takes
 * chunks of pairs itself and waits on a shared counter (Atomics.wait) for
 * the helpers' chunks. Every pair's outputs go to their own slot and the
 * caller sums them in pair order, so the numbers are bit-identical whatever
 * the thread count or scheduling. Helpers that are still starting, failed
 * or did not answer the previous batch are simply not used (the batch runs on
 * the calling thread); helper threads are unref'ed and never keep the
 * process alive. Off by default so that library users and the test runner
 * get no threads unless they ask (the CLI enables it).
 */
export function setParallelism(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new InputError('threads', `must be an integer in [1, 64], found ${threads}`);
  }
  shutdown();
  stoppedBecause = null;
  if (threads > 1) pool = startPool(threads - 1);
}

/** Threads a large batch is split between (1 when parallelism is off). */
export function parallelism(): number {
  return pool ? pool.workers.length + 1 : 1;
}

/** What the pool has done so far (for tests and benchmarks; all zero when parallelism is off). */
export interface ParallelStats {
  /** Every helper thread has started and is waiting for work. */
  ready: boolean;
  /** Batches split between threads. */
  sharedBatches: number;
  /** Pairs the helper threads evaluated. */
  helperPairs: number;
  /** Why the pool stopped itself (a helper failed or stalled; batches then run on the calling thread), or null. */
  stopped: string | null;
}

/** Counters of the current pool ({@link ParallelStats}). */
export function parallelStats(): ParallelStats {
  const p = pool;
  if (!p) return { ready: false, sharedBatches: 0, helperPairs: 0, stopped: stoppedBecause };
  const ready = p.started || Atomics.load(p.ctl, Ctl.ACK) === p.workers.length;
  return { ready, sharedBatches: p.sharedBatches, helperPairs: Atomics.load(p.ctl, Ctl.HELPER_PAIRS), stopped: null };
}

/**
 * Batches below this much work (pairs x nodes^2) run on the calling thread.
 * 3e4 is ~50 pairs at 24 nodes, ~0.25 ms on one thread; a split saves at most
 * half of that while the hand-off (a notify, a wake-up, the copies) costs
 * tens of microseconds and more when the helper must first be scheduled.
 * Not tuned on an idle machine (the one it was written on was loaded by other
 * jobs; see parallelism.test.ts for what is checked: the numbers, not timing).
 */
export const MIN_PARALLEL_WORK = 30_000;

/** The kernels of every pair of `batch` (pair k at out[7k .. 7k+7)), on one thread or several. */
export function evaluatePairs(batch: PairBatch): Float64Array {
  const out = new Float64Array(OUT_STRIDE * batch.count);
  const p = pool;
  // Only Gauss-Hermite batches are split: a tabulated-moment batch is ~0.3 ms in all, too little to share.
  const splittable = (batch.kernel ?? 'gauss-hermite') === 'gauss-hermite';
  if (p && splittable && batch.count * batch.nodes * batch.nodes >= MIN_PARALLEL_WORK && helpersIdle(p)) {
    const failure = runShared(p, batch, out);
    if (failure === null) return out;
    // A helper failed or stalled: stop using threads and recompute here (same numbers).
    shutdown();
    stoppedBecause = failure;
  }
  evaluatePairRange(batch, 0, batch.count, out, workspace(batch.dim));
  return out;
}

interface Pool {
  workers: Worker[];
  ctl: Int32Array;
  units: Float64Array;
  plan: Int32Array;
  out: Float64Array;
  version: number;
  /** Every helper has acked at least once (loaded and waiting). */
  started: boolean;
  sharedBatches: number;
}

let pool: Pool | null = null;
let stoppedBecause: string | null = null;
let work = new Float64Array(0);

/** Longest wait for a helper to finish the previous batch before running a batch alone. */
const ACK_WAIT_MS = 2;

/** A helper that does not finish a chunk for this long is taken for dead. */
const STALL_MS = 30_000;

function workspace(dim: number): Float64Array {
  if (work.length < 4 * dim) work = new Float64Array(4 * dim);
  return work;
}

function startPool(helpers: number): Pool {
  const ctl = new Int32Array(new SharedArrayBuffer(Ctl.SIZE * 4));
  const p: Pool = { workers: [], ctl, units: sharedF64(0), plan: new Int32Array(0), out: sharedF64(0), version: 0, started: false, sharedBatches: 0 };
  ensureBuffers(p, 1024, 4096, 4096);
  for (let i = 0; i < helpers; i++) {
    const data: PairWorkerData = { ctl, units: p.units, plan: p.plan, out: p.out, version: p.version };
    const w = startTsWorker(new URL('./pairWorker.ts', import.meta.url), data);
    w.unref();
    // A helper that dies is detected by the stall timeout or is never used (no ack); keep errors quiet here.
    w.on('error', () => Atomics.store(ctl, Ctl.FAILED, 1));
    p.workers.push(w);
  }
  return p;
}

function shutdown(): void {
  const p = pool;
  pool = null;
  if (!p) return;
  Atomics.store(p.ctl, Ctl.CMD, Ctl.CMD_QUIT);
  Atomics.add(p.ctl, Ctl.GEN, 1);
  Atomics.notify(p.ctl, Ctl.GEN);
  for (const w of p.workers) void w.terminate();
}

/**
 * All helpers started and done with the previous batch (each acks once per
 * generation). Once they have all started, a helper still finishing the
 * previous batch is waited for up to {@link ACK_WAIT_MS}.
 */
function helpersIdle(p: Pool): boolean {
  const { ctl } = p;
  const deadline = p.started ? performance.now() + ACK_WAIT_MS : 0;
  for (;;) {
    if (Atomics.load(ctl, Ctl.FAILED) !== 0) return false;
    const acks = Atomics.load(ctl, Ctl.ACK);
    if (acks === p.workers.length) {
      p.started = true;
      return true;
    }
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(ctl, Ctl.ACK, acks, left);
  }
}

function sharedF64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * n));
}

/** Grows the shared buffers (doubling) and hands the new ones to the helpers. */
function ensureBuffers(p: Pool, units: number, plan: number, out: number): void {
  if (p.units.length >= units && p.plan.length >= plan && p.out.length >= out) return;
  p.units = sharedF64(Math.max(units, 2 * p.units.length));
  p.plan = new Int32Array(new SharedArrayBuffer(4 * Math.max(plan, 2 * p.plan.length)));
  p.out = sharedF64(Math.max(out, 2 * p.out.length));
  p.version++;
  for (const w of p.workers) w.postMessage({ units: p.units, plan: p.plan, out: p.out, version: p.version });
  Atomics.store(p.ctl, Ctl.VERSION, p.version);
}

/**
 * Runs `batch` on the calling thread and the helpers; null on success, else
 * why not (a helper failed or stalled: the caller recomputes everything itself).
 */
function runShared(p: Pool, batch: PairBatch, out: Float64Array): string | null {
  const { ctl } = p;
  const n = batch.count;
  ensureBuffers(p, batch.units.length, PLAN_STRIDE * n, OUT_STRIDE * n);
  p.units.set(batch.units);
  p.plan.set(batch.plan.subarray(0, PLAN_STRIDE * n));
  // Small chunks: a helper descheduled while it holds one delays the batch by at most that chunk.
  const chunk = Math.max(1, Math.floor(n / (64 * (p.workers.length + 1))));
  ctl[Ctl.COUNT] = n;
  ctl[Ctl.DIM] = batch.dim;
  ctl[Ctl.NODES] = batch.nodes;
  ctl[Ctl.CHUNK] = chunk;
  ctl[Ctl.CMD] = Ctl.CMD_RUN;
  Atomics.store(ctl, Ctl.NEXT, 0);
  Atomics.store(ctl, Ctl.COMPLETED, 0);
  Atomics.store(ctl, Ctl.ACK, 0);
  Atomics.add(ctl, Ctl.GEN, 1);
  Atomics.notify(ctl, Ctl.GEN);
  const shared: PairBatch = { units: p.units, dim: batch.dim, plan: p.plan, count: n, nodes: batch.nodes };
  const ws = workspace(batch.dim);
  for (;;) {
    const start = Atomics.add(ctl, Ctl.NEXT, chunk);
    if (start >= n) break;
    const end = Math.min(n, start + chunk);
    evaluatePairRange(shared, start, end, p.out, ws);
    Atomics.add(ctl, Ctl.COMPLETED, end - start);
  }
  const failure = awaitCompletion(ctl, n);
  if (failure !== null) return failure;
  p.sharedBatches++;
  out.set(p.out.subarray(0, OUT_STRIDE * n));
  return null;
}

/** Blocks until all n pairs are done: null, or why not (a helper failure, or no progress for {@link STALL_MS}). */
function awaitCompletion(ctl: Int32Array, n: number): string | null {
  let seen = Atomics.load(ctl, Ctl.COMPLETED);
  let since = Date.now();
  while (seen < n) {
    Atomics.wait(ctl, Ctl.COMPLETED, seen, 100);
    const now = Atomics.load(ctl, Ctl.COMPLETED);
    if (Atomics.load(ctl, Ctl.FAILED) !== 0) return 'a helper thread failed while evaluating pairs';
    if (now !== seen) {
      seen = now;
      since = Date.now();
    } else if (Date.now() - since > STALL_MS) return `no helper progress for ${STALL_MS / 1000} s`;
  }
  return null;
}
