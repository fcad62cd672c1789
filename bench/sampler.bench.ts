/**
 * Speed of the ziggurat Gaussian sampler (src/core/streams.ts): standard
 * normals per second into a Float64Array and a Float32Array (SGD draws
 * batch x d = 10^6 per step at the paper's setting).
 */
import type { BenchLine } from './run.ts';
import { SeedStreams } from '../src/core/streams.ts';

async function samplerSpeed(): Promise<BenchLine[]> {
  const rng = new SeedStreams(1).stream('data');
  const lines: BenchLine[] = [];
  for (const [label, buf] of [['float64', new Float64Array(1e6)], ['float32', new Float32Array(1e6)]] as const) {
    for (let w = 0; w < 3; w++) rng.fillNormal(buf);
    const reps = 20;
    const t = performance.now();
    for (let r = 0; r < reps; r++) rng.fillNormal(buf);
    const seconds = (performance.now() - t) / 1000;
    lines.push({ name: `gaussian sampler (${label})`, samples_per_second: Math.round((reps * buf.length) / seconds), ms_per_million: +((seconds / reps) * 1000).toFixed(2) });
  }
  return lines;
}

export const benchmarks = { samplerSpeed };
