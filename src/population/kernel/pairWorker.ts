import { parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { workerInput } from '../../parallel/tsWorker.ts';
import { evaluatePairRange, type PairBatch } from './pairBatch.ts';
import { Ctl, type PairBuffers, type PairWorkerData } from './pairWorkerProtocol.ts';

/**
 * Helper-thread loop of the parallel pair kernels: wait for a generation,
 * take chunks of pairs until none is left, ack, repeat (protocol:
 * src/population/kernel/pairWorkerProtocol.ts). Runs synchronously forever; the
 * thread is unref'ed by its creator and stopped by CMD_QUIT or terminate().
 */
function serve(data: PairWorkerData): void {
  const { ctl } = data;
  let buffers: PairBuffers = data;
  let work = new Float64Array(0);
  let gen = Atomics.load(ctl, Ctl.GEN);
  Atomics.add(ctl, Ctl.ACK, 1);
  for (;;) {
    // Timed wait: a lost wake-up can only delay a batch (the caller also computes), never hang it.
    Atomics.wait(ctl, Ctl.GEN, gen, 1000);
    const now = Atomics.load(ctl, Ctl.GEN);
    if (now === gen) continue;
    gen = now;
    if (Atomics.load(ctl, Ctl.CMD) === Ctl.CMD_QUIT) return;
    try {
      buffers = currentBuffers(buffers, Atomics.load(ctl, Ctl.VERSION));
    } catch {
      Atomics.store(ctl, Ctl.FAILED, 1);
      Atomics.notify(ctl, Ctl.COMPLETED);
      return;
    }
    const dim = ctl[Ctl.DIM];
    if (work.length < 4 * dim) work = new Float64Array(4 * dim);
    const batch: PairBatch = { units: buffers.units, dim, plan: buffers.plan, count: ctl[Ctl.COUNT], nodes: ctl[Ctl.NODES] };
    takeChunks(ctl, batch, buffers.out, work);
    Atomics.add(ctl, Ctl.ACK, 1);
    Atomics.notify(ctl, Ctl.ACK);
  }
}

function takeChunks(ctl: Int32Array, batch: PairBatch, out: Float64Array, work: Float64Array): void {
  const chunk = ctl[Ctl.CHUNK];
  for (;;) {
    const start = Atomics.add(ctl, Ctl.NEXT, chunk);
    if (start >= batch.count) return;
    const end = Math.min(batch.count, start + chunk);
    try {
      evaluatePairRange(batch, start, end, out, work);
    } catch {
      Atomics.store(ctl, Ctl.FAILED, 1);
    }
    Atomics.add(ctl, Ctl.HELPER_PAIRS, end - start);
    Atomics.add(ctl, Ctl.COMPLETED, end - start);
    Atomics.notify(ctl, Ctl.COMPLETED);
  }
}

/** The buffers of `version`, taken from the message queue when they were replaced. */
function currentBuffers(have: PairBuffers, version: number): PairBuffers {
  let b = have;
  while (b.version !== version) {
    const msg = receiveMessageOnPort(parentPort!);
    if (!msg) throw new Error(`pair worker: buffers of version ${version} announced but not received`);
    b = msg.message as PairBuffers;
  }
  return b;
}

serve(workerInput<PairWorkerData>());
