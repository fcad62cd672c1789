import { fromRows, row, type Mat } from '../../src/model/mat.ts';
import type { MoeParams } from '../../src/model/params.ts';
import { SeedStreams } from '../../src/random/streams.ts';
import { permuteExperts, randomPermutation, randomScales } from '../../src/testing/problems.ts';
import type { OptimumCase } from '../arbitraries/arbOptimumCase.ts';
import { drawConfig } from './drawConfig.ts';

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
 * (support/drawConfig.ts), so any d works (span coordinates above
 * FULL_D_MAX); with pairExperts 'teacher' pair k's experts are +-w*_(k mod m*).
 * Its output equals the teacher's for every x.
 */
export function buildOptimum(c: OptimumCase): BuiltOptimum {
  const drawn = drawConfig({ mStar: c.mStar, m: Math.max(1, 2 * c.pairs), d: c.d, geometry: c.geometry, seed: c.seed });
  const { teacher } = drawn;
  const rows = (m: Mat, i: number) => Array.from(row(m, i));
  const r: number[][] = [];
  const e: number[][] = [];
  const role: number[] = [];
  for (let j = 0; j < c.mStar; j++) {
    r.push(rows(teacher.routers, j));
    e.push(rows(teacher.experts, j));
    role.push(j);
  }
  for (let k = 0; k < c.pairs; k++) {
    const v = rows(drawn.student.routers, k);
    const w = c.pairExperts === 'teacher' ? rows(teacher.experts, k % c.mStar) : rows(drawn.student.experts, k);
    r.push(v, v.slice());
    e.push(w, w.map((x) => -x));
    role.push(-1 - k, -1 - k);
  }
  const s = new SeedStreams(`optimum:${c.seed}`);
  const order = randomPermutation(role.length, s.stream('order'));
  const student = randomScales(permuteExperts({ routers: fromRows(r), experts: fromRows(e) }, order), s.stream('scales'));
  return { teacher, student, role: order.map((i) => role[i]) };
}

/** The angles (degrees) of a pentagon group's experts from the teacher expert it represents. */
export const PENTAGON_ANGLES = [36, -36, 108, -108] as const;

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
 * and -100 for the four pentagon members.
 */
export function buildPentagonOptimum(c: OptimumCase): BuiltOptimum {
  const base = buildOptimum(c);
  const { teacher } = base;
  const w = Array.from(row(teacher.experts, 0));
  const v = Array.from(row(teacher.routers, 0));
  // e: a drawn direction in the same coordinates (buildOptimum's own draw: span coordinates above
  // FULL_D_MAX are those of that draw), made orthogonal to w*_0 (Gram-Schmidt twice, for rounding).
  const drawn = drawConfig({ mStar: c.mStar, m: Math.max(1, 2 * c.pairs), d: c.d, geometry: c.geometry, seed: c.seed });
  let e = Array.from(row(drawn.student.routers, drawn.student.routers.rows - 1));
  for (let pass = 0; pass < 2; pass++) {
    const dot = e.reduce((s, x, k) => s + x * w[k], 0);
    e = e.map((x, k) => x - dot * w[k]);
  }
  const len = Math.hypot(...e);
  e = e.map((x) => x / len);
  const keep = base.role.map((r, i) => (r === 0 ? -1 : i)).filter((i) => i >= 0);
  const r: number[][] = keep.map((i) => Array.from(row(base.student.routers, i)));
  const x: number[][] = keep.map((i) => Array.from(row(base.student.experts, i)));
  const role = keep.map((i) => base.role[i]);
  for (const deg of PENTAGON_ANGLES) {
    const phi = (deg * Math.PI) / 180;
    r.push(v.slice());
    x.push(w.map((wk, k) => Math.cos(phi) * wk + Math.sin(phi) * e[k]));
    role.push(-100);
  }
  const s = new SeedStreams(`pentagon:${c.seed}`);
  const order = randomPermutation(role.length, s.stream('order'));
  const student = randomScales(permuteExperts({ routers: fromRows(r), experts: fromRows(x) }, order), s.stream('scales'));
  return { teacher, student, role: order.map((i) => role[i]) };
}
