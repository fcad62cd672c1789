import { InputError } from '../core/errors.ts';
import { dot } from '../core/dot.ts';
import { zeros, row, norm, type Mat } from '../core/mat.ts';
import type { MoeParams } from './params.ts';
import { checkCount, checkDirections } from './validate.ts';
import type { Rng } from '../core/streams.ts';

/** How the teacher's directions are chosen. */
export type TeacherGeometry =
  /**
   * Orthonormal directions (the default, see docs/model.md). Routers are
   * orthonormal among themselves and experts among themselves; with
   * `routersOrthogonalToExperts` (default true) all 2 m* directions are
   * mutually orthonormal, which needs d >= 2 m*, else d >= m*.
   */
  | { kind: 'orthonormal'; routersOrthogonalToExperts?: boolean }
  /** Independent directions uniform on the sphere. */
  | { kind: 'random' }
  /** Given explicitly (rows normalised on use). */
  | { kind: 'explicit'; routers: Mat; experts: Mat };

/**
 * Draws a teacher with m* experts in dimension d. Randomness comes from the
 * caller's `teacher` stream only.
 */
export function makeTeacher(mStar: number, d: number, geometry: TeacherGeometry, rng: Rng): MoeParams {
  checkCount('teacher.experts (m*)', mStar, 1, 'the teacher needs at least one expert');
  checkCount('d', d, 2, 'the input dimension must be at least 2');
  switch (geometry.kind) {
    case 'orthonormal': {
      const joint = geometry.routersOrthogonalToExperts ?? true;
      const need = joint ? 2 * mStar : mStar;
      if (d < need) {
        throw new InputError(
          'teacher.geometry',
          `orthonormal teacher with m* = ${mStar} needs d >= ${need}${joint ? ' (routers orthogonal to experts)' : ''}, found d = ${d}; ` +
            `raise d, lower m*${joint ? ', set routersOrthogonalToExperts: false' : ''} or use geometry 'random'`,
        );
      }
      if (joint) {
        const q = orthonormalRows(2 * mStar, d, rng);
        return { routers: slice(q, 0, mStar), experts: slice(q, mStar, 2 * mStar) };
      }
      return { routers: orthonormalRows(mStar, d, rng), experts: orthonormalRows(mStar, d, rng) };
    }
    case 'random':
      return { routers: uniformSphereRows(mStar, d, rng), experts: uniformSphereRows(mStar, d, rng) };
    case 'explicit': {
      checkDirections('teacher.routers', geometry.routers, d);
      checkDirections('teacher.experts', geometry.experts, d);
      if (geometry.routers.rows !== mStar || geometry.experts.rows !== mStar) {
        throw new InputError('teacher', `explicit teacher must have m* = ${mStar} routers and experts`);
      }
      return { routers: geometry.routers, experts: geometry.experts };
    }
    default:
      throw new InputError('teacher.geometry', `unknown kind ${(geometry as { kind: string }).kind}; use orthonormal, random or explicit`);
  }
}

/**
 * A student of m experts with routers and experts independent and uniform on
 * the unit sphere S^{d-1} (the paper's random initialisation).
 */
export function initStudent(m: number, d: number, rng: Rng): MoeParams {
  checkCount('student.experts (m)', m, 1, 'the student needs at least one expert');
  checkCount('d', d, 2, 'the input dimension must be at least 2');
  return { routers: uniformSphereRows(m, d, rng), experts: uniformSphereRows(m, d, rng) };
}

/** n rows uniform on S^{d-1}: normalised standard Gaussian vectors. */
export function uniformSphereRows(n: number, d: number, rng: Rng): Mat {
  const m = zeros(n, d);
  for (let i = 0; i < n; i++) {
    const r = row(m, i);
    let len = 0;
    while (!(len > 0)) {
      rng.fillNormal(r);
      len = norm(r);
    }
    for (let k = 0; k < d; k++) r[k] /= len;
  }
  return m;
}

/**
 * n orthonormal rows in R^d, Haar-distributed: Gram-Schmidt (twice, for
 * float64 orthogonality) on Gaussian vectors.
 */
export function orthonormalRows(n: number, d: number, rng: Rng): Mat {
  if (n > d) throw new InputError('teacher', `cannot draw ${n} orthonormal rows in d = ${d}`);
  const m = uniformSphereRows(n, d, rng);
  for (let i = 0; i < n; i++) {
    const r = row(m, i);
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        const q = row(m, j);
        const c = dot(r, q);
        for (let k = 0; k < d; k++) r[k] -= c * q[k];
      }
      const len = norm(r);
      for (let k = 0; k < d; k++) r[k] /= len;
    }
  }
  return m;
}

function slice(m: Mat, from: number, to: number): Mat {
  return { rows: to - from, cols: m.cols, data: m.data.slice(from * m.cols, to * m.cols) };
}
