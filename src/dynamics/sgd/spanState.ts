import { InputError } from '../../core/errors.ts';
import { normalizeRows, zeros, type Mat } from '../../core/mat.ts';
import type { MoeParams } from '../../model/params.ts';
import { spanCoordinates } from '../../model/span.ts';
import { checkPair } from './checkPair.ts';

/**
 * Online SGD's state in coordinates of a basis of the span of the current
 * student and teacher directions (spanSgdStep.ts): the first `teacherDim`
 * coordinates span the teacher's directions (they never move), the next at
 * most 2m the students' remainders outside it. Only inner products are
 * meaningful: they equal those of the directions in R^d.
 */
export interface SpanSgdState {
  /** Ambient dimension d the state represents. */
  readonly d: number;
  readonly m: number;
  readonly mStar: number;
  /** k_T, the dimension of the teacher's span: the first k_T coordinates. */
  readonly teacherDim: number;
  /** Largest basis dimension min(d, k_T + 2m): the row stride of `student`. */
  readonly maxDim: number;
  /** Current basis dimension K <= maxDim. */
  dim: number;
  /** Teacher rows (m* routers, then m* experts), unit, on the first k_T coordinates; row stride k_T. */
  readonly teacher: Float64Array;
  /**
   * Student rows (m routers, then m experts), unit, row stride maxDim, zero
   * beyond `dim`; row i has no coordinates beyond k_T + i + 1 (compressRows).
   */
  readonly student: Float64Array;
}

/** A span state and the orthonormal basis (rows, in the input's coordinates) it was built on. */
export interface SpanStart {
  state: SpanSgdState;
  /** K_0 x (input row length): the teacher's span first, then the students' remainders. */
  basis: Mat;
}

/**
 * The span state of a teacher and a student whose rows (any length, the
 * same for both) are the coordinates of directions of R^d on an orthonormal
 * set: R^d itself (length d) or the span drawn by sampleReducedProblem
 * (length <= 2(m + m*)). Rows are normalised; directions dependent on
 * earlier ones (relative remainder below 1e-12) add no basis vector.
 */
export function spanStateOf(teacher: MoeParams, student: MoeParams, d: number): SpanStart {
  const { d: rowLength, m, mStar } = checkPair(teacher, student);
  if (!(Number.isInteger(d) && d >= rowLength)) {
    throw new InputError('d', `must be an integer >= the length of the parameter rows (${rowLength}), found ${d}`);
  }
  const mats = [teacher.routers, teacher.experts, student.routers, student.experts].map(normalizeRows);
  const teacherDim = spanCoordinates(mats.slice(0, 2)).basis.rows;
  const { basis, coords } = spanCoordinates(mats);
  const maxDim = Math.min(d, teacherDim + 2 * m);
  const t = new Float64Array(2 * mStar * teacherDim);
  [coords[0], coords[1]].forEach((c, half) => {
    for (let i = 0; i < mStar; i++) t.set(c.data.subarray(i * c.cols, i * c.cols + teacherDim), (half * mStar + i) * teacherDim);
  });
  // Gram-Schmidt took the rows in order, so student row i lies on the teacher's span and the basis vectors of
  // rows 0..i: its coordinates beyond k_T + i + 1 are rounding only, and are dropped (the step relies on it).
  const s = new Float64Array(2 * m * maxDim);
  [coords[2], coords[3]].forEach((c, half) => {
    for (let i = 0; i < m; i++) {
      const r = half * m + i;
      s.set(c.data.subarray(i * c.cols, i * c.cols + Math.min(c.cols, teacherDim + r + 1)), r * maxDim);
    }
  });
  const state: SpanSgdState = { d, m, mStar, teacherDim, maxDim, dim: basis.rows, teacher: t, student: s };
  return { state, basis };
}

/** Teacher and student as MoeParams on the state's K coordinates (for the exact loss and the alignments). */
export function spanParams(state: SpanSgdState): { teacher: MoeParams; student: MoeParams } {
  const { m, mStar, teacherDim, dim, maxDim } = state;
  const rowsOf = (src: Float64Array, stride: number, from: number, n: number, len: number): Mat => {
    const out = zeros(n, dim);
    for (let i = 0; i < n; i++) out.data.set(src.subarray((from + i) * stride, (from + i) * stride + len), i * dim);
    return out;
  };
  return {
    teacher: { routers: rowsOf(state.teacher, teacherDim, 0, mStar, teacherDim), experts: rowsOf(state.teacher, teacherDim, mStar, mStar, teacherDim) },
    student: { routers: rowsOf(state.student, maxDim, 0, m, dim), experts: rowsOf(state.student, maxDim, m, m, dim) },
  };
}

/**
 * The state's student as rows in the coordinates of `basis` (from
 * spanStateOf): its inner products with the teacher's rows and among
 * themselves are those of the state. Its relation to the initial student's
 * rows is not kept (the fresh directions of each step are never formed), so
 * compare runs through inner products, not coordinates. The basis is
 * completed past its teacher rows by its own student rows and, if the span
 * grew beyond them, by unit vectors orthogonalised against it.
 */
export function liftStudent(state: SpanSgdState, basis: Mat): MoeParams {
  const e = completeBasis(basis, state.dim);
  const n = basis.cols;
  const rows = (from: number): Mat => {
    const out = zeros(state.m, n);
    for (let i = 0; i < state.m; i++) {
      const src = (from + i) * state.maxDim;
      for (let j = 0; j < state.dim; j++) {
        const c = state.student[src + j];
        if (c === 0) continue;
        for (let k = 0; k < n; k++) out.data[i * n + k] += c * e.data[j * n + k];
      }
    }
    return out;
  };
  return { routers: rows(0), experts: rows(state.m) };
}

/** The first `dim` rows of an orthonormal basis extending `basis` (by unit vectors, Gram-Schmidt twice). */
function completeBasis(basis: Mat, dim: number): Mat {
  if (basis.rows >= dim) return { rows: dim, cols: basis.cols, data: basis.data.subarray(0, dim * basis.cols) };
  const n = basis.cols;
  const out = zeros(dim, n);
  out.data.set(basis.data);
  let have = basis.rows;
  for (let unit = 0; unit < n && have < dim; unit++) {
    const v = new Float64Array(n);
    v[unit] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < have; j++) {
        let c = 0;
        for (let k = 0; k < n; k++) c += v[k] * out.data[j * n + k];
        for (let k = 0; k < n; k++) v[k] -= c * out.data[j * n + k];
      }
    }
    let len = 0;
    for (let k = 0; k < n; k++) len += v[k] * v[k];
    len = Math.sqrt(len);
    if (len < 0.5) continue; // mostly inside the span already: another unit vector does better
    for (let k = 0; k < n; k++) out.data[have * n + k] = v[k] / len;
    have++;
  }
  if (have < dim) throw new InputError('student', `the span grew to ${dim} dimensions, more than the ${n} coordinates of the given rows; give rows of length d`);
  return out;
}
