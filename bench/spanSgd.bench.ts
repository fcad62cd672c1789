/**
 * The span-SGD step (src/dynamics/sgd/spanSgdStep.ts: online SGD exactly in
 * distribution, float64, cost independent of d) against the numpy peer
 * (bench/peers/numpy_moe_sgd.py, the literal step in R^d, float32 and
 * float64) and our tfjs full-d step (wasm backend), side by side at d = 10^3,
 * 10^4 and 10^5, batch 1024, m = 25, m* = 5, sampling included.
 *
 * `npm run bench span` prints one line per d: ms per step of each (the
 * minimum over alternating rounds, so all see the same load; medians too),
 * and peer / ours; also the float32 peer on one BLAS thread against span-SGD
 * on one thread (on a loaded machine a multithreaded BLAS slows down far more
 * than one thread, so that ratio is the one a shared machine can measure
 * fairly). Then one line on what bounds the step: its multiply-adds,
 * normals and exponentials per step, the rates this machine gave for each in
 * the same run (the step's own kernel on one chunk, the ziggurat, Math.exp),
 * and the step time they predict next to the measured one.
 * And one line on tfjs for the step's two big products (C Z and C C^T over
 * the whole batch, float32 on the wasm backend) against ours (float64 plain
 * loops): the span step stays in float64, so this says what float32 would
 * buy, not a choice made here.
 * Every line records the 1-minute load average: the machine may be shared.
 */
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { SeedStreams } from '../src/core/streams.ts';
import { selectBackend } from '../src/dynamics/sgd/selectBackend.ts';
import { addRowProducts } from '../src/dynamics/sgd/spanKernels.ts';
import { CHUNK } from '../src/dynamics/sgd/spanLane.ts';
import { trainSgd } from '../src/dynamics/sgd/trainSgd.ts';
import { trainSpanSgd } from '../src/dynamics/sgd/trainSpanSgd.ts';
import { sampleReducedProblem } from '../src/model/reducedSampling.ts';
import { initStudent, makeTeacher } from '../src/model/teacher.ts';
import { numpyPeerMsPerStep, type PeerTiming } from './numpyPeer.ts';
import type { BenchLine } from './run.ts';

const SIZE = { batch: 1024, m: 25, mStar: 5 };
const ROUNDS = 2;
/** Timed steps per d for the full-d runs (ours on tfjs, the peer): fewer where a step takes seconds. */
const FULL_STEPS: Record<number, number> = { 1000: 40, 10000: 8, 100000: 3 };

/** Span-SGD ms per step between steps `warm` and `warm + timed` (the records at both ends excluded). */
function spanMs(d: number, threads: 1 | 2, warm = 20, timed = 200): number {
  const s = new SeedStreams('bench-span');
  const p = sampleReducedProblem(SIZE.mStar, SIZE.m, d, s.stream('teacher'), s.stream('student'));
  let start = 0;
  let end = 0;
  trainSpanSgd(p.teacher, p.student, d, s, {
    learningRate: 1e-4, batch: SIZE.batch, steps: warm + timed, recordEvery: warm + timed, threads,
    onProgress: (k) => {
      if (k === warm) start = performance.now();
      if (k === warm + timed) end = performance.now();
    },
  });
  return (end - start) / timed;
}

/** tfjs full-d ms per step (wasm, batches drawn inline: one d x B buffer, 400 MB at d = 10^5). */
async function tfjsMs(d: number, timed: number): Promise<number> {
  const s = new SeedStreams('bench-span');
  const teacher = makeTeacher(SIZE.mStar, d, { kind: 'orthonormal' }, s.stream('teacher'));
  const student = initStudent(SIZE.m, d, s.stream('student'));
  const warm = 1;
  let start = 0;
  let end = 0;
  await trainSgd(teacher, student, s, {
    learningRate: 1e-4, batch: SIZE.batch, steps: warm + timed, recordEvery: warm + timed, evalSamples: 64, backend: 'wasm', prefetch: false,
    onProgress: (k) => {
      if (k === warm) start = performance.now();
      if (k === warm + timed) end = performance.now();
    },
  });
  return (end - start) / timed;
}

