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
    // Computed on first use: the Gauss-Hermite quadrature factors each pair from the directions
    // themselves (src/population/kernel/pairFactorOf.ts) and never needs it.
    get gram(): Mat {
      gram ??= gramMatrix(units);
      return gram;
    },
  };
}

/**
 * units units^T with an exact unit diagonal. Register tiles of 2 x 4 entries
 * over the upper triangle, mirrored; every entry is summed in index order,
 * whatever tile computes it, so it has the bits of dotAt (src/core/dot.ts)
 * of its two rows: equal rows give equal entries wherever they sit, a
 * negated row negated ones.
 * ~3x faster than one dot product per entry: the tabulated-moment quadrature
 * reads every pair's correlations from it.
 */
function gramMatrix(units: Mat): Mat {
  const n = units.rows;
  const gram = zeros(n, n);
  const g = gram.data;
  const last = n - 1;
  for (let i = 0; i < n; i += 2) {
    for (let j = i; j < n; j += 4) gramTile(units, i, Math.min(i + 1, last), j, Math.min(j + 1, last), Math.min(j + 2, last), Math.min(j + 3, last), g);
  }
  for (let i = 0; i < n; i++) g[i * n + i] = 1;
  return gram;
}

/**
 * Entries (i, j) for i in {i0, i1}, j in {j0..j3} with j >= i, written to
 * both triangles. Indices past the end are clamped to the last row by the
 * caller: the repeated entries are recomputed identically.
 */
function gramTile(units: Mat, i0: number, i1: number, j0: number, j1: number, j2: number, j3: number, g: Float64Array): void {
  const u = units.data, dim = units.cols, n = units.rows;
  const a = i0 * dim, b = i1 * dim, c0 = j0 * dim, c1 = j1 * dim, c2 = j2 * dim, c3 = j3 * dim;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  for (let k = 0; k < dim; k++) {
    const x = u[a + k], y = u[b + k];
    const v0 = u[c0 + k], v1 = u[c1 + k], v2 = u[c2 + k], v3 = u[c3 + k];
    s00 += x * v0; s01 += x * v1; s02 += x * v2; s03 += x * v3;
    s10 += y * v0; s11 += y * v1; s12 += y * v2; s13 += y * v3;
  }
  g[i0 * n + j0] = g[j0 * n + i0] = s00;
  g[i0 * n + j1] = g[j1 * n + i0] = s01;
  g[i0 * n + j2] = g[j2 * n + i0] = s02;
  g[i0 * n + j3] = g[j3 * n + i0] = s03;
  // Row i1 only right of the diagonal (its entry (i1, j0 = i0) is the mirror of (i0, i1)).
  if (j0 >= i1) g[i1 * n + j0] = g[j0 * n + i1] = s10;
  if (j1 >= i1) g[i1 * n + j1] = g[j1 * n + i1] = s11;
  g[i1 * n + j2] = g[j2 * n + i1] = s12;
  g[i1 * n + j3] = g[j3 * n + i1] = s13;
}
