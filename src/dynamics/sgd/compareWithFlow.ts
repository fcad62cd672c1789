import { fromRows } from '../../model/mat.ts';
import { matchStudents } from '../../measure/matching.ts';
import type { TrainingRecord } from '../records.ts';

/** Matched-pair alignments of SGD and of the exact flow at one flow time. */
export interface PairSeries {
  t: number;
  /** Per teacher j (in order): alignment of its matched student, SGD and flow. */
  sgdExpert: number[];
  flowExpert: number[];
  sgdRouter: number[];
  flowRouter: number[];
}

/** SGD against the exact gradient flow from the same initialisation. */
export interface FlowComparison {
  /** The matched student of each teacher (the flow's matching at the last common time). */
  pairs: { teacher: number; student: number }[];
  series: PairSeries[];
  /** max over pairs and common record times of |SGD - flow| alignment. */
  gap: { expert: number; router: number };
  /** The common time window [0, tMax] compared. */
  tMax: number;
}

/**
 * Compares SGD records with flow records on SGD's record times up to the
 * last time both cover, the flow linearly interpolated between its records.
 * Pairs are fixed once (students keep their index in both engines): the
 * flow's own matching (matchStudents) at the last common time. The gap is
 * the largest absolute difference of a matched pair's expert (and router)
 * alignment over that window: how closely online SGD tracks the flow.
 */
export function compareWithFlow(sgd: readonly TrainingRecord[], flow: readonly TrainingRecord[]): FlowComparison {
  const tMax = Math.min(sgd[sgd.length - 1].t, flow[flow.length - 1].t);
  const atEnd = flowAt(flow, tMax);
  const pairs = matchStudents({ router: fromRows(atEnd.router), expert: fromRows(atEnd.expert) }).map((mt) => ({ teacher: mt.teacher, student: mt.student }));
  const series: PairSeries[] = [];
  const gap = { expert: 0, router: 0 };
  for (const r of sgd) {
    if (r.t > tMax) break;
    const f = flowAt(flow, r.t);
    const pick = (mat: number[][]) => pairs.map((p) => mat[p.student][p.teacher]);
    const s: PairSeries = { t: r.t, sgdExpert: pick(r.expert), flowExpert: pick(f.expert), sgdRouter: pick(r.router), flowRouter: pick(f.router) };
    s.sgdExpert.forEach((v, j) => (gap.expert = Math.max(gap.expert, Math.abs(v - s.flowExpert[j]))));
    s.sgdRouter.forEach((v, j) => (gap.router = Math.max(gap.router, Math.abs(v - s.flowRouter[j]))));
    series.push(s);
  }
  return { pairs, series, gap, tMax };
}

/** Flow alignment matrices at time t, linear between the surrounding records. */
export function flowAt(flow: readonly TrainingRecord[], t: number): { router: number[][]; expert: number[][] } {
  let k = 0;
  while (k < flow.length - 1 && flow[k + 1].t < t) k++;
  const a = flow[k];
  const b = flow[Math.min(k + 1, flow.length - 1)];
  const w = b.t > a.t ? Math.min(1, Math.max(0, (t - a.t) / (b.t - a.t))) : 0;
  const mix = (x: number[][], y: number[][]) => x.map((row, i) => row.map((v, j) => v + w * (y[i][j] - v)));
  return { router: mix(a.router, b.router), expert: mix(a.expert, b.expert) };
}
