/**
 * Online-SGD step against the numpy peer: batch 1024,
 * d = 1000, m = 25, m* = 5, sampling included, run side by side in this one
 * benchmark (alternating, see `line`). One line per backend (wasm with the sampler worker, wasm with
 * inline sampling, cpu for reference, tensorflow where tfjs-node is
 * installed): {name, backend, ours_ms_per_step, peer_ms_per_step, ratio},
 * ratio = peer / ours (our speed relative to the peer; target >= 0.5 on wasm).
 * The peer is bench/peers/numpy_moe_sgd.py, the same step in numpy (override
 * with MOE_PEER); without python3 and numpy it is reported unavailable.
 */
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, type BackendPreference } from '../src/dynamics/sgd/selectBackend.ts';
import { trainSgd } from '../src/dynamics/sgd/trainSgd.ts';
import { initStudent, makeTeacher } from '../src/model/teacher.ts';
import { SeedStreams } from '../src/core/streams.ts';
import { numpyPeerMsPerStep, type PeerTiming } from './numpyPeer.ts';
import type { BenchLine } from './run.ts';

const SIZE = { batch: 1024, d: 1000, m: 25, mStar: 5 };

/** Our ms per step, timed between steps `warm` and `warm + timed` (records excluded, sampling included). */
async function oursMsPerStep(backend: BackendPreference, prefetch: boolean, warm: number, timed: number): Promise<number> {
  const seeds = new SeedStreams('bench-sgd');
  const teacher = makeTeacher(SIZE.mStar, SIZE.d, { kind: 'orthonormal' }, seeds.stream('teacher'));
  const student = initStudent(SIZE.m, SIZE.d, seeds.stream('student'));
  let start = 0;
  let end = 0;
  await trainSgd(teacher, student, seeds, {
    learningRate: 0.002,
    batch: SIZE.batch,
    steps: warm + timed,
    recordEvery: warm + timed,
    evalSamples: 256,
    backend,
    prefetch,
    onProgress: (s) => {
      if (s === warm) start = performance.now();
      if (s === warm + timed) end = performance.now();
    },
  });
  return (end - start) / timed;
}

/**
 * One line: `rounds` alternations of (peer, ours), so both see the same
 * machine load; the minimum of each is the figure least disturbed by other
 * processes (the medians are reported too), and the ratio uses the minima.
 */
async function line(backend: BackendPreference, prefetch: boolean, warm: number, timed: number, rounds: number): Promise<BenchLine> {
  const info = await selectBackend(backend);
  const peers: PeerTiming[] = [];
  const ours: number[] = [];
  for (let k = 0; k < rounds; k++) {
    peers.push(numpyPeerMsPerStep({ ...SIZE, steps: 50 }));
    ours.push(await oursMsPerStep(backend, prefetch, warm, timed));
  }
  const okPeers = peers.filter((p): p is Extract<PeerTiming, { ok: true }> => p.ok);
  const peerMs = okPeers.length ? Math.min(...okPeers.map((p) => p.ms)) : null;
  const oursMs = Math.min(...ours);
  return {
    name: 'sgd-step',
    backend: info.name,
    backend_detail: info.detail,
    sampler: prefetch ? 'worker thread (prefetch)' : 'inline',
    ...SIZE,
    ours_ms_per_step: round(oursMs),
    ours_median_ms: round(median(ours)),
    ours_steps_timed: timed,
    peer: okPeers[0]?.label ?? 'unavailable',
    peer_ms_per_step: peerMs === null ? null : round(peerMs),
    peer_median_ms: okPeers.length ? round(median(okPeers.map((p) => p.ms))) : null,
    ...(peerMs === null ? { peer_unavailable: (peers[0] as { why: string }).why } : {}),
    ratio: peerMs === null ? null : round(peerMs / oursMs),
    rounds,
    load_average_1min: round(loadavg()[0]),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * The sampler choice: 10^6 seeded standard normals per step (batch 1024 x
 * d = 1000) from our ziggurat (src/core/streams.ts) into a Float32Array, vs
 * tf.randomNormal with a seed on the wasm backend (also deterministic).
 * Best of 3 rounds of 10 fills each.
 */
async function samplerLine(): Promise<BenchLine> {
  const info = await selectBackend('wasm');
  const n = SIZE.batch * SIZE.d;
  const rng = new SeedStreams('bench-sampler').stream('data');
  const buf = new Float32Array(n);
  const best = (f: () => void) => {
    let min = Infinity;
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      for (let k = 0; k < 10; k++) f();
      min = Math.min(min, (performance.now() - t) / 10);
    }
    return min;
  };
  const zig = best(() => rng.fillNormal(buf));
  let seed = 1;
  const tfn = best(() => {
    const x = tf.randomNormal([SIZE.batch, SIZE.d], 0, 1, 'float32', seed++);
    x.dataSync();
    x.dispose();
  });
  return {
    name: 'sgd-sampler',
    normals: n,
    ours: 'ziggurat (seedrandom alea) into Float32Array',
    ours_ms: round(zig),
    ours_millions_per_s: round(n / zig / 1000),
    alternative: `tf.randomNormal(seed) on ${info.name}`,
    alternative_ms: round(tfn),
    ratio: round(tfn / zig),
    load_average_1min: round(loadavg()[0]),
  };
}

/** `npm run bench sgd`: the lines described above. */
export const benchmarks: Record<string, () => Promise<BenchLine[]>> = {
  'sgd-sampler': async () => [await samplerLine()],
  'sgd-step': async () => {
    const lines = [await line('wasm', true, 10, 100, 3), await line('wasm', false, 5, 40, 3), await line('cpu', true, 1, 4, 1)];
    try {
      lines.push(await line('tensorflow', true, 10, 100, 3));
    } catch (e) {
      lines.push({ name: 'sgd-step', backend: 'tensorflow', unavailable: (e as Error).message });
    }
    return lines;
  },
};
