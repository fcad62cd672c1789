import type { Claim, Point, Stage } from '../generated/metrics.ts';
import type { ClaimThresholds } from '../generated/scenario.ts';
import { fmt, fmtE } from '../core/format.ts';
import { CLAIMS } from './titles.ts';

/** A number in evidence text: the one number format (src/core/format.ts) with 4 significant digits. */
export function num(x: number | null | undefined): string {
  return fmt(x, 4);
}

/** C1: every teacher expert recovered (matched student's expert and router alignment >= threshold) by time T. */
export function claimRecovery(fl: Stage, recoveryTime: number | null, d: number, th: ClaimThresholds): Claim {
  const bound = th.recoveryTimeBound ?? fl.horizon;
  const T = recoveryTime;
  const details = { T, TOverSqrtD: T === null ? null : T / Math.sqrt(d), bound };
  const threshold = { alignment: th.recoveryThreshold, timeBound: bound };
  if (T !== null && T <= bound) {
    return {
      id: 'C1', title: CLAIMS.C1.title, verdict: 'holds', threshold, details,
      evidence: `all ${fl.matching.length} teacher experts recovered at once at t = ${num(T)} (T/sqrt(d) = ${num(T / Math.sqrt(d))}) <= ${num(bound)}`,
    };
  }
  const missing = fl.matching.filter((mt) => !((mt.expert ?? -1) >= th.recoveryThreshold && (mt.router ?? -1) >= th.recoveryThreshold));
  const why = T !== null
    ? `recovered only at t = ${num(T)} > bound ${num(bound)}`
    : `not recovered by t = ${num(fl.final.t)}: ${missing.map(unrecoveredText).join('; ') || 'never all at the same time'}`;
  return { id: 'C1', title: CLAIMS.C1.title, verdict: 'fails', threshold, details, evidence: why };
}

/** A teacher not recovered, and its matched student's alignments, in words. */
function unrecoveredText(mt: Stage['matching'][number]): string {
  return `teacher ${mt.teacher} (student ${mt.student}: expert ${num(mt.expert)}, router ${num(mt.router)})`;
}

/** C2: for each teacher, its matched student's expert alignment passes the threshold before its router alignment. */
export function claimGuided(fl: Stage, th: ClaimThresholds): Claim {
  const title = CLAIMS.C2.title;
  const rows = teacherEventTimes(fl);
  const both = rows.filter((r) => r.expert !== null && r.router !== null);
  const threshold = { alignment: th.recoveryThreshold };
  if (both.length === 0) {
    return { id: 'C2', title, verdict: 'not-evaluated', threshold, evidence: 'no teacher had both its expert and router threshold events' };
  }
  const bad = both.filter((r) => !(r.expert! < r.router!));
  // Teachers are named 'teacher j', times 't = ...': T is the recovery time of C1, never a teacher.
  const list = both.map((r) => `teacher ${r.teacher}: expert at t = ${num(r.expert)}, router at t = ${num(r.router)}`).join('; ');
  return {
    id: 'C2', title, threshold, details: { perTeacher: rows },
    verdict: bad.length === 0 ? 'holds' : 'fails',
    evidence: bad.length === 0
      ? `for all ${both.length} teachers with both events the expert passed ${th.recoveryThreshold} first (${list})`
      : `router passed first for teacher(s) ${bad.map((r) => r.teacher).join(', ')} (${list})`,
  };
}

/** Relative gap below which two teachers' recovery times count as simultaneous (C3). */
export const SEQUENTIAL_GAP = 0.01;

/**
 * C3: teachers are recovered one after another: per teacher, recovery time =
 * max(expert event, router event); sorted times must be pairwise separated
 * by more than 1% of the last one (else two were recovered together).
 */
