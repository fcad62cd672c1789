import { fromRows } from '../../core/mat.ts';
import { matchStudents, type TeacherMatch } from '../../measure/matching.ts';
import type { TrainingRecord } from '../records.ts';

/** Per-teacher alignments of SGD and of the exact flow at one flow time. */
export interface PairSeries {
  t: number;
  /** Fixed pairs (see FlowComparison.pairs): alignment of teacher j's flow-matched student, SGD and flow. */
  sgdExpert: number[];
  flowExpert: number[];
  sgdRouter: number[];
  flowRouter: number[];
  /** Each engine's own matching at this time: expert alignment of teacher j's matched student. */
  sgdMatchedExpert: number[];
  flowMatchedExpert: number[];
}

/** Largest |SGD - flow| alignment differences over a time window. */
export interface AlignmentGap {
  expert: number;
  router: number;
}

/** SGD against the exact gradient flow from the same initialisation. */
export interface FlowComparison {
  /** The student paired with each teacher: the flow's matching at the last common time. */
  pairs: { teacher: number; student: number }[];
  series: PairSeries[];
  /**
   * Same student, same teacher: max over the fixed pairs and common times of
   * |SGD - flow|. Near 1 when the noise lets a different student win a
   * teacher than in the flow (students race from near-equal overlaps).
   */
  gap: AlignmentGap;
  /**
   * Each engine matched on its own at each time (the curves of the paper's
   * figure, read per teacher): max over teachers and times of the
   * difference of the matched students' alignments.
   */
  matchedGap: AlignmentGap;
  /** The common time window [0, tMax] compared. */
  tMax: number;
}

/**
 * Compares SGD records with flow records on SGD's record times up to the
 * last time both cover, the flow linearly interpolated between its records
 * (students keep their index in both engines: same initialisation). Gives
 * two gaps: microscopic (fixed student-teacher pairs: does the same student
 * learn the same teacher at the same time?) and macroscopic (each engine's
 * own matching: does each teacher get recovered along the same curve?).
 */
export function compareWithFlow(sgd: readonly TrainingRecord[], flow: readonly TrainingRecord[]): FlowComparison {
  const tMax = Math.min(sgd[sgd.length - 1].t, flow[flow.length - 1].t);
  const pairs = matchOf(flowAt(flow, tMax)).map((mt) => ({ teacher: mt.teacher, student: mt.student }));
  const series: PairSeries[] = [];
  const gap = { expert: 0, router: 0 };
  const matchedGap = { expert: 0, router: 0 };
  const widen = (g: AlignmentGap, k: keyof AlignmentGap, a: number[], b: number[]) => a.forEach((v, j) => (g[k] = Math.max(g[k], Math.abs(v - b[j]))));
  for (const r of sgd) {
    if (r.t > tMax) break;
    const f = flowAt(flow, r.t);
    const pick = (mat: number[][]) => pairs.map((p) => mat[p.student][p.teacher]);
    const [ms, mf] = [matchOf(r), matchOf(f)];
    const s: PairSeries = {
      t: r.t, sgdExpert: pick(r.expert), flowExpert: pick(f.expert), sgdRouter: pick(r.router), flowRouter: pick(f.router),
      sgdMatchedExpert: ms.map((mt) => mt.expert), flowMatchedExpert: mf.map((mt) => mt.expert),
    };
    widen(gap, 'expert', s.sgdExpert, s.flowExpert);
    widen(gap, 'router', s.sgdRouter, s.flowRouter);
    widen(matchedGap, 'expert', s.sgdMatchedExpert, s.flowMatchedExpert);
    widen(matchedGap, 'router', ms.map((mt) => mt.router), mf.map((mt) => mt.router));
    series.push(s);
  }
  return { pairs, series, gap, matchedGap, tMax };
}

function matchOf(al: { router: number[][]; expert: number[][] }): TeacherMatch[] {
  return matchStudents({ router: fromRows(al.router), expert: fromRows(al.expert) });
}

/** Flow alignment matrices at time t, linear between the surrounding records (held at the ends). */
export function flowAt(flow: readonly TrainingRecord[], t: number): { router: number[][]; expert: number[][] } {
  let k = 0;
  while (k < flow.length - 1 && flow[k + 1].t < t) k++;
  const a = flow[k];
  const b = flow[Math.min(k + 1, flow.length - 1)];
  const w = b.t > a.t ? Math.min(1, Math.max(0, (t - a.t) / (b.t - a.t))) : 0;
  const mix = (x: number[][], y: number[][]) => x.map((row, i) => row.map((v, j) => v + w * (y[i][j] - v)));
  return { router: mix(a.router, b.router), expert: mix(a.expert, b.expert) };
}
