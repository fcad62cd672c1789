import type { AlignmentMatrix, Metrics, Point, Stage } from '../generated/metrics.ts';
import { lossRoundingFloor } from '../core/rounding.ts';

/** One cross-field problem: a JSON pointer and what is wrong there. */
export interface ConsistencyProblem {
  path: string;
  problem: string;
}

const RUN_CLAIM_IDS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11'] as const;

/**
 * The rules of a metrics object that JSON Schema cannot state: the run claims
 * are C1..C11 once each in order, there is at least one point, point ids are
 * unique, every alignment matrix has the shape the point implies (m x m*
 * during feature learning and before pruning, kept x m* after), records are in
 * increasing time, pruning keeps or removes every student exactly once, and
 * no loss is below 0 by more than rounding (lossRoundingFloor of
 * src/core/rounding.ts for the stage's m and m*: a loss below it is a defect
 * of the engine that computed it, one above it is reported as computed).
 * Assumes the object already matched the schema. Empty list = consistent.
 */
export function consistencyProblems(metrics: Metrics): ConsistencyProblem[] {
  const out: ConsistencyProblem[] = [];
  const ids = metrics.claims.map((c) => c.id).join(',');
  if (ids !== RUN_CLAIM_IDS.join(','))
    out.push({ path: '/claims', problem: `expected claims C1..C11 once each in order, found [${ids}]` });
  if (metrics.points.length === 0) out.push({ path: '/points', problem: 'at least one point is required' });
  if (metrics.sweep && metrics.sweep.fields.length === 0)
    out.push({ path: '/sweep/fields', problem: 'a sweep names at least one field' });
  const seen = new Set<string>();
  metrics.points.forEach((p, k) => {
    if (seen.has(p.id)) out.push({ path: `/points/${k}/id`, problem: `duplicate point id '${p.id}'` });
    seen.add(p.id);
    out.push(...pointProblems(p, `/points/${k}`));
  });
  return out;
}

function pointProblems(p: Point, at: string): ConsistencyProblem[] {
  const out: ConsistencyProblem[] = [];
  const claimIds = p.claims.map((c) => c.id);
  if (new Set(claimIds).size !== claimIds.length)
    out.push({ path: `${at}/claims`, problem: `claim ids repeat: [${claimIds.join(',')}]` });
  out.push(...stageProblems(p.featureLearning, p.m, p.mStar, `${at}/featureLearning`));
  let rowsAfter = p.m;
  if (p.pruning) {
    const pr = p.pruning;
    rowsAfter = pr.kept.length;
    out.push(...shape(pr.before.router, p.m, p.mStar, `${at}/pruning/before/router`));
    out.push(...shape(pr.before.expert, p.m, p.mStar, `${at}/pruning/before/expert`));
    out.push(...shape(pr.after.router, rowsAfter, p.mStar, `${at}/pruning/after/router`));
    out.push(...shape(pr.after.expert, rowsAfter, p.mStar, `${at}/pruning/after/expert`));
    out.push(...lossProblems(pr.lossBefore, p.m, p.mStar, `${at}/pruning/lossBefore`));
    out.push(...lossProblems(pr.lossAfter, rowsAfter, p.mStar, `${at}/pruning/lossAfter`));
    const all = [...pr.kept, ...pr.removed.map((r) => r.student)].sort((a, b) => a - b);
    if (all.join(',') !== Array.from({ length: p.m }, (_, i) => i).join(','))
      out.push({ path: `${at}/pruning`, problem: `kept + removed must list students 0..${p.m - 1} once each, found [${all.join(',')}]` });
  }
  if (p.fineTuning) out.push(...stageProblems(p.fineTuning, rowsAfter, p.mStar, `${at}/fineTuning`));
  return out;
}

function stageProblems(s: Stage, rows: number, cols: number, at: string): ConsistencyProblem[] {
  const out: ConsistencyProblem[] = [];
  if (s.records.length === 0) out.push({ path: `${at}/records`, problem: 'at least the initial record is required' });
  s.records.forEach((r, k) => {
    out.push(...shape(r.router, rows, cols, `${at}/records/${k}/router`));
    out.push(...shape(r.expert, rows, cols, `${at}/records/${k}/expert`));
    out.push(...lossProblems(r.loss, rows, cols, `${at}/records/${k}/loss`));
    if (k > 0 && r.t < s.records[k - 1].t)
      out.push({ path: `${at}/records/${k}/t`, problem: `time goes backwards (${r.t} after ${s.records[k - 1].t})` });
  });
  out.push(...lossProblems(s.final.loss, rows, cols, `${at}/final/loss`));
  out.push(...shape(s.final.router, rows, cols, `${at}/final/router`));
  out.push(...shape(s.final.expert, rows, cols, `${at}/final/expert`));
  if (s.matching.length !== cols)
    out.push({ path: `${at}/matching`, problem: `expected one entry per teacher expert (${cols}), found ${s.matching.length}` });
  return out.slice(0, 20);
}

/** A loss of m students against m* teacher experts below the rounding floor (src/core/rounding.ts). */
function lossProblems(loss: number, m: number, mStar: number, at: string): ConsistencyProblem[] {
  const floor = lossRoundingFloor(m, mStar);
  if (loss >= floor) return [];
  return [{ path: at, problem: `loss ${loss} is below 0 by more than rounding (floor ${floor.toExponential(2)} for m = ${m}, m* = ${mStar}): a defect of the engine that computed it` }];
}

function shape(a: AlignmentMatrix, rows: number, cols: number, at: string): ConsistencyProblem[] {
  if (a.length !== rows) return [{ path: at, problem: `expected ${rows} rows (students), found ${a.length}` }];
  const bad = a.findIndex((r) => r.length !== cols);
  if (bad >= 0) return [{ path: `${at}/${bad}`, problem: `expected ${cols} columns (teacher experts), found ${a[bad].length}` }];
  return [];
}
