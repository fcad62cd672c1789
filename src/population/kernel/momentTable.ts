import { MOMENTS, routerMomentsDirect } from './routerMoments.ts';


/**
 * The 56 router moments of src/population/kernel/routerMoments.ts as piecewise
 * polynomials of the routers' angle theta on [0, pi/2] (the other half
 * follows by symmetry; the kernel folds it: src/population/kernel/momentKernel.ts).
 *
 * Construction: `intervals` equal pieces; on each, the moments at the
 * degree + 1 Chebyshev-Lobatto points (computed directly,
 * {@link routerMomentsDirect}) are interpolated by a polynomial of that
 * degree, stored in monomials of the local variable x in [-1, 1] for Horner's
 * rule. Lobatto points include both ends of a piece, so theta = 0 (collinear
 * routers, the degenerate pair) is a node: its value is the direct sum there.
 * The moments are analytic in theta (also at theta = 0 and pi/2), so the
 * interpolation error falls geometrically with the degree; see
 * {@link DEFAULT_TABLE} for the measurement.
 */
export interface MomentTable {
  readonly intervals: number;
  readonly degree: number;
  /** Coefficient of x^k of moment f on piece j at [(j (degree + 1) + k) 56 + f]. */
  readonly coefficients: Float64Array;
}

/**
 * Pieces and degree of the table the kernel uses. Largest absolute error
 * against the direct sums at 400 angles (`npx tsx tools/kernelAccuracy.ts`):
 * 3.1e-15 with 16 pieces of degree 8 (rounding level), 1.5e-13 with degree
 * 7, 7.2e-12 with degree 6 (5.7e-14 with 32 pieces of degree 6, which costs
 * as much to evaluate). Evaluation is 56 x 9 multiply-adds, ~0.2 us.
 */
export const DEFAULT_TABLE = {
  intervals: 16,
  degree: 8,
};

/** Builds a table: 129 direct sums (~20-40 ms for the default on this project's shared machines). */
export function buildMomentTable(intervals: number, degree: number): MomentTable {
  if (!Number.isInteger(intervals) || intervals < 1 || !Number.isInteger(degree) || degree < 1 || degree > 16) {
    throw new RangeError(`buildMomentTable: intervals must be an integer >= 1 and degree one in [1, 16], found ${intervals}, ${degree}`);
  }
  const width = Math.PI / 2 / intervals;
  const p = degree;
  const coefficients = new Float64Array(intervals * (p + 1) * MOMENTS);
  const T = chebyshevMonomials(p);
  // Node values, shared by neighbouring pieces at their common end.
  const values: Float64Array[] = [];
  for (let j = 0; j < intervals; j++) {
    for (let k = 0; k <= p; k++) {
      // Lobatto point k of piece j, from the left end (x = -1) to the right end (x = 1).
      const xk = -Math.cos((Math.PI * k) / p);
      const theta = j * width + ((xk + 1) / 2) * width;
      values[k] = k === 0 && j > 0 ? values[p] : routerMomentsDirect(k === 0 && j === 0 ? 0 : theta);
    }
    // Chebyshev coefficients a_i = (2/p) sum''_k f_k T_i(x_k) (ends halved), a_0 and a_p halved again.
    for (let f = 0; f < MOMENTS; f++) {
      const base = j * (p + 1) * MOMENTS + f;
      for (let i = 0; i <= p; i++) {
        let a = 0;
        for (let k = 0; k <= p; k++) {
          const w = k === 0 || k === p ? 0.5 : 1;
          a += w * values[k][f] * Math.cos((Math.PI * i * (p - k)) / p);
        }
        a *= 2 / p;
        if (i === 0 || i === p) a *= 0.5;
        // Add a_i T_i(x) to the monomial coefficients.
        for (let m = 0; m <= i; m++) coefficients[base + m * MOMENTS] += a * T[i][m];
      }
    }
  }
  return { intervals, degree, coefficients };
}

/**
 * The first `count` moments (a multiple of 8; default all 56) at theta in
 * [0, pi/2] into out[0..count) by Horner's rule on the piece that holds
 * theta. No range check (the kernel's inner loop): the caller folds theta
 * into [0, pi/2]. Eight moments at a time, their partial sums held in locals:
 * V8 then loads each coefficient once and stores each moment once, ~3x
 * faster than a loop over the moments inside the loop over the powers.
 */
export function evaluateMomentTable(table: MomentTable, theta: number, out: Float64Array, count = ALL): Float64Array {
  const { intervals, degree, coefficients: C } = table;
  const F = ALL;
  const scaled = (theta * intervals) / (Math.PI / 2);
  const j = Math.min(intervals - 1, Math.floor(scaled));
  const x = 2 * (scaled - j) - 1;
  const top = (j * (degree + 1) + degree) * F;
  for (let f = 0; f < count; f += 8) {
    let o = top + f;
    let r0 = C[o], r1 = C[o + 1], r2 = C[o + 2], r3 = C[o + 3], r4 = C[o + 4], r5 = C[o + 5], r6 = C[o + 6], r7 = C[o + 7];
    for (let k = degree - 1; k >= 0; k--) {
      o -= F;
      r0 = r0 * x + C[o]; r1 = r1 * x + C[o + 1]; r2 = r2 * x + C[o + 2]; r3 = r3 * x + C[o + 3];
      r4 = r4 * x + C[o + 4]; r5 = r5 * x + C[o + 5]; r6 = r6 * x + C[o + 6]; r7 = r7 * x + C[o + 7];
    }
    out[f] = r0; out[f + 1] = r1; out[f + 2] = r2; out[f + 3] = r3;
    out[f + 4] = r4; out[f + 5] = r5; out[f + 6] = r6; out[f + 7] = r7;
  }
  return out;
}

/** All 56 moments (a local copy: an imported binding is re-read through its module on every use under tsx and vitest). */
const ALL = 56;

let shared: MomentTable | null = null;

/** The default table, built on first use and kept for the process. */
export function defaultMomentTable(): MomentTable {
  shared ??= buildMomentTable(DEFAULT_TABLE.intervals, DEFAULT_TABLE.degree);
  return shared;
}

/** Monomial coefficients of the Chebyshev polynomials T_0..T_p (small integers: exact in float64). */
function chebyshevMonomials(p: number): number[][] {
  const T: number[][] = [[1], [0, 1]];
  for (let i = 2; i <= p; i++) {
    const next = new Array<number>(i + 1).fill(0);
    for (let m = 0; m < i; m++) next[m + 1] += 2 * T[i - 1][m];
    for (let m = 0; m <= i - 2; m++) next[m] -= T[i - 2][m];
    T.push(next);
  }
  return T;
}
