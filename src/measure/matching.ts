import { at } from '../core/mat.ts';
import type { Alignments } from './alignment.ts';
import { assignMinCost } from './hungarian.ts';

/** For one teacher expert: the student matched to it and that student's alignments. */
export interface TeacherMatch {
  teacher: number;
  student: number;
  /** Expert alignment <w_i, w*_j> of the matched student. */
  expert: number;
  /** Router alignment <v_i, v*_j> of that same student. */
  router: number;
  /** The best expert alignment any student has with this teacher (may be a student matched elsewhere). */
  bestExpert: number;
  /** The student attaining `bestExpert`. */
  bestExpertStudent: number;
}

/**
 * The best one-to-one matching of teacher experts to distinct students,
 * maximising the summed expert alignment (Hungarian algorithm), with the
 * router alignment of each matched student. With m < m* only m teachers can
 * be matched; the others get student -1 and NaN alignments.
 */
export function matchStudents(al: Alignments): TeacherMatch[] {
  const m = al.expert.rows;
  const mStar = al.expert.cols;
  const teachers = Array.from({ length: mStar }, (_, j) => j);
  const cost = teachers.map((j) => Array.from({ length: m }, (_, i) => -at(al.expert, i, j)));
  let col: number[];
  if (mStar <= m) col = assignMinCost(cost);
  else {
    // Transpose: assign students to teachers, then invert.
    const t = Array.from({ length: m }, (_, i) => teachers.map((j) => -at(al.expert, i, j)));
    const sCol = assignMinCost(t);
    col = teachers.map((j) => sCol.indexOf(j));
  }
  return teachers.map((j) => {
    let best = -Infinity;
    let bestI = -1;
    for (let i = 0; i < m; i++) {
      if (at(al.expert, i, j) > best) {
        best = at(al.expert, i, j);
        bestI = i;
      }
    }
    const i = col[j];
    return {
      teacher: j,
      student: i,
      expert: i >= 0 ? at(al.expert, i, j) : NaN,
      router: i >= 0 ? at(al.router, i, j) : NaN,
      bestExpert: best,
      bestExpertStudent: bestI,
    };
  });
}
