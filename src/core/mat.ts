import { dot } from './dot.ts';

/**
 * A dense row-major float64 matrix: `rows` vectors of length `cols`.
 * The one container the float64 core uses for routers, experts and batches.
 */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A zero matrix of the given shape. */
export function zeros(rows: number, cols: number): Mat {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Builds a matrix from nested arrays (rows of equal length; checked by the caller's validator). */
export function fromRows(rows: readonly (readonly number[])[]): Mat {
  const cols = rows.length ? rows[0].length : 0;
  const m = zeros(rows.length, cols);
  rows.forEach((r, i) => m.data.set(r, i * cols));
  return m;
}

/** Nested arrays of a matrix, for JSON output. */
export function toRows(m: Mat): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(row(m, i)));
}

/** A view (no copy) of row i. */
export function row(m: Mat, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** A deep copy. */
export function clone(m: Mat): Mat {
  return { rows: m.rows, cols: m.cols, data: new Float64Array(m.data) };
}

/** Euclidean norm. */
export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** Rows scaled to unit length (a new matrix). Zero rows are a caller error, checked by validation. */
export function normalizeRows(m: Mat): Mat {
  const out = clone(m);
  for (let i = 0; i < m.rows; i++) {
    const r = row(out, i);
    const n = norm(r);
    for (let k = 0; k < r.length; k++) r[k] /= n;
  }
  return out;
}

/** Row norms. */
export function rowNorms(m: Mat): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = norm(row(m, i));
  return out;
}

/** C = A B^T (rows of A against rows of B): the overlap matrix of two sets of directions. */
export function overlaps(a: Mat, b: Mat): Mat {
  if (a.cols !== b.cols) throw new Error(`overlaps: dimension mismatch ${a.cols} vs ${b.cols}`);
  const out = zeros(a.rows, b.rows);
  for (let i = 0; i < a.rows; i++) {
    const ai = row(a, i);
    for (let j = 0; j < b.rows; j++) out.data[i * b.rows + j] = dot(ai, row(b, j));
  }
  return out;
}

/** Entry (i, j). */
export function at(m: Mat, i: number, j: number): number {
  return m.data[i * m.cols + j];
}