export function claimSequential(fl: Stage, th: ClaimThresholds): Claim {
  const title = CLAIMS.C3.title;
  const rows = teacherEventTimes(fl).map((r) => ({ teacher: r.teacher, t: r.expert !== null && r.router !== null ? Math.max(r.expert, r.router) : null }));
  const done = rows.filter((r) => r.t !== null).sort((a, b) => a.t! - b.t!);
  const threshold = { alignment: th.recoveryThreshold, relativeGap: SEQUENTIAL_GAP };
  if (done.length < 2) {
    return { id: 'C3', title, verdict: 'not-evaluated', threshold, evidence: `${done.length} teacher(s) recovered: an order needs at least two` };
  }
  const last = done[done.length - 1].t!;
  const ties: string[] = [];
  for (let k = 1; k < done.length; k++) {
    if (done[k].t! - done[k - 1].t! <= SEQUENTIAL_GAP * last) ties.push(`teachers ${done[k - 1].teacher} and ${done[k].teacher}`);
  }
  const order = done.map((r) => `teacher ${r.teacher} (t = ${num(r.t)})`).join(' < ');
  const incomplete = done.length < rows.length ? ` (${rows.length - done.length} not recovered)` : '';
  return {
    id: 'C3', title, threshold, details: { order: done },
    verdict: ties.length === 0 && done.length === rows.length ? 'holds' : 'fails',
    evidence: ties.length ? `simultaneous recoveries ${ties.join(', ')}: ${order}${incomplete}` : `recovery order ${order}${incomplete}`,
  };
}

/**
 * C4: pruning leaves m* students and raises the loss by at most the tolerance.
 * One-sided: removing students that do not quite cancel can also lower the
 * loss (figure1 at seed 2: 1.07e-7 -> 8.35e-9), which harms nothing the
 * claim is about (fine-tuning starts closer to the optimum).
 */
export function claimPruning(p: NonNullable<Point['pruning']>, mStar: number, th: ClaimThresholds): Claim {
  const ok = p.kept.length === mStar && p.lossChange <= th.pruneLossTolerance;
  const groups = p.removed.filter((r) => r.group?.length).length;
  return {
    id: 'C4', title: CLAIMS.C4.title, verdict: ok ? 'holds' : 'fails',
    threshold: { lossTolerance: th.pruneLossTolerance, kept: mStar },
    evidence: `${p.kept.length} of ${p.kept.length + p.removed.length} students kept (m* = ${mStar}), ${groups} removed in cancelling groups; ` +
      `loss ${fmtE(p.lossBefore)} -> ${fmtE(p.lossAfter)} (change ${fmtE(p.lossChange)}; an increase of at most ${fmtE(th.pruneLossTolerance)} is accepted, a decrease always)`,
  };
}

/** C5: fine-tuning reaches loss <= target, alignments >= 1 - gap, with a linear (exponential-in-time) rate. */
export function claimFineTuning(ft: Stage, th: ClaimThresholds): Claim {
  const title = CLAIMS.C5.title;
  const minAl = Math.min(...ft.matching.flatMap((mt) => [mt.expert ?? -Infinity, mt.router ?? -Infinity]));
  const rate = ft.rate;
  const lossOk = ft.final.loss <= th.fineTuneLoss;
  const alOk = minAl >= 1 - th.fineTuneAlignmentGap;
  // A stage that starts at the target (pruning kept an exact optimum) has nothing to converge: no
  // rate can be fitted there, and none is needed.
  const startedAtTarget = (ft.records[0]?.loss ?? Infinity) <= th.fineTuneLoss;
  const rateOk = startedAtTarget || (!!rate && rate.perTime > 0 && rate.r2 >= 0.9);
  const rateText = rate
    ? `linear rate ${num(rate.perTime)} per unit time (r^2 = ${rate.r2.toFixed(4)}, ${rate.points} records)`
    : startedAtTarget ? 'started at the target: no rate to fit' : 'no rate could be fitted';
  return {
    id: 'C5', title, verdict: lossOk && alOk && rateOk ? 'holds' : 'fails',
    threshold: { loss: th.fineTuneLoss, alignmentGap: th.fineTuneAlignmentGap, rateR2: 0.9 },
    details: { finalLoss: ft.final.loss, minAlignment: minAl, rate: rate ?? null },
    evidence: `loss ${fmtE(ft.final.loss)} at t = ${num(ft.final.t)} (target ${fmtE(th.fineTuneLoss)}), ` +
      `smallest matched alignment 1 - ${fmtE(1 - minAl)} (needs gap <= ${fmtE(th.fineTuneAlignmentGap)}), ${rateText}`,
  };
}

/** Per teacher: first expert and router event times (null when absent). */
export function teacherEventTimes(stage: Stage): { teacher: number; expert: number | null; router: number | null }[] {
  return stage.matching.map((mt) => {
    const first = (kind: 'expert' | 'router') => {
      const e = stage.events.filter((ev) => ev.teacher === mt.teacher && ev.kind === kind);
      return e.length ? Math.min(...e.map((ev) => ev.t)) : null;
    };
    return { teacher: mt.teacher, expert: first('expert'), router: first('router') };
  });
}
