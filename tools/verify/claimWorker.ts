import { parentPort } from 'node:worker_threads';
import { runClaimPoint, type ClaimConfig, type ClaimOutcome } from '../../test-support/claims/claimPoint.ts';

/** What a claim worker answers to a configuration. */
export type ClaimMessage = { outcome: ClaimOutcome; error?: undefined } | { outcome?: undefined; error: string };

/** Worker-thread body of the verification sweep (claimPool.ts): runs each configuration posted and answers with its outcome or error. */
const port = parentPort!;
port.on('message', async (config: ClaimConfig) => {
  let msg: ClaimMessage;
  try {
    msg = { outcome: await runClaimPoint(config) };
  } catch (e) {
    const err = e as Error;
    msg = { error: `${err.name}: ${err.message.split('\n')[0]}` };
  }
  port.postMessage(msg);
});
