import { normalizeRows, overlaps, type Mat } from '../core/mat.ts';
import type { MoeParams } from '../model/params.ts';

/** Router and expert alignment matrices, m x m* (students by teacher experts). */
export interface Alignments {
  /** router[i][j] = <v_i/|v_i|, v*_j/|v*_j|>. */
  router: Mat;
  /** expert[i][j] = <w_i/|w_i|, w*_j/|w*_j|>. */
  expert: Mat;
}

/** The alignment matrices of a student against a teacher (the paper's figure plots their entries). */
export function alignments(student: MoeParams, teacher: MoeParams): Alignments {
  return {
    router: overlaps(normalizeRows(student.routers), normalizeRows(teacher.routers)),
    expert: overlaps(normalizeRows(student.experts), normalizeRows(teacher.experts)),
  };
}
