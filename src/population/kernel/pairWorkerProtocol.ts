/**
 * Shared-memory protocol between the calling thread and the pair-kernel
 * helper threads (src/population/kernel/parallelism.ts, pairWorker.ts): the Int32
 * control words and what a helper receives when it starts or when the
 * buffers grow.
 *
 * One batch ("generation"): the caller writes the inputs and COUNT, DIM,
 * NODES, CHUNK, resets NEXT, COMPLETED and ACK, then increments GEN and
 * notifies. Every thread takes chunks by Atomics.add on NEXT, writes the
 * outputs of its pairs, adds their number to COMPLETED (notifying it). A
 * helper that finds no chunk left adds 1 to ACK and waits for the next GEN;
 * the caller starts a batch only when ACK equals the number of helpers, so
 * inputs are never rewritten while a helper may still read them.
 */
export const Ctl = {
  GEN: 0,
  NEXT: 1,
  COMPLETED: 2,
  ACK: 3,
  COUNT: 4,
  DIM: 5,
  NODES: 6,
  CHUNK: 7,
  CMD: 8,
  FAILED: 9,
  VERSION: 10,
  /** Pairs evaluated by helpers since the pool started (diagnostics). */
  HELPER_PAIRS: 11,
  SIZE: 16,
  CMD_RUN: 1,
  CMD_QUIT: 2,
} as const;

/** Shared buffers handed to a helper (at start as workerData, later by message when they grow). */
export interface PairBuffers {
  units: Float64Array;
  plan: Int32Array;
  out: Float64Array;
  /** Increases each time the buffers are replaced; Ctl.VERSION holds the current one. */
  version: number;
}

/** What a helper starts with. */
export interface PairWorkerData extends PairBuffers {
  ctl: Int32Array;
}
