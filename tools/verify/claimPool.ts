import { Worker } from 'node:worker_threads';
import type { ClaimConfig, ClaimOutcome } from '../../test-support/claims/claimPoint.ts';

/** A configuration's result: its outcome, or the error that stopped it (a divergence is a finding, not a crash). */
export type PoolResult = { config: ClaimConfig; outcome: ClaimOutcome; error?: undefined } | { config: ClaimConfig; outcome?: undefined; error: string };

/**
 * Runs pipeline configurations on `workers` worker threads (each run is
 * deterministic given its configuration, so results do not depend on the
 * scheduling) and returns them in input order. A run that throws is
 * recorded with its error and the sweep goes on. `onDone` is called after
 * every run, for progress lines.
 */
export async function runClaimPool(
  configs: readonly ClaimConfig[], workers: number, onDone?: (r: PoolResult, done: number, total: number) => void,
): Promise<PoolResult[]> {
  const results = new Array<PoolResult>(configs.length);
  let next = 0;
  let done = 0;
  const count = Math.max(1, Math.min(workers, configs.length));
  const pool = Array.from({ length: count }, () => new Worker(new URL('./claimWorker.mjs', import.meta.url)));
  const runOne = (w: Worker, index: number) =>
    new Promise<void>((resolve, reject) => {
      const onMessage = (msg: { index: number; outcome?: ClaimOutcome; error?: string }) => {
        w.off('message', onMessage);
        w.off('error', reject);
        const config = configs[index];
        results[index] = msg.outcome ? { config, outcome: msg.outcome } : { config, error: msg.error ?? 'unknown error' };
        onDone?.(results[index], ++done, configs.length);
        resolve();
      };
      w.on('message', onMessage);
      w.on('error', reject);
      w.postMessage({ index, config: configs[index] });
    });
  try {
    await Promise.all(pool.map(async (w) => {
      while (next < configs.length) await runOne(w, next++);
    }));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
