import { dot } from '../core/dot.ts';
import { InputError } from '../core/errors.ts';
import { zeros, type Mat } from '../core/mat.ts';
import type { MoeParams } from './params.ts';
import { checkCount } from './validate.ts';
import { chiVariate } from '../core/gamma.ts';
import type { Rng } from '../core/streams.ts';

/** A teacher and a student in coordinates of an r-dimensional subspace of R^d, r <= 2(m + m*). */
export interface ReducedProblem {
  teacher: MoeParams;
  student: MoeParams;
  /** Ambient dimension d the draw represents. */
  d: number;
  /** r, the dimension of the coordinates. */
  rank: number;
}

/**
 * Draws an orthonormal teacher (routers and experts mutually orthonormal,
 * the paper's default) and a student uniform on the sphere of R^d, exactly in
 * distribution, without building d-vectors: any d (10^6, 10^9) costs the same.
 *
 * Construction, one Gaussian vector g ~ N(0, I_d) at a time: with an
 * orthonormal basis of the r directions drawn so far, the coordinates of g on
 * it are i.i.d. N(0, 1) and its remainder is a uniformly oriented vector of
 * squared length chi^2_{d-r}, independent of them; that remainder's
 * direction becomes basis vector r + 1. The teacher directions are the first
 * 2 m* basis vectors (by rotation invariance this loses no generality).
 */
export function sampleReducedProblem(mStar: number, m: number, d: number, teacherRng: Rng, studentRng: Rng): ReducedProblem {
  checkCount('teacher.experts (m*)', mStar, 1, 'the teacher needs at least one expert');
  checkCount('student.experts (m)', m, 1, 'the student needs at least one expert');
  if (!Number.isFinite(d) || d < 2 * mStar) {
    throw new InputError('d', `an orthonormal teacher with m* = ${mStar} needs d >= ${2 * mStar}, found ${d}`);
  }
  void teacherRng; // the orthonormal teacher is fixed up to rotation; kept for symmetry with makeTeacher.
  const rank = Math.min(d, 2 * (m + mStar));
  let r = 2 * mStar;
  const rows: Float64Array[] = [];
  for (let i = 0; i < 2 * m; i++) {
    const g = new Float64Array(rank);
    for (let k = 0; k < r; k++) g[k] = studentRng.normal();
    if (r < rank) g[r] = chiVariate(d - r, studentRng);
    if (r < rank) r++;
    const len = Math.sqrt(dot(g, g));
    for (let k = 0; k < rank; k++) g[k] /= len;
    rows.push(g);
  }
  const teacher: MoeParams = { routers: unitRows(0, mStar, rank), experts: unitRows(mStar, mStar, rank) };
  const student: MoeParams = { routers: stack(rows.slice(0, m), rank), experts: stack(rows.slice(m), rank) };
  return { teacher, student, d, rank };
}

function unitRows(from: number, n: number, dim: number): Mat {
  const m = zeros(n, dim);
  for (let i = 0; i < n; i++) m.data[i * dim + from + i] = 1;
  return m;
}

function stack(rows: Float64Array[], dim: number): Mat {
  const m = zeros(rows.length, dim);
  rows.forEach((r, i) => m.data.set(r, i * dim));
  return m;
}
