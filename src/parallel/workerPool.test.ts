import { describe, expect, it } from 'vitest';
import { startTsWorker } from './tsWorker.ts';
import { runInWorkers } from './workerPool.ts';

const ECHO = new URL('../../test-support/echoWorker.ts', import.meta.url);
type Msg = { progress?: number; done?: number; error?: string };

describe('runInWorkers', () => {
  it('returns the results in the jobs\' order whatever the number of workers, passing progress messages through', async () => {
    const jobs = Array.from({ length: 7 }, (_, k) => k + 1);
    for (const workers of [1, 3]) {
      const progress: number[] = [];
      const out = await runInWorkers<number, Msg, number>(ECHO, jobs, workers, (m, k) => {
        if (m.progress !== undefined) {
          expect(m.progress).toBe(jobs[k]);
          progress.push(k);
          return undefined;
        }
        return m.done;
      });
      expect(out).toEqual(jobs);
      expect(progress.sort((a, b) => a - b)).toEqual(jobs.map((_, k) => k));
    }
  });

  it('fails the run when the message handler throws', async () => {
    const run = runInWorkers<number, Msg, number>(ECHO, [1, -2, 3], 2, (m) => {
      if (m.error) throw new Error(m.error);
      return m.done;
    });
    await expect(run).rejects.toThrow('negative -2');
  });
});

describe('startTsWorker', () => {
  it('hands its data to the TypeScript module it runs', async () => {
    const w = startTsWorker(ECHO, { factor: 10 });
    const got = await new Promise<Msg>((resolve) => {
      w.on('message', (m: Msg) => m.done !== undefined && resolve(m));
      w.postMessage(4);
    });
    await w.terminate();
    expect(got.done).toBe(40);
  });
});
