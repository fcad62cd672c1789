import { dotAt } from '../core/dot.ts';
import { normalizeRows, zeros, type Mat } from '../core/mat.ts';
import type { MoeParams } from '../model/params.ts';

/**
 * All normalised directions of a student and a teacher stacked in one matrix,
 * in the order [student routers (m); student experts (m); teacher routers
 * (m*); teacher experts (m*)], and their Gram matrix with unit diagonal. The
 * population loss depends on the parameters only through this Gram matrix
 * (docs/model.md); it is the interface between
 * parameters and every population quantity.
 */
export interface Directions {
  readonly m: number;
  readonly mStar: number;
  /** (2m + 2m*) x dim, unit rows. */
  readonly units: Mat;
  /** Gram matrix units units^T, diagonal exactly 1. */
  readonly gram: Mat;
}

/** Index of the router of expert p (students 0..m-1, then teachers m..m+m*-1). */
export function routerIndex(dirs: Directions, p: number): number {
  return p < dirs.m ? p : dirs.m + p;
}

/** Index of the expert direction of expert p. */
export function expertIndex(dirs: Directions, p: number): number {
  return p < dirs.m ? dirs.m + p : dirs.m + dirs.mStar + p;
}

/** Stacks and normalises the directions; their Gram matrix is formed when first read. */
export function directions(teacher: MoeParams, student: MoeParams): Directions {
  const parts = [student.routers, student.experts, teacher.routers, teacher.experts].map(normalizeRows);
  const dim = parts[0].cols;
  const n = parts.reduce((s, p) => s + p.rows, 0);
  const units = zeros(n, dim);
  let off = 0;
  for (const p of parts) {
    units.data.set(p.data, off);
    off += p.data.length;
  }
  let gram: Mat | null = null;
  return {
    m: student.routers.rows,
    mStar: teacher.routers.rows,
    units,
    // Computed on first use: the quadrature factors each pair from the directions themselves
    // (src/population/kernel/pairFactor.ts), so the loss and gradient never need it.
    get gram(): Mat {
      gram ??= gramMatrix(units);
      return gram;
    },
  };
}

/** units units^T with an exact unit diagonal. */
function gramMatrix(units: Mat): Mat {
  const n = units.rows;
  const dim = units.cols;
  const gram = zeros(n, n);
  for (let i = 0; i < n; i++) {
    gram.data[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const s = dotAt(units.data, i * dim, units.data, j * dim, dim);
      gram.data[i * n + j] = s;
      gram.data[j * n + i] = s;
    }
  }
  return gram;
}
