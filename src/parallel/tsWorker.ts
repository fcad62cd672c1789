import { Worker, workerData } from 'node:worker_threads';

/** The one worker entry (tsWorker.mjs): registers the TypeScript loader in the thread, then loads the module. */
const ENTRY = new URL('./tsWorker.mjs', import.meta.url);

/** What {@link startTsWorker} hands to the thread. */
interface TsWorkerData {
  /** File URL of the TypeScript module the thread runs. */
  readonly module: string;
  /** That module's input (structured-cloned; SharedArrayBuffers stay shared). */
  readonly data: unknown;
}

/**
 * A worker thread running the TypeScript module at `module` (a file URL,
 * usually `new URL('./x.ts', import.meta.url)`), which reads `data` with
 * {@link workerInput}. Every worker of the project starts here, so the
 * loader registration lives in one file.
 */
export function startTsWorker(module: URL, data?: unknown): Worker {
  const workerData: TsWorkerData = { module: module.href, data };
  return new Worker(ENTRY, { workerData });
}

/** Inside a thread started by {@link startTsWorker}: the `data` it was given. */
export function workerInput<T>(): T {
  return (workerData as TsWorkerData).data as T;
}
