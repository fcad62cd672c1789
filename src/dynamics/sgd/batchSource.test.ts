import { describe, expect, it } from 'vitest';
import { SeedStreams } from '../../core/streams.ts';
import { openBatchSource } from './batchSource.ts';

describe('openBatchSource', () => {
  it('gives the same batches, in order, on a worker thread as inline and as the data stream itself', async () => {
    const seeds = new SeedStreams('batch-test');
    const size = 3000;
    const expected = Array.from({ length: 5 }, () => new Float32Array(size));
    const rng = seeds.stream('data');
    expected.forEach((b) => rng.fillNormal(b));
    for (const prefetch of [true, false]) {
      const src = openBatchSource(seeds, 'data', size, prefetch);
      try {
        for (const want of expected) {
          const got = await src.next();
          expect(Array.from(got)).toEqual(Array.from(want));
          src.release(got);
        }
      } finally {
        await src.close();
      }
    }
  });

  it('draws different batches from different streams', async () => {
    const seeds = new SeedStreams('batch-test');
    const a = openBatchSource(seeds, 'data', 100, false);
    const b = openBatchSource(seeds, 'evaluation', 100, false);
    expect(Array.from(await a.next())).not.toEqual(Array.from(await b.next()));
  });
});
