import { parentPort } from 'node:worker_threads';
import { runClaimPoint, type ClaimConfig } from '../../test-support/claims/claimPoint.ts';

/** One job of the sweep pool (claimPool.ts): a configuration and its index. */
interface Job {
  index: number;
  config: ClaimConfig;
}

const port = parentPort!;
port.on('message', async (job: Job) => {
  try {
    port.postMessage({ index: job.index, outcome: await runClaimPoint(job.config) });
  } catch (e) {
    const err = e as Error;
    port.postMessage({ index: job.index, error: `${err.name}: ${err.message.split('\n')[0]}` });
  }
});
