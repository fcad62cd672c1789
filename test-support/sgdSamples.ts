import { trainSgd } from '../src/dynamics/sgd/trainSgd.ts';
import { trainSpanSgd } from '../src/dynamics/sgd/trainSpanSgd.ts';
import type { OutOfSpanSampler } from '../src/dynamics/sgd/spanSgdStep.ts';
import { alignments } from '../src/measure/alignment.ts';
import { normalizeRows, zeros, type Mat } from '../src/core/mat.ts';
import type { MoeParams } from '../src/model/params.ts';
import { populationLoss } from '../src/population/quadrature.ts';
import { bartlettFactor } from '../src/core/bartlett.ts';
import { SeedStreams } from '../src/core/streams.ts';

/** One SGD setting compared across engines: N steps of size lr on batches of B. */
export interface SgdSetting {
  learningRate: number;
  batch: number;
  steps: number;
}

/**
 * What the two-sample test compares after N steps, one row per run: every
 * router alignment, every expert alignment (m x m* each, row-major), then
 * the exact population loss of the final student. All are functions of the
 * Gram matrix, the only thing both engines have in common.
 */
export function finalStatistics(teacher: MoeParams, student: MoeParams): number[] {
  const al = alignments(student, teacher);
  return [...al.router.data, ...al.expert.data, populationLoss(teacher, student)];
}

/** Names of the columns of {@link finalStatistics}, for messages. */
export function statisticNames(m: number, mStar: number): string[] {
  const pairs = (kind: string) => Array.from({ length: m * mStar }, (_, k) => `${kind}[${Math.floor(k / mStar)}][${k % mStar}]`);
  return [...pairs('router'), ...pairs('expert'), 'loss'];
}

/** `runs` independent runs of the full-d tfjs SGD (cpu backend, data seeds `${prefix}:r`): final statistics. */
export async function fullSgdSample(teacher: MoeParams, student: MoeParams, s: SgdSetting, runs: number, prefix: string): Promise<number[][]> {
  const out: number[][] = [];
  for (let r = 0; r < runs; r++) {
    const res = await trainSgd(teacher, student, new SeedStreams(`${prefix}:${r}`), {
      ...s, recordEvery: s.steps, evalSamples: 16, backend: 'cpu', prefetch: false,
    });
    out.push(finalStatistics(teacher, res.student));
  }
  return out;
}

/** `runs` independent span-SGD runs in dimension d (data seeds `${prefix}:r`), optionally with a wrong out-of-span factor. */
export function spanSgdSample(
  teacher: MoeParams, student: MoeParams, d: number, s: SgdSetting, runs: number, prefix: string, outOfSpan?: OutOfSpanSampler,
): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < runs; r++) {
    const res = trainSpanSgd(teacher, student, d, new SeedStreams(`${prefix}:${r}`), { ...s, recordEvery: s.steps, outOfSpan });
    out.push(finalStatistics(teacher, res.student));
  }
  return out;
}

/**
 * Wrong span-SGD variants the two-sample test must reject:
 * - `dropped`: no out-of-span part (the step stays in the span of the
 *   directions, as the gradient flow does);
 * - `spanNotSubtracted`: chi variates with d - i degrees of freedom
 *   instead of d - K - i, and min(2m, d) fresh directions (the span's
 *   dimension K forgotten): too much noise by a factor ~d / (d - K).
 */
export function wrongOutOfSpan(kind: 'dropped' | 'spanNotSubtracted', d: number): OutOfSpanSampler {
  if (kind === 'dropped') return () => 0;
  return (rows, _n, rng, out) => bartlettFactor(rows, d, rng, out);
}

/**
 * A student started near the teacher: row i is the teacher's row i mod m*
 * plus an independent direction of the same length (`random`, rows of
 * length d), so its alignment with that teacher direction is ~1/sqrt(2).
 * Large overlaps show the out-of-span shrinkage far better than the
 * 1/sqrt(d) ones of a random start.
 */
export function nearTeacher(teacher: MoeParams, random: MoeParams): MoeParams {
  const mix = (t: Mat, r: Mat): Mat => {
    const out = zeros(r.rows, r.cols);
    for (let i = 0; i < r.rows; i++) {
      for (let k = 0; k < r.cols; k++) out.data[i * r.cols + k] = t.data[(i % t.rows) * t.cols + k] + r.data[i * r.cols + k];
    }
    return out;
  };
  return { routers: mix(teacher.routers, random.routers), experts: mix(teacher.experts, random.experts) };
}

/**
 * Every inner product of the unit directions of a student with those of
 * its teacher and among themselves (teacher-teacher pairs left out: they
 * never move): the whole state of online SGD, in any coordinates.
 */
export function movingInnerProducts(teacher: MoeParams, student: MoeParams): number[] {
  const unit = (m: Mat) => {
    const u = normalizeRows(m);
    return Array.from({ length: u.rows }, (_, i) => u.data.subarray(i * u.cols, (i + 1) * u.cols));
  };
  const t = [...unit(teacher.routers), ...unit(teacher.experts)];
  const s = [...unit(student.routers), ...unit(student.experts)];
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((acc, x, k) => acc + x * b[k], 0);
  return [...s.flatMap((a) => t.map((b) => dot(a, b))), ...s.flatMap((a, i) => s.slice(i + 1).map((b) => dot(a, b)))];
}

