import { describe, expect, it } from 'vitest';
import { batchLossGrad, forward } from '../../model/forward.ts';
import { normalizeRows, zeros, type Mat } from '../../core/mat.ts';
import type { MoeParams } from '../../model/params.ts';
import { initStudent, makeTeacher } from '../../model/teacher.ts';
import { SeedStreams } from '../../core/streams.ts';
import { compressRows } from './compressRows.ts';
import { CHUNK } from './spanLane.ts';
import { spanSgdStep, SpanStepWork } from './spanSgdStep.ts';
import { spanParams, spanStateOf } from './spanState.ts';

/** Inner products of all directions [teacher routers, teacher experts, student routers, student experts]. */
function gramOf(teacher: MoeParams, student: MoeParams): number[][] {
  const rows = [teacher.routers, teacher.experts, student.routers, student.experts].flatMap((m) => {
    const u = normalizeRows(m);
    return Array.from({ length: u.rows }, (_, i) => u.data.subarray(i * u.cols, (i + 1) * u.cols));
  });
  return rows.map((a) => rows.map((b) => a.reduce((s, x, k) => s + x * b[k], 0)));
}

function maxGap(a: number[][], b: number[][]): number {
  return Math.max(...a.flatMap((r, i) => r.map((x, j) => Math.abs(x - b[i][j]))));
}

/**
 * The full-d float64 step (src/model/forward.ts) on the batch whose
 * coordinates on `basis` (K x d) the span step drew from `rng`: z drawn
 * basis vector by basis vector, samples inner (one chunk: B <= CHUNK).
 */
function fullStep(teacher: MoeParams, student: MoeParams, basis: Mat, K: number, B: number, lr: number, seed: string): { student: MoeParams; loss: number } {
  const rng = new SeedStreams(seed).stream('data');
  const d = basis.cols;
  const x = zeros(B, d);
  for (let l = 0; l < K; l++) {
    for (let n = 0; n < B; n++) {
      const z = rng.normal();
      for (let k = 0; k < d; k++) x.data[n * d + k] += z * basis.data[l * d + k];
    }
  }
  const unit = { routers: normalizeRows(student.routers), experts: normalizeRows(student.experts) };
  const g = batchLossGrad(unit, x, forward(teacher, x));
  const moved = (u: Mat, gu: Mat): Mat => normalizeRows({ rows: u.rows, cols: d, data: u.data.map((v, k) => v - lr * gu.data[k]) });
  return { student: { routers: moved(unit.routers, g.routers), experts: moved(unit.experts, g.experts) }, loss: g.loss };
}

const none = () => 0; // an out-of-span sampler that adds nothing (q = 0)

describe('spanSgdStep', () => {
  const seeds = new SeedStreams('span-step');
  const B = 64;
  const lr = 0.3; // large, so that a wrong term would show

  it.each([
    ['the span is all of R^d (d = K = 6): no out-of-span part', 1, 2, 6, undefined],
    ['d = 40 with the out-of-span part left out', 2, 3, 40, none],
  ] as const)('equals the full-d float64 step on the same in-span batch when %s (inner products to 1e-12)', (_, mStar, m, d, sampler) => {
    expect(B).toBeLessThanOrEqual(CHUNK);
    const teacher = makeTeacher(mStar, d, { kind: 'random' }, seeds.stream('teacher'));
    const student = initStudent(m, d, seeds.stream('student'));
    const { state, basis } = spanStateOf(teacher, student, d);
    const K = state.dim;
    const seed = `step-${d}`;
    const loss = spanSgdStep(state, lr, new SpanStepWork(state, B), new SeedStreams(seed).stream('data'), sampler);
    const full = fullStep(teacher, student, basis, K, B, lr, seed);
    expect(loss).toBeCloseTo(full.loss, 12);
    const span = spanParams(state);
    expect(maxGap(gramOf(span.teacher, span.student), gramOf(teacher, full.student))).toBeLessThan(1e-12);
  });

  it('moves every row out of the span by the noise (d = 40): the basis grows by 2m and is compressed back to k_T + 2m', () => {
    const d = 40;
    const teacher = makeTeacher(2, d, { kind: 'orthonormal' }, seeds.stream('teacher'));
    const student = initStudent(3, d, seeds.stream('student'));
    const { state } = spanStateOf(teacher, student, d);
    expect(state.dim).toBe(10);
    const before = gramOf(spanParams(state).teacher, spanParams(state).student);
    spanSgdStep(state, lr, new SpanStepWork(state, B), seeds.stream('data'));
    expect(state.dim).toBe(10);
    const span = spanParams(state);
    const after = gramOf(span.teacher, span.student);
    // Unit rows, the teacher untouched, and the students moved.
    for (let i = 0; i < after.length; i++) expect(after[i][i]).toBeCloseTo(1, 14);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(after[i][j]).toBe(before[i][j]);
    expect(maxGap(after, before)).toBeGreaterThan(0.01);
  });

  it('is a function of the state and the stream', () => {
    const d = 30;
    const teacher = makeTeacher(2, d, { kind: 'orthonormal' }, seeds.stream('teacher'));
    const student = initStudent(4, d, seeds.stream('student'));
    const run = () => {
      const { state } = spanStateOf(teacher, student, d);
      const work = new SpanStepWork(state, 300); // two chunks
      const rng = new SeedStreams('det').stream('data');
      for (let k = 0; k < 5; k++) spanSgdStep(state, 0.05, work, rng);
      return Array.from(state.student);
    };
    expect(run()).toEqual(run());
  });
});

describe('compressRows', () => {
  it('keeps the lead coordinates and every inner product, and leaves row i no coordinates beyond lead + i + 1', () => {
    const rng = new SeedStreams('compress').stream('data');
    const rows = 5, lead = 3, n = 8, stride = 12;
    const a = new Float64Array(rows * stride);
    for (let i = 0; i < rows; i++) for (let k = 0; k < lead + n; k++) a[i * stride + k] = rng.normal();
    const dots = (x: Float64Array) => Array.from({ length: rows }, (_, i) => Array.from({ length: rows }, (_, j) => {
      let s = 0;
      for (let k = 0; k < stride; k++) s += x[i * stride + k] * x[j * stride + k];
      return s;
    }));
    const before = dots(a);
    const lead0 = Array.from({ length: rows }, (_, i) => Array.from(a.subarray(i * stride, i * stride + lead)));
    expect(compressRows(a, rows, stride, lead, n)).toBe(rows);
    expect(maxGap(dots(a), before)).toBeLessThan(1e-13);
    for (let i = 0; i < rows; i++) {
      expect(Array.from(a.subarray(i * stride, i * stride + lead))).toEqual(lead0[i]);
      for (let k = lead + i + 1; k < stride; k++) expect(a[i * stride + k]).toBe(0);
    }
  });
});
