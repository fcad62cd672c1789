import { runInWorkers } from '../../src/parallel/workerPool.ts';
import type { ClaimConfig, ClaimOutcome } from '../../test-support/claims/claimPoint.ts';
import type { ClaimMessage } from './claimWorker.ts';

/** A configuration's result: its outcome, or the error that stopped it (a divergence is a finding, not a crash). */
export type PoolResult = { config: ClaimConfig; outcome: ClaimOutcome; error?: undefined } | { config: ClaimConfig; outcome?: undefined; error: string };

/**
 * Runs pipeline configurations on `workers` worker threads (the project's
 * pool, src/parallel/workerPool.ts) and returns them in input order. A run
 * that throws is recorded with its error and the sweep goes on. `onDone` is
 * called after every run, for progress lines.
 */
export function runClaimPool(
  configs: readonly ClaimConfig[], workers: number, onDone?: (r: PoolResult, done: number, total: number) => void,
): Promise<PoolResult[]> {
  let done = 0;
  return runInWorkers<ClaimConfig, ClaimMessage, PoolResult>(new URL('./claimWorker.ts', import.meta.url), configs, workers, (msg, index) => {
    const config = configs[index];
    const r: PoolResult = msg.outcome ? { config, outcome: msg.outcome } : { config, error: msg.error ?? 'unknown error' };
    onDone?.(r, ++done, configs.length);
    return r;
  });
}