async function lineAt(d: number): Promise<BenchLine> {
  const span2: number[] = [], span1: number[] = [], tfjs: number[] = [], p32: PeerTiming[] = [], p64: PeerTiming[] = [], p32one: PeerTiming[] = [];
  const steps = FULL_STEPS[d];
  for (let r = 0; r < ROUNDS; r++) {
    p32.push(numpyPeerMsPerStep({ ...SIZE, d, steps, dtype: 'float32' }));
    span2.push(spanMs(d, 2));
    p64.push(numpyPeerMsPerStep({ ...SIZE, d, steps, dtype: 'float64' }));
    span1.push(spanMs(d, 1));
    p32one.push(numpyPeerMsPerStep({ ...SIZE, d, steps, dtype: 'float32', threads: 1 }));
    tfjs.push(await tfjsMs(d, steps));
  }
  const best = (xs: number[]) => Math.min(...xs);
  const peer = (ps: PeerTiming[]) => {
    const ok = ps.filter((p): p is Extract<PeerTiming, { ok: true }> => p.ok).map((p) => p.ms);
    return ok.length ? best(ok) : null;
  };
  const [ours, peer32, peer64, peer32one] = [best(span2), peer(p32), peer(p64), peer(p32one)];
  return {
    name: 'span-sgd-step', d, ...SIZE,
    span_ms_per_step_2_threads: round(ours), span_ms_per_step_1_thread: round(best(span1)),
    span_median_ms_2_threads: round(median(span2)),
    numpy_float32_ms_per_step: peer32 === null ? null : round(peer32), numpy_float64_ms_per_step: peer64 === null ? null : round(peer64),
    ...(peer32 === null ? { peer_unavailable: (p32[0] as { why: string }).why } : {}),
    tfjs_wasm_full_d_ms_per_step: round(best(tfjs)),
    ratio_numpy_float32_over_span: peer32 === null ? null : round(peer32 / ours),
    ratio_numpy_float64_over_span: peer64 === null ? null : round(peer64 / ours),
    ratio_tfjs_over_span: round(best(tfjs) / ours),
    numpy_float32_1_thread_ms_per_step: peer32one === null ? null : round(peer32one),
    ratio_numpy_float32_1_thread_over_span_1_thread: peer32one === null ? null : round(peer32one / best(span1)),
    full_d_steps_timed: steps, rounds: ROUNDS, load_average_1min: round(loadavg()[0]),
  };
}

/**
 * What one span step at m = 25, m* = 5 (K = 60, k_T = 10), B = 1024 does, and
 * what this machine gives for each part: multiply-adds (projections on the
 * lower-trapezoidal rows sum_i min(K, k_T + i + 1) = 1775 per sample, the
 * teacher's 2 m* k_T = 100, C Z 2m K = 3000, C C^T 2m(2m + 1)/2 = 1275:
 * 6150 per sample), K normals and m + m* exponentials per sample; the
 * O(m^3) rest (Cholesky, Bartlett, move, re-compression) is ~0.3 M.
 */
