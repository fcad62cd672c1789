import { dot } from '../src/core/dot.ts';
import { fromRows, row, type Mat } from '../src/core/mat.ts';
import type { MoeParams } from '../src/model/params.ts';
import { SeedStreams } from '../src/core/streams.ts';
import { permuteExperts, randomPermutation, randomScales } from './problems.ts';
import { drawConfig, type DrawnConfig, type MoeConfig } from './drawConfig.ts';

/**
 * A global optimum of the loss: the teacher's experts plus cancelling pairs
 * (shared router, opposite experts), in a shuffled order with rescaled rows
 * ({@link buildOptimum} builds it).
 */
export interface OptimumCase extends Omit<MoeConfig, 'm'> {
  /** Number of cancelling pairs added to the teacher's experts. */
  readonly pairs: number;
  /**
   * Pair expert directions: 'random', or 'teacher' (pair k uses +-w*_(k mod m*),
   * so one member is as aligned with a teacher expert as the teacher's own
   * copy: the case where matching before removing pairs goes wrong).
   */
  readonly pairExperts: 'random' | 'teacher';
}

/** An optimum case built: the teacher, the student (teacher + pairs) and who is who in the student. */
export interface BuiltOptimum {
  readonly teacher: MoeParams;
  readonly student: MoeParams;
  /** role[i]: teacher expert j copied by student i (j >= 0), or -1 - k for a member of pair k. */
  readonly role: readonly number[];
}

/**
 * Builds an optimum case: the student is the teacher's m* experts plus
 * `pairs` cancelling pairs (router v_k shared, experts w_k and -w_k), rows
 * shuffled (stream 'order') and rescaled by factors in [0.5, 2] (stream
 * 'scales'). Pair directions are those of a drawn student of 2 pairs rows
 * (test-support/drawConfig.ts), so any d works (span coordinates above
 * FULL_D_MAX); with pairExperts 'teacher' pair k's experts are +-w*_(k mod m*).
 * Its output equals the teacher's for every x.
 */
export function buildOptimum(c: OptimumCase): BuiltOptimum {
  const { drawn, rows } = optimumRows(c);
  return shuffled(drawn.teacher, rows, `optimum:${c.seed}`);
}

/** Unshuffled student rows and their roles (see {@link BuiltOptimum}). */
interface StudentRows {
  readonly r: number[][];
  readonly e: number[][];
  readonly role: number[];
}

/** The draw of an optimum case and its rows before shuffling: the m* teacher copies, then the pairs. */
function optimumRows(c: OptimumCase): { drawn: DrawnConfig; rows: StudentRows } {
  const drawn = drawConfig({ mStar: c.mStar, m: Math.max(1, 2 * c.pairs), d: c.d, geometry: c.geometry, seed: c.seed });
  const { teacher } = drawn;
  const rows: StudentRows = { r: [], e: [], role: [] };
  for (let j = 0; j < c.mStar; j++) {
    rows.r.push(rowOf(teacher.routers, j));
    rows.e.push(rowOf(teacher.experts, j));
    rows.role.push(j);
  }
  for (let k = 0; k < c.pairs; k++) {
    const v = rowOf(drawn.student.routers, k);
    const w = c.pairExperts === 'teacher' ? rowOf(teacher.experts, k % c.mStar) : rowOf(drawn.student.experts, k);
    rows.r.push(v, v.slice());
    rows.e.push(w, w.map((x) => -x));
    rows.role.push(-1 - k, -1 - k);
  }
  return { drawn, rows };
}

/** The student of `rows`, shuffled (stream 'order') and rescaled (stream 'scales') from the named seed streams. */
function shuffled(teacher: MoeParams, rows: StudentRows, streams: string): BuiltOptimum {
  const s = new SeedStreams(streams);
  const order = randomPermutation(rows.role.length, s.stream('order'));
  const student = randomScales(permuteExperts({ routers: fromRows(rows.r), experts: fromRows(rows.e) }, order), s.stream('scales'));
  return { teacher, student, role: order.map((i) => rows.role[i]) };
}

function rowOf(m: Mat, i: number): number[] {
  return Array.from(row(m, i));
}

/** The angles (degrees) of a pentagon group's experts from the teacher expert it represents. */
export const PENTAGON_ANGLES = [36, -36, 108, -108] as const;

/** The role of a pentagon group's members in {@link buildPentagonOptimum}. */
export const PENTAGON_ROLE = -100;

/**
 * A global optimum found by the flow itself (the C1 failures of
 * `npm run verify`): teacher expert 0 is represented not by one student but
 * by a *pentagon group*, four students sharing its router v*_0 whose experts
 * are cos(phi) w*_0 + sin(phi) e, phi = +-36 and +-108 degrees, for a unit e
 * orthogonal to w*_0. No member is aligned above cos 36 deg = 0.809, yet
 * the group's output is the teacher expert's exactly: He3(<u, x>) is linear
 * in the tensor u (x) u (x) u, whose restriction to the plane of w*_0 and e
 * is a combination of cos(phi), sin(phi), cos(3 phi), sin(3 phi); each of
 * these sums to zero over the five vertices of a regular pentagon, so the
 * four vertices other than phi = 180 deg sum to minus that vertex, which is
 * +w*_0's tensor. The other teacher experts are copied, then `pairs`
 * cancelling pairs are added; rows are shuffled and rescaled as in
 * {@link buildOptimum}. role: j for the copy of teacher j, -1 - k for pair k,
 * and {@link PENTAGON_ROLE} for the four pentagon members.
 */
export function buildPentagonOptimum(c: OptimumCase): BuiltOptimum {
  const { drawn, rows } = optimumRows(c);
  const w = rowOf(drawn.teacher.experts, 0);
  const v = rowOf(drawn.teacher.routers, 0);
  // e: the draw's last student router (same coordinates as the teacher, span ones above FULL_D_MAX),
  // made orthogonal to w*_0 (Gram-Schmidt twice, for rounding).
  let e = rowOf(drawn.student.routers, drawn.student.routers.rows - 1);
  for (let pass = 0; pass < 2; pass++) {
    const c = dot(e, w);
    e = e.map((x, k) => x - c * w[k]);
  }
  const len = Math.hypot(...e);
  e = e.map((x) => x / len);
  // Teacher 0's copy is the first row: the group takes its place.
  const group: StudentRows = { r: rows.r.slice(1), e: rows.e.slice(1), role: rows.role.slice(1) };
  for (const deg of PENTAGON_ANGLES) {
    const phi = (deg * Math.PI) / 180;
    group.r.push(v.slice());
    group.e.push(w.map((wk, k) => Math.cos(phi) * wk + Math.sin(phi) * e[k]));
    group.role.push(PENTAGON_ROLE);
  }
  return shuffled(drawn.teacher, group, `pentagon:${c.seed}`);
}
