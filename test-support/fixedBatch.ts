import { zeros, type Mat } from '../src/core/mat.ts';
import { SeedStreams } from '../src/core/streams.ts';

/**
 * A fixed batch of B inputs x ~ N(0, I_dim) (B x dim, row-major) from the
 * 'data' stream of `seed`, with every entry rounded to float32, so that a
 * float32 (tfjs) and a float64 engine evaluated on it see bit-identical
 * inputs and differ only by their arithmetic. The same arguments give the
 * same batch.
 */
export function fixedBatch(dim: number, batch: number, seed: number | string): Mat {
  const x = zeros(batch, dim);
  new SeedStreams(`fixed-batch:${seed}`).stream('data').fillNormal(x.data);
  for (let k = 0; k < x.data.length; k++) x.data[k] = Math.fround(x.data[k]);
  return x;
}