function boundLine(measuredMs: number): BenchLine {
  const B = SIZE.batch, K = 60, n2 = 2 * SIZE.m, kT = 2 * SIZE.mStar;
  let proj = 0;
  for (let i = 0; i < n2; i++) proj += Math.min(K, kT + i + 1);
  const macPerSample = proj + kT * kT + n2 * K + (n2 * (n2 + 1)) / 2;
  const macs = macPerSample * B;
  // The step's own kernel, C Z on one chunk: its multiply-add rate.
  const a = new Float64Array(n2 * CHUNK).map((_, k) => Math.sin(k)), z = new Float64Array(K * CHUNK).map((_, k) => Math.cos(k));
  const out = new Float64Array(n2 * K);
  const kernelMs = bestOf(() => addRowProducts(a, n2, z, K, CHUNK, out, K), 50);
  const macRate = (n2 * K * CHUNK) / (kernelMs / 1000);
  const rng = new SeedStreams('bench-bound').stream('data');
  const buf = new Float64Array(K * B);
  const normalMs = bestOf(() => rng.fillNormal(buf), 5);
  const ex = new Float64Array((SIZE.m + SIZE.mStar) * B).map((_, k) => Math.sin(k));
  let sink = 0;
  const expMs = bestOf(() => {
    for (let k = 0; k < ex.length; k++) sink += Math.exp(-ex[k]);
  }, 5);
  const predicted = (macs / macRate) * 1000 + normalMs + expMs;
  return {
    name: 'span-sgd-step-bound', batch: B, K, m: SIZE.m, mStar: SIZE.mStar,
    multiply_adds_per_step: macs, normals_per_step: K * B, exponentials_per_step: (SIZE.m + SIZE.mStar) * B,
    kernel_gmac_per_s: round(macRate / 1e9), ms_products: round((macs / macRate) * 1000), ms_normals: round(normalMs), ms_exponentials: round(expMs),
    predicted_ms_one_thread: round(predicted), measured_ms_one_thread: round(measuredMs), load_average_1min: round(loadavg()[0]),
    ...(sink === 0.5 ? { never: true } : {}),
  };
}

/** C Z and C C^T for the whole batch: tfjs float32 matMul on wasm against our float64 kernels, ms each. */
async function tfjsProductsLine(): Promise<BenchLine> {
  const info = await selectBackend('wasm');
  const B = SIZE.batch, K = 60, n2 = 2 * SIZE.m;
  const c = new Float64Array(n2 * B).map((_, k) => Math.sin(k)), z = new Float64Array(K * B).map((_, k) => Math.cos(k));
  const gz = new Float64Array(n2 * K), cc = new Float64Array(n2 * n2);
  const ours = bestOf(() => {
    for (let from = 0; from < B; from += CHUNK) {
      addRowProducts(c.subarray(from * n2), n2, z.subarray(from * K), K, CHUNK, gz, K);
      addRowProducts(c.subarray(from * n2), n2, c.subarray(from * n2), n2, CHUNK, cc, n2, true);
    }
  }, 20);
  // Untransposed operands: the wasm backend multiplies those ~10x faster (src/dynamics/sgd/tfLossGrad.ts).
  const tc = tf.tensor2d(Float32Array.from(c), [n2, B]), tct = tf.transpose(tc), tz = tf.tensor2d(Float32Array.from(z), [B, K]);
  const theirs = bestOf(() => {
    const a = tf.matMul(tc, tz), b = tf.matMul(tc, tct);
    a.dataSync();
    b.dataSync();
    tf.dispose([a, b]);
  }, 20);
  tf.dispose([tc, tct, tz]);
  return {
    name: 'span-sgd-products-tfjs', backend: info.name, batch: B, K, rows: n2,
    ours_float64_ms: round(ours), tfjs_float32_ms: round(theirs), ratio_ours_over_tfjs: round(ours / theirs), load_average_1min: round(loadavg()[0]),
  };
}

/** Best wall ms of `reps` calls, over 3 rounds. */
function bestOf(f: () => void, reps: number): number {
  let min = Infinity;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    for (let k = 0; k < reps; k++) f();
    min = Math.min(min, (performance.now() - t) / reps);
  }
  return min;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** `npm run bench span`: the lines described above. */
export const benchmarks: Record<string, () => Promise<BenchLine[]>> = {
  'span-sgd-step': async () => {
    const lines: BenchLine[] = [];
    for (const d of [1000, 10000, 100000]) lines.push(await lineAt(d));
    lines.push(boundLine(Math.min(...lines.map((l) => l.span_ms_per_step_1_thread as number))));
    lines.push(await tfjsProductsLine());
    return lines;
  },
};
