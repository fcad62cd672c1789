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
